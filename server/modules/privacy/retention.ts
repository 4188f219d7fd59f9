import { deleteAuditEntriesBefore } from '../../core/audit'
import type { AppContext } from '../../core/context'
import { shanghaiDate } from '../../../src/domain/time'
import { deleteUnsubmittedCases } from '../review/service'
import * as repo from './repository'
import { deleteExportZip } from './export-files'

const DAY_MS = 86_400_000

type Sweep = (ctx: AppContext, cutoff: Date) => Promise<number>

const deleted = async (ctx: AppContext, sql: string, params: unknown[]) => (await ctx.db.query(sql, params)).rowCount ?? 0

/**
 * What each deletable retention kind removes once its period (retention_policies.retention_days) has
 * passed; `cutoff` is now minus that period. Every statement is a conditional delete, so a second run
 * removes nothing more. A kind in the table without a sweep here fails the retention test.
 */
export const SWEEPS: Record<string, Sweep> = {
  session: (ctx, cutoff) => deleted(ctx, 'delete from sessions where least(coalesce(revoked_at, expires_at), expires_at) < $1', [cutoff]),
  sms_code: (ctx, cutoff) => deleted(ctx, 'delete from sms_codes where expires_at < $1', [cutoff]),
  idempotency_key: (ctx, cutoff) => deleted(ctx, 'delete from idempotency_keys where created_at < $1', [cutoff]),
  draft_case: (ctx, cutoff) => deleteUnsubmittedCases(ctx, { untouchedBefore: cutoff }),
  message: (ctx, cutoff) => deleted(ctx, 'delete from messages where created_at < $1', [cutoff]),
  outbox: (ctx, cutoff) => deleted(ctx, 'delete from outbox where coalesce(delivered_at, failed_at) < $1', [cutoff]),
  privacy_export: async (ctx, cutoff) => {
    const { rows } = await ctx.db.query<{ id: string }>('delete from privacy_exports where coalesce(ready_at, requested_at) < $1 returning id', [cutoff])
    for (const row of rows) await deleteExportZip(ctx, row.id)
    return rows.length
  },
  appointment: async (ctx, cutoff) => {
    const day = shanghaiDate(cutoff)
    return ctx.db.tx(async (q) => {
      const appointments = (await q.query('delete from appointments where service_date < $1', [day])).rowCount ?? 0
      const blocks = (await q.query('delete from appointment_blocks where blocked_until < $1', [day])).rowCount ?? 0
      const days = (await q.query('delete from queue_person_days where service_date < $1', [day])).rowCount ?? 0
      const tickets =
        (await q.query('delete from queue_tickets t where t.service_date < $1 and not exists (select 1 from appointments a where a.ticket_id = t.id)', [day]))
          .rowCount ?? 0
      return appointments + blocks + days + tickets
    })
  },
  ended_name_reservation: (ctx, cutoff) => deleted(ctx, `delete from name_reservations where status in ('released', 'expired') and ended_at < $1`, [cutoff]),
  audit_entry: (ctx, cutoff) => deleteAuditEntriesBefore(ctx.db, cutoff),
}

/**
 * What this process's sweeps deleted since it started, per kind, and when the last sweep finished (read by
 * /metrics: onetrip_retention_deleted_total, onetrip_retention_last_sweep_timestamp_seconds).
 */
const deletedTotals = new Map<string, number>()
let lastSweepAt: Date | null = null

export const retentionTotals = () => ({ deleted: [...deletedTotals].map(([kind, count]) => ({ kind, count })), lastSweepAt })

/** Deletes what has passed its retention period, kind by kind; returns the counts (also logged and counted for /metrics). */
export async function applyRetention(ctx: AppContext): Promise<Record<string, number>> {
  const now = ctx.clock.now()
  const counts: Record<string, number> = {}
  for (const policy of await repo.retentionPolicies(ctx.db)) {
    if (policy.action !== 'delete' || policy.retention_days === null) continue
    const sweep = SWEEPS[policy.kind]
    if (!sweep) throw new Error(`retention kind ${policy.kind} has no sweep`)
    counts[policy.kind] = await sweep(ctx, new Date(now.getTime() - policy.retention_days * DAY_MS))
    deletedTotals.set(policy.kind, (deletedTotals.get(policy.kind) ?? 0) + counts[policy.kind])
  }
  lastSweepAt = new Date()
  ctx.log.info({ job: 'privacy-retention', deleted: counts }, 'retention sweep')
  return counts
}
