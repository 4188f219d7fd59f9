import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { conflict } from '../../core/errors'
import { markWithdrawn } from '../me/service'
import { deleteUnsubmittedCases } from '../review/service'
import { PERSONAL_TABLES } from './registry'
import * as repo from './repository'
import { deleteExportZip } from './export-files'

const DAY_MS = 86_400_000

/**
 * 注销账号, step 1: records the request with its cooling-off period and signs the person out on every
 * device. Signing in again before `effective_at` cancels it (cancelDeletionAtSignIn).
 */
export async function requestDeletion(ctx: AppContext, userId: string, reason: 'request' | 'privacy_withdrawn' = 'request') {
  const now = ctx.clock.now()
  return ctx.db.tx(async (q) => {
    const created = await repo.insertDeletion(q, userId, now, new Date(now.getTime() + ctx.config.privacy.coolingOffDays * DAY_MS))
    if (!created) throw conflict('DELETION_PENDING', '您已提交注销申请，冷静期内再次登录即可撤销')
    // Without consent to the 《隐私政策》 nothing may be processed any more: withdrawing it is a request to be deleted.
    if (reason === 'privacy_withdrawn') await markWithdrawn(q, userId, 'privacy', now)
    await repo.revokeSessions(q, userId, now)
    await audit(q, {
      actor: userId,
      hallId: null,
      action: 'privacy.deletion_requested',
      target: { kind: 'user', id: userId },
      ...(reason === 'privacy_withdrawn' ? { detail: { reason } } : {}),
      at: now,
    })
    return created
  })
}

/** Called by sign-in inside its transaction: signing in during the cooling-off period cancels the request. */
export async function cancelDeletionAtSignIn(q: Queryable, userId: string, now: Date): Promise<boolean> {
  const cancelled = await repo.cancelDeletion(q, userId, now)
  if (cancelled) await audit(q, { actor: userId, hallId: null, action: 'privacy.deletion_cancelled', target: { kind: 'user', id: userId }, at: now })
  return cancelled !== null
}

const DELETED_TABLES = PERSONAL_TABLES.filter((t) => t.onDeletion === 'delete').sort((a, b) => (a.deleteOrder ?? 0) - (b.deleteOrder ?? 0))

/**
 * 注销账号, step 2 (a job): for each request past its cooling-off period, in one transaction, deletes
 * every row the registry marks `delete`, turns the account into a tombstone and records it; then deletes
 * unsubmitted cases with their files and the prepared exports' files. Kept records (submitted cases,
 * name reservations, signed authorizations, the audit log) stay, referencing the tombstone.
 */
export async function carryOutDueDeletions(ctx: AppContext): Promise<number> {
  let done = 0
  for (const due of await repo.dueDeletions(ctx.db, ctx.clock.now())) {
    const now = ctx.clock.now()
    const result = await ctx.db.tx(async (q) => {
      // The sign-in that cancels locks the same users row first (its upsert), so the two never interleave.
      await repo.lockUser(q, due.user_id)
      const completed = await repo.completeDeletion(q, due.id, now)
      if (!completed) return null
      const exports = await q.query<{ id: string }>('select id from privacy_exports where user_id = $1', [due.user_id])
      const counts: Record<string, number> = {}
      for (const entry of DELETED_TABLES) counts[entry.table] = (await q.query(`delete from ${entry.table} where ${entry.where}`, [due.user_id])).rowCount ?? 0
      await repo.tombstoneUser(q, due.user_id, now)
      await audit(q, {
        actor: due.user_id,
        hallId: null,
        action: 'privacy.account_deleted',
        target: { kind: 'user', id: due.user_id },
        detail: { deleted: counts },
        at: now,
      })
      return exports.rows.map((e) => e.id)
    })
    if (!result) continue
    for (const id of result) await deleteExportZip(ctx, id)
    await deleteUnsubmittedCases(ctx, { userId: due.user_id })
    done++
  }
  return done
}
