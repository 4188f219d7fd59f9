import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, notFound, unprocessable } from '../../core/errors'
import { shanghaiDate } from '../../../src/domain/time'
import { CASE_STATUS_LABEL, canApply, missingBeforeSubmit } from '../../../src/domain/review'
import * as repo from './repository'
import type { CaseDetail } from './schemas'
import { names, requirementOf } from './decision'
import { move, refuseTransition } from './transitions'
import { buildCaseDetail } from './views'

/**
 * The cases of a 一件事 application (证照通, issue 20; the theme module owns the application): one pre-review
 * case per item, with pre-review's materials, files and history, marked `joint`. The theme submits them
 * together, each item's department decides its own case, and the theme issues the one combined notice;
 * these functions are the case-side steps, run inside the theme's transaction.
 */

/** A material the reviewer returns, with the problem in the applicant's words. */
export interface JointProblem {
  materialCode: string
  problem: string
}

/** Opens one draft case per item at the hall (the hall must offer each). */
export async function createJointCases(q: Queryable, c: { userId: string; hallId: string; itemIds: readonly string[]; now: Date }): Promise<string[]> {
  const ids: string[] = []
  for (const itemId of c.itemIds) {
    if (!(await repo.itemOfferedAt(q, c.hallId, itemId))) throw notFound('该服务中心不办理此主题的全部事项，请选择其他服务中心')
    const caseNumber = await repo.nextCaseNumber(q, shanghaiDate(c.now))
    const caseId = await repo.insertCase(q, { caseNumber, userId: c.userId, hallId: c.hallId, itemId, now: c.now, joint: true })
    await repo.insertCreatedHistory(q, caseId, c.userId, c.now)
    ids.push(caseId)
  }
  return ids
}

/** The cases as pre-review shows them (materials, files, what the applicant may still change), in the given order. */
export async function jointCaseDetails(ctx: AppContext, caseIds: readonly string[], viewer: 'applicant' | 'reviewer'): Promise<CaseDetail[]> {
  const details: CaseDetail[] = []
  for (const id of caseIds) {
    const found = await repo.findCase(ctx.db, id)
    if (!found) throw notFound('办件不存在')
    details.push(await buildCaseDetail(ctx, found, viewer))
  }
  return details
}

async function jointCase(q: Queryable, caseId: string): Promise<repo.CaseRow> {
  const found = await repo.findCase(q, caseId, { lock: true })
  if (!found || !found.joint) throw notFound('办件不存在')
  return found
}

/**
 * Submits one case of the application (first time or after the combined notice): every needed material has a
 * file (no 容缺 in a joint application), and after 补正 every returned material has changed.
 */
export async function submitJointCase(q: Queryable, c: { userId: string; caseId: string; now: Date }): Promise<void> {
  const found = await jointCase(q, c.caseId)
  if (found.user_id !== c.userId) throw notFound('办件不存在')
  if (!canApply('submit', found.status) || found.status === 'deferred_approved') refuseTransition('submit', found.status)
  const materials = (await repo.listCaseMaterials(q, found.id)).filter((m) => m.source !== 'shared').map((m) => ({ ...m, fileCount: m.file_count }))
  const missing = missingBeforeSubmit(found.status, materials, [])
  if (missing) throw unprocessable(missing.code, `${found.item_name}：请先上传${names(missing.materials)}`)
  if (found.status === 'needs_fix') {
    const unchanged = materials.filter((m) => m.verdict === 'problem' && !m.changed_at)
    if (unchanged.length) throw unprocessable('FIX_INCOMPLETE', `请按告知书更换以下材料的文件后再提交：${names(unchanged)}`)
    await q.query(`update case_materials set verdict = null, reasons = $2, review_note = null where case_id = $1 and verdict = 'problem'`, [found.id, []])
  }
  await q.query('update case_materials set deferred = false where case_id = $1', [found.id])
  await move(q, found, 'submit', {
    now: c.now,
    actorUserId: c.userId,
    note: found.status === 'needs_fix' ? '一件事联办：补正后重新提交' : '一件事联办：提交联审',
    set: { submitted_at: c.now, first_submitted_at: found.first_submitted_at ?? c.now, fix_due_date: null },
  })
}

/**
 * The department's decision on its item: 通过 moves the case to 预审通过 now; 需补正 marks the returned
 * materials and keeps the case in 预审中 until the theme issues the round's combined notice (returnJointCase).
 * The caller has checked that the reviewer is of the item's department.
 */
export async function decideJointCase(
  q: Queryable,
  c: { reviewerId: string; caseId: string; decision: 'approve' | 'needs_fix'; problems: readonly JointProblem[]; now: Date },
): Promise<void> {
  let found = await jointCase(q, c.caseId)
  if (found.status === 'submitted') {
    await move(q, found, 'open', { now: c.now, actorUserId: c.reviewerId, note: '一件事联审：开始审查', set: { reviewer_user_id: c.reviewerId } })
    found = { ...found, status: 'reviewing' }
  }
  if (found.status !== 'reviewing') throw conflict('CASE_NOT_REVIEWING', `办件当前为“${CASE_STATUS_LABEL[found.status]}”，不能作出审查决定`)
  const materials = (await repo.listCaseMaterials(q, found.id)).filter((m) => m.source !== 'shared')
  const returned = new Map<string, string>()
  for (const p of c.problems) {
    const material = materials.find((m) => m.code === p.materialCode)
    if (!material) throw badRequest('NOT_A_MATERIAL', '退回的材料不属于本事项')
    if (!p.problem.trim()) throw badRequest('PROBLEM_REASON_REQUIRED', `请写明「${material.name}」的问题`)
    returned.set(p.materialCode, p.problem.trim())
  }
  if (c.decision === 'needs_fix' && !returned.size) throw unprocessable('NO_PROBLEMS_LISTED', '请至少列出一项有问题的材料并写明原因，才能要求补正')
  if (c.decision === 'approve' && returned.size) throw badRequest('APPROVE_WITH_PROBLEMS', '通过时不能退回材料，请改为“需补正”')
  for (const m of materials) {
    const problem = returned.get(m.code)
    await q.query(
      `update case_materials set verdict = $3, reasons = $4, review_note = null, marked_by = $5, marked_at = $6 where case_id = $1 and material_code = $2`,
      [found.id, m.code, problem ? 'problem' : m.file_count > 0 ? 'pass' : null, problem ? [problem] : [], c.reviewerId, c.now],
    )
  }
  if (c.decision === 'approve') {
    await move(q, found, 'approve', {
      now: c.now,
      actorUserId: c.reviewerId,
      note: '一件事联审：通过',
      set: { decided_at: c.now, reviewer_user_id: c.reviewerId },
    })
  } else {
    await q.query('update cases set reviewer_user_id = $2, updated_at = $3 where id = $1', [found.id, c.reviewerId, c.now])
  }
}

/**
 * Returns a case for 补正 when the theme issues the round's combined notice: `alsoReturned` are shared materials
 * another department returned (one document, so it is returned for every item that uses it). From here on
 * `changed_at` tells which returned materials the applicant has replaced.
 */
export async function returnJointCase(q: Queryable, c: { caseId: string; alsoReturned: readonly JointProblem[]; fixDue: string; now: Date }): Promise<void> {
  const found = await jointCase(q, c.caseId)
  for (const p of c.alsoReturned) {
    await q.query(
      `update case_materials set verdict = 'problem', reasons = array_append(case when verdict = 'problem' then reasons else '{}' end, $3)
        where case_id = $1 and material_code = $2`,
      [found.id, p.materialCode, p.problem],
    )
  }
  await repo.resetMaterialChanges(q, found.id)
  await move(q, found, 'needs_fix', {
    now: c.now,
    actorUserId: null,
    note: '一件事联审：统一出具一次性告知书',
    set: { decided_at: c.now, fix_due_date: c.fixDue },
  })
}

/** The returned materials of a case in the words of the notice (problem and requirement). */
export async function returnedMaterials(q: Queryable, caseId: string) {
  return (await repo.listCaseMaterials(q, caseId))
    .filter((m) => m.verdict === 'problem')
    .map((m) => ({ code: m.code, name: m.name, shareKey: m.share_key, problems: m.reasons, requirement: requirementOf(m) }))
}
