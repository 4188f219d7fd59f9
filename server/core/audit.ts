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

export interface AuditRecord {
  created_at: Date
  action: string
  target: string
  detail: Record<string, unknown>
  /** The actor's sealed real name (users.real_name_enc), for the caller to unseal and mask. */
  actor_name_enc: string | null
}

/** A hall's entries whose action starts with `actionPrefix` (and of one target, if given), newest first. */
export async function auditHistory(
  q: Queryable,
  filter: { hallId: string; actionPrefix: string; target: string | null; limit: number },
): Promise<AuditRecord[]> {
  const { rows } = await q.query<AuditRecord>(
    `select a.created_at, a.action, a.target, a.detail, u.real_name_enc as actor_name_enc
       from audit_log a left join users u on u.id = a.actor_user_id
      where a.hall_id = $1 and starts_with(a.action, $2) and ($3::text is null or a.target = $3)
      order by a.id desc limit $4`,
    [filter.hallId, filter.actionPrefix, filter.target, filter.limit],
  )
  return rows
}

/** The entries about one person (by them, or naming them as target or in the detail): for the privacy export. `$1` is the user id. */
export const AUDIT_ENTRIES_OF_PERSON = {
  table: 'audit_log',
  where: "actor_user_id::text = $1 or target = 'user:' || $1 or detail::text like '%' || $1 || '%'",
  subjectColumn: 'actor_user_id',
} as const

/** Deletes entries older than the log's retention period (modules/privacy's retention job); returns how many. */
export async function deleteAuditEntriesBefore(q: Queryable, cutoff: Date): Promise<number> {
  return (await q.query('delete from audit_log where created_at < $1', [cutoff])).rowCount ?? 0
}
