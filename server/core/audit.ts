import type { Queryable } from './db'

/** What an audit entry is about; stored as `<kind>:<id>` (e.g. `case:…`, `queue_ticket:…`). */
export type AuditTargetKind =
  'appointment' | 'authorization' | 'case' | 'closure' | 'hall' | 'hall_window' | 'licence' | 'queue_category' | 'queue_ticket' | 'user'

export interface AuditEntry {
  /** The signed-in user who acted. */
  actor: string
  /** The hall the action belongs to; null for account-wide actions. */
  hallId: string | null
  /** `<module>.<verb>`, e.g. `review.approve`, `queue.call`. */
  action: string
  target: { kind: AuditTargetKind; id: string }
  detail?: Record<string, unknown>
  /** The BFF clock's instant (never the database's `now()`). */
  at: Date
}

export const auditTarget = (kind: AuditTargetKind, id: string) => `${kind}:${id}`

/** The one writer of `audit_log`: call it inside the transaction of the change it records. */
export async function audit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query('insert into audit_log (actor_user_id, hall_id, action, target, detail, created_at) values ($1, $2, $3, $4, $5, $6)', [
    entry.actor,
    entry.hallId,
    entry.action,
    auditTarget(entry.target.kind, entry.target.id),
    JSON.stringify(entry.detail ?? {}),
    entry.at,
  ])
}
