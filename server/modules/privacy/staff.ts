import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import { badRequest, notFound } from '../../core/errors'
import { parseIdCard } from '../../../src/domain/id-card'
import { maskName } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import { collectPersonalData } from './export'
import { categoryCounts } from './overview'
import type { RequestKind, StaffSubject } from './schemas'

/**
 * A person's request at the window (PIPL arts. 45–47): staff check the ID card, find the account or the
 * kept records of a deleted one by the ID number's blind index, hand over a copy and record the answer.
 * Every step names a reason and is written to the audit log with the hall.
 */
export async function findSubject(ctx: AppContext, staffId: string, hallId: string, idNumberInput: string, reason: string): Promise<StaffSubject> {
  const parsed = parseIdCard(idNumberInput, shanghaiDate(ctx.clock.now()))
  if (!parsed.ok) throw badRequest('INVALID_ID_NUMBER', parsed.message)
  const index = ctx.keys.cipher.blindIndex(`id:${parsed.value.normalized}`)
  const { rows } = await ctx.db.query<{ id: string; real_name_enc: string | null; deleted_at: Date | null }>(
    `select u.id, u.real_name_enc, u.deleted_at from users u where u.id_number_index = $1
     union all
     select u.id, u.real_name_enc, u.deleted_at from account_deletions d join users u on u.id = d.user_id
      where d.id_number_index = $1 and d.status = 'completed'
     order by deleted_at desc nulls first limit 1`,
    [index],
  )
  const subject = rows[0]
  if (!subject) throw notFound('未找到该身份证号对应的账号或保留记录')
  const now = ctx.clock.now()
  await audit(ctx.db, { actor: staffId, hallId, action: 'privacy.staff_lookup', target: { kind: 'user', id: subject.id }, detail: { reason }, at: now })
  const counts = await categoryCounts(ctx.db, subject.id)
  return {
    subjectId: subject.id,
    state: subject.deleted_at ? 'deleted' : 'active',
    nameMasked: subject.real_name_enc ? maskName(ctx.keys.cipher.decrypt(subject.real_name_enc)) : null,
    deletedAt: subject.deleted_at?.toISOString() ?? null,
    categories: counts,
  }
}

async function requireSubject(ctx: AppContext, subjectId: string) {
  const { rows } = await ctx.db.query('select 1 from users where id = $1', [subjectId])
  if (!rows.length) throw notFound('未找到该账号或保留记录')
}

/** The person's data as JSON, for staff to hand over at the window (files stay in the online copy). */
export async function staffExport(ctx: AppContext, staffId: string, hallId: string, subjectId: string, reason: string) {
  await requireSubject(ctx, subjectId)
  const now = ctx.clock.now()
  const { tables } = await collectPersonalData(ctx, ctx.db, subjectId)
  await audit(ctx.db, { actor: staffId, hallId, action: 'privacy.staff_export', target: { kind: 'user', id: subjectId }, detail: { reason }, at: now })
  return { generatedAt: now.toISOString(), subjectId, tables }
}

/** Records that a person's request was answered at the window (what was asked, what was done). */
export async function recordAnswered(ctx: AppContext, staffId: string, hallId: string, subjectId: string, kind: RequestKind, note: string) {
  await requireSubject(ctx, subjectId)
  await audit(ctx.db, {
    actor: staffId,
    hallId,
    action: 'privacy.request_answered',
    target: { kind: 'user', id: subjectId },
    detail: { kind, note },
    at: ctx.clock.now(),
  })
  return { ok: true as const }
}
