import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, notFound, unprocessable } from '../../core/errors'
import { notify } from '../../core/notify'
import { recordServiceCompletion } from '../../core/service-completions'
import { maskName } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import {
  CASE_STATUS_LABEL,
  DECISION_LABEL,
  DEFERRAL_PLEDGE,
  DRAFT_TTL_DAYS,
  FIX_DEADLINE_WORKING_DAYS,
  TRANSITIONS,
  canApply,
  missingBeforeSubmit,
  type CaseStatus,
} from '../../../src/domain/review'
import * as repo from './repository'
import type { QueueEntry } from './schemas'
import { caseDeadline } from './views'
import { decisionMessage, decisionNotice, materialFacts, names, type DecisionInput } from './decision'
import { dueDateAfter, move, refuseTransition } from './transitions'

export type { DecisionInput } from './decision'
export type { CaseSummary } from './repository'
export { deleteUnsubmittedCases, storedFileBytes } from './unsubmitted'
export { createJointCases, decideJointCase, jointCaseDetails, returnJointCase, returnedMaterials, submitJointCase, type JointProblem } from './joint'
export { mirrorMaterialFiles } from './files'
export { dueDateAfter } from './transitions'
import { pageLink, subscribePage } from '../../../src/domain/page-routes'

/** At most this many drafts per person at once: each draft holds up to 50 MB of files. */
export const MAX_OPEN_DRAFTS = 10

// ---------------------------------------------------------------- applicant

export async function createCase(ctx: AppContext, userId: string, itemId: string, hallId: string): Promise<string> {
  return ctx.db.tx(async (q) => {
    if (!(await repo.itemOfferedAt(q, hallId, itemId))) throw notFound('该服务中心不办理此事项')
    const now = ctx.clock.now()
    // The user's row lock makes the draft count and the insert one step, even across instances.
    await q.query('select id from users where id = $1 for update', [userId])
    if ((await repo.countDrafts(q, userId)) >= MAX_OPEN_DRAFTS) {
      throw conflict('TOO_MANY_DRAFTS', `您已有${MAX_OPEN_DRAFTS}件未提交的草稿，请先提交或撤回后再新建`)
    }
    const caseNumber = await repo.nextCaseNumber(q, shanghaiDate(now))
    const caseId = await repo.insertCase(q, { caseNumber, userId, hallId, itemId, now })
    await repo.insertCreatedHistory(q, caseId, userId, now)
    return caseId
  })
}

/** A case of a 一件事 application moves with the application (theme module), never on its own. */
export function refuseJoint(found: repo.CaseRow): void {
  if (found.joint) throw conflict('JOINT_CASE', '该办件属于“一件事”联办申请，请在申请页统一提交，由联审部门作出决定')
}

async function ownCase(q: Queryable, userId: string, caseId: string): Promise<repo.CaseRow> {
  const found = await repo.findCase(q, caseId, { lock: true })
  if (!found || found.user_id !== userId) throw notFound('办件不存在')
  return found
}

/**
 * Submits (or resubmits) a case. All 必要 materials need an accepted file; a 容缺后补 material needs a
 * file or the applicant's choice to defer it, which is allowed only when every main material is there
 * and the 容缺受理承诺书 is confirmed (docs/domain-rules.md §5). Materials the government already holds
 * (免提交) are never asked for.
 */
export async function submitCase(ctx: AppContext, userId: string, caseId: string, body: { deferredCodes: string[]; pledgeVersion?: string }) {
  await ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    const found = await ownCase(q, userId, caseId)
    refuseJoint(found)
    if (!canApply('submit', found.status)) refuseTransition('submit', found.status)
    const materials = (await repo.listCaseMaterials(q, caseId)).filter((m) => m.source !== 'shared').map((m) => ({ ...m, fileCount: m.file_count }))
    const deferredCodes = new Set(body.deferredCodes)

    if (found.status === 'deferred_approved') {
      if (deferredCodes.size) throw badRequest('DEFERRAL_FIXED', '容缺材料已确定，请补传后提交')
      const owed = missingBeforeSubmit(found.status, materials, [])
      if (owed) throw unprocessable(owed.code, owed.message)
      await q.query('update case_materials set verdict = null, reasons = $2, review_note = null where case_id = $1 and deferred', [caseId, []])
      await move(q, found, 'submit', { now, actorUserId: userId, note: '补齐容缺材料', set: { submitted_at: now } })
      return
    }

    for (const code of deferredCodes) {
      const material = materials.find((m) => m.code === code)
      if (!material || material.necessity !== 'deferrable') throw badRequest('NOT_DEFERRABLE', `${material ? `「${material.name}」` : '该材料'}不能容缺后补`)
      if (material.file_count > 0) throw badRequest('NOT_DEFERRABLE', `「${material.name}」已上传，无需容缺`)
    }
    const missing = missingBeforeSubmit(found.status, materials, [...deferredCodes])
    if (missing) throw unprocessable(missing.code, missing.message)
    if (deferredCodes.size) {
      const mainMissing = materials.filter((m) => m.is_main && m.file_count === 0)
      if (mainMissing.length) throw unprocessable('MAIN_MATERIALS_MISSING', `主要材料齐全才能容缺受理，请先上传：${names(mainMissing)}`)
      if (body.pledgeVersion !== DEFERRAL_PLEDGE.version) {
        throw unprocessable('PLEDGE_REQUIRED', `选择容缺后补须阅读并确认《${DEFERRAL_PLEDGE.title}》`)
      }
    }
    if (found.status === 'needs_fix') {
      const unchanged = materials.filter((m) => m.verdict === 'problem' && !m.changed_at)
      if (unchanged.length) throw unprocessable('FIX_INCOMPLETE', `请按告知书更换以下材料的文件后再提交：${names(unchanged)}`)
      await q.query(`update case_materials set verdict = null, reasons = $2, review_note = null where case_id = $1 and verdict = 'problem'`, [caseId, []])
    }
    await q.query('update case_materials set deferred = (material_code = any($2::text[])) where case_id = $1', [caseId, [...deferredCodes]])
    const deferring = deferredCodes.size > 0
    await move(q, found, 'submit', {
      now,
      actorUserId: userId,
      note: found.status === 'needs_fix' ? '补正后重新提交' : deferring ? `提交预审，容缺${deferredCodes.size}项` : '提交预审',
      set: {
        submitted_at: now,
        first_submitted_at: found.first_submitted_at ?? now,
        fix_due_date: null,
        pledge_version: deferring ? DEFERRAL_PLEDGE.version : null,
        pledge_confirmed_at: deferring ? now : null,
        // Supplements are due within the item's promised time, counted from this submission.
        supplement_due_date: deferring ? dueDateAfter(ctx, now, found.promised_days) : null,
      },
    })
  })
}

export async function withdrawCase(ctx: AppContext, userId: string, caseId: string, reason?: string) {
  await ctx.db.tx(async (q) => {
    const found = await ownCase(q, userId, caseId)
    refuseJoint(found)
    await move(q, found, 'withdraw', { now: ctx.clock.now(), actorUserId: userId, note: reason?.trim() || '申请人撤回' })
  })
}

// ---------------------------------------------------------------- reviewer

/** A case a reviewer may see: never a draft (it is still the applicant's). Hall rights are checked by the caller. */
export async function reviewableCase(q: Queryable, caseId: string, lock = false): Promise<repo.CaseRow> {
  const found = await repo.findCase(q, caseId, { lock })
  if (!found || found.status === 'draft') throw notFound('办件不存在')
  return found
}

/** The reviewer who opened a case (null before anyone did): other modules decide access with it. */
/** A case by its number for other modules (pickup); `lock` holds the row for the caller's transaction. */
export const caseByNumber = (q: Queryable, caseNumber: string, lock = false) => repo.findCaseSummary(q, caseNumber, lock)

export async function reviewerOf(q: Queryable, caseId: string): Promise<string | null> {
  return (await repo.findCase(q, caseId))?.reviewer_user_id ?? null
}

export async function openCase(ctx: AppContext, reviewerId: string, found: repo.CaseRow) {
  if (found.status === 'reviewing') return
  await ctx.db.tx(async (q) => {
    const locked = await reviewableCase(q, found.id, true)
    if (locked.status === 'reviewing') return
    await move(q, locked, 'open', { now: ctx.clock.now(), actorUserId: reviewerId, note: '开始预审', set: { reviewer_user_id: reviewerId } })
  })
}

export async function markMaterial(
  ctx: AppContext,
  reviewerId: string,
  caseId: string,
  code: string,
  mark: { verdict: 'pass' | 'problem'; reasons: string[]; note?: string },
) {
  await ctx.db.tx(async (q) => {
    const found = await reviewableCase(q, caseId, true)
    if (found.status !== 'reviewing') throw conflict('CASE_NOT_REVIEWING', `办件当前为“${CASE_STATUS_LABEL[found.status]}”，请先开始预审`)
    const material = (await repo.listCaseMaterials(q, caseId)).find((m) => m.code === code)
    if (!material) throw notFound('该事项没有这项材料')
    const note = mark.note?.trim() || null
    if (mark.verdict === 'problem' && !mark.reasons.length && !note) throw badRequest('PROBLEM_REASON_REQUIRED', '请选择或填写问题原因')
    if (mark.verdict === 'pass' && material.file_count === 0 && material.source !== 'shared') {
      throw badRequest('NO_FILE_TO_PASS', '该材料没有上传文件，不能标记为通过')
    }
    await q.query(
      `update case_materials set verdict = $3, reasons = $4, review_note = $5, marked_by = $6, marked_at = $7 where case_id = $1 and material_code = $2`,
      [caseId, code, mark.verdict, mark.verdict === 'problem' ? mark.reasons : [], mark.verdict === 'problem' ? note : null, reviewerId, ctx.clock.now()],
    )
  })
}

/** The reviewer's decision (rules in decision.ts), its notice, audit entry and message, in one transaction. */
export async function decideCase(ctx: AppContext, reviewerId: string, caseId: string, input: DecisionInput) {
  await ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    const found = await reviewableCase(q, caseId, true)
    if (found.status !== 'reviewing') throw conflict('CASE_NOT_REVIEWING', `办件当前为“${CASE_STATUS_LABEL[found.status]}”，不能作出预审决定`)
    const facts = materialFacts(await repo.listCaseMaterials(q, caseId))
    let fixDue: string | undefined
    const notice = decisionNotice(found, facts, input, () => (fixDue = dueDateAfter(ctx, now, FIX_DEADLINE_WORKING_DAYS)))
    // From here on `changed_at` tells which returned materials the applicant has replaced.
    if (input.decision === 'needs_fix') await repo.resetMaterialChanges(q, caseId)
    const note = input.note?.trim() || null
    const set = { decided_at: now, reviewer_user_id: reviewerId, ...(fixDue ? { fix_due_date: fixDue } : {}) }
    await move(q, found, input.decision, { now, actorUserId: reviewerId, note: note ?? DECISION_LABEL[input.decision], set })
    if (notice) await repo.insertNotice(q, { ...notice, caseId, issuedBy: reviewerId, issuedAt: now })
    await audit(q, {
      actor: reviewerId,
      hallId: found.hall_id,
      action: `review.${input.decision}`,
      target: { kind: 'case', id: found.id },
      detail: { caseNumber: found.case_number, problems: facts.problems.map((m) => m.code) },
      at: now,
    })
    const message = decisionMessage(found, input, { problems: facts.problems.length, deferred: facts.deferredMissing.length, fixDue })
    await notifyApplicant(q, now, found, TRANSITIONS[input.decision].to, message)
    // A decision that ends the pre-review (not a 补正 round) invites the applicant to rate it (好差评).
    if (input.decision !== 'needs_fix') {
      await recordServiceCompletion(q, {
        kind: 'review',
        serviceId: found.id,
        userId: found.user_id,
        hallId: found.hall_id,
        staffUserId: reviewerId,
        title: `预审 ${found.case_number} · ${found.item_name}`,
        completedAt: now,
      })
    }
  })
}

async function notifyApplicant(q: Queryable, now: Date, c: repo.CaseRow, to: CaseStatus, body: string) {
  const label = CASE_STATUS_LABEL[to]
  await notify(q, now, {
    userId: c.user_id,
    dedupeKey: `case:${c.id}:${to}:${now.getTime()}`,
    kind: 'case_result',
    title: `办件${label}`,
    body,
    link: pageLink('reviewCase', { id: c.id }),
    wechat: {
      templateKind: 'case_result',
      page: subscribePage(pageLink('reviewCase', { id: c.id })),
      data: {
        character_string1: { value: c.case_number },
        thing2: { value: c.item_name.slice(0, 20) },
        phrase3: { value: label },
        time4: { value: `${shanghaiDate(now)}` },
      },
    },
  })
}

export async function reviewQueue(ctx: AppContext, hallId: string): Promise<QueueEntry[]> {
  const now = ctx.clock.now()
  return (await repo.listQueue(ctx.db, hallId)).map((c) => {
    const { dueAt, msLeft } = caseDeadline(c, now)!
    return {
      id: c.id,
      caseNumber: c.case_number,
      status: c.status,
      itemName: c.item_name,
      promisedDays: c.promised_days,
      applicantNameMasked: c.real_name_enc ? maskName(ctx.keys.cipher.decrypt(c.real_name_enc)) : '未实名',
      submittedAt: c.submitted_at!.toISOString(),
      dueAt,
      msLeft,
      resubmitted: c.first_submitted_at !== null && c.submitted_at !== null && c.first_submitted_at < c.submitted_at,
      deferredCount: c.deferred_count,
    }
  })
}

// ---------------------------------------------------------------- expiry

/**
 * Expires drafts untouched for DRAFT_TTL_DAYS, 需补正 cases past their 补正 deadline and 容缺通过 cases past
 * their supplement deadline. Each case is re-checked under its lock, so running twice changes nothing.
 */
export async function expireCases(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const draftCutoff = new Date(now.getTime() - DRAFT_TTL_DAYS * 86_400_000)
  let expired = 0
  for (const id of await repo.expiryCandidates(ctx.db, today, draftCutoff)) {
    const done = await ctx.db.tx(async (q) => {
      const found = await repo.findCase(q, id, { lock: true })
      if (!found) return false
      const due =
        (found.status === 'draft' && found.updated_at < draftCutoff) ||
        (found.status === 'needs_fix' && found.fix_due_date !== null && found.fix_due_date < today) ||
        (found.status === 'deferred_approved' && found.supplement_due_date !== null && found.supplement_due_date < today)
      if (!due) return false
      const note =
        found.status === 'draft'
          ? `草稿超过${DRAFT_TTL_DAYS}天未提交`
          : found.status === 'needs_fix'
            ? `超过补正期限${found.fix_due_date}未补正`
            : `超过容缺补交期限${found.supplement_due_date}未补齐`
      await move(q, found, 'expire', { now, actorUserId: null, note })
      await notifyApplicant(q, now, found, 'expired', `您的办件${found.case_number}（${found.item_name}）已过期：${note}。如需办理请重新申报。`)
      return true
    })
    if (done) expired++
  }
  return expired
}
