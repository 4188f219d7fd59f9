import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../core/errors'
import { notify } from '../../core/notify'
import { maskName } from '../../../src/domain/mask'
import { pageLink } from '../../../src/domain/page-routes'
import { FIX_DEADLINE_WORKING_DAYS } from '../../../src/domain/review'
import {
  answerProblems,
  mergeChecklist,
  possibleItems,
  roundOutcome,
  selectItems,
  themeTiming,
  type ChecklistItem,
  type MergedChecklist,
  type Theme,
  type ThemeAnswers,
} from '../../../src/domain/theme'
import { THEMES, themeById } from '../../../src/domain/theme-catalog'
import { findItemsWithMaterials, toMaterialView, type MaterialRow } from '../catalog/service'
import {
  createJointCases,
  decideJointCase,
  dueDateAfter,
  jointCaseDetails,
  mirrorMaterialFiles,
  returnJointCase,
  returnedMaterials,
  submitJointCase,
  type JointProblem,
} from '../review/service'
import * as repo from './repository'
import type { ApplicationSummary, ApplicationView, CombinedNotice, StaffQueueEntry, ThemeDetail, ThemeSummary } from './schemas'

/** At most this many unsubmitted 一件事 applications per person (each holds one draft case per item). */
export const MAX_OPEN_APPLICATIONS = 5

function themeOrThrow(id: string): Theme {
  const theme = themeById(id)
  if (!theme) throw notFound('主题不存在')
  return theme
}

/** The catalog's rows of the theme's items, in the theme's order. */
const catalogItems = async (q: Queryable, itemIds: readonly string[]) => inOrder(await findItemsWithMaterials(q, itemIds), itemIds)

function inOrder<T>(found: Map<string, T>, itemIds: readonly string[]): T[] {
  return itemIds.map((id) => {
    const item = found.get(id)
    if (!item) throw notFound('事项不存在')
    return item
  })
}

const toChecklistMaterial = (m: MaterialRow) => ({
  code: m.code,
  name: m.name,
  necessity: m.necessity,
  source: m.source,
  formats: m.formats,
  maxSizeMb: m.max_size_mb,
  shareKey: m.share_key,
})

// ---------------------------------------------------------------- themes (public)

export async function listThemes(q: Queryable): Promise<ThemeSummary[]> {
  const found = await findItemsWithMaterials(q, [...new Set(THEMES.flatMap((theme) => possibleItems(theme)))])
  return THEMES.map((theme) => {
    const items = inOrder(found, possibleItems(theme))
    return {
      id: theme.id,
      name: theme.name,
      summary: theme.summary,
      itemCount: items.length,
      departments: [...new Set(items.map((i) => i.row.department))],
    }
  })
}

export async function themeDetail(q: Queryable, id: string): Promise<ThemeDetail> {
  const theme = themeOrThrow(id)
  const items = await catalogItems(q, possibleItems(theme))
  return {
    id: theme.id,
    name: theme.name,
    summary: theme.summary,
    questions: theme.questions.map((question) => ({ ...question, options: [...question.options] })),
    rules: theme.items.map((rule) => ({
      itemId: rule.itemId,
      when: rule.when ? Object.fromEntries(Object.entries(rule.when).map(([k, v]) => [k, [...v]])) : null,
      why: rule.why,
    })),
    items: items.map(({ row, materials }) => ({
      id: row.id,
      name: row.name,
      department: row.department,
      promisedDays: row.promised_days,
      statutoryDays: row.statutory_days,
      resultLicence: row.result_licence,
      materials: materials.map((m) => ({ ...toMaterialView(m), shareKey: m.share_key })),
    })),
    reported: theme.reported ?? null,
  }
}

// ---------------------------------------------------------------- applicant

/** Creates the application from the questionnaire: one draft pre-review case per selected item. */
export async function createApplication(ctx: AppContext, userId: string, body: { themeId: string; hallId: string; answers: ThemeAnswers }): Promise<string> {
  const theme = themeOrThrow(body.themeId)
  const problems = answerProblems(theme, body.answers)
  if (problems.length) throw badRequest('ANSWERS_INVALID', problems.map((p) => p.message).join('；'))
  const selected = selectItems(theme, body.answers)
  return ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    // The user's row lock makes the count and the insert one step, even across instances.
    await q.query('select id from users where id = $1 for update', [userId])
    if ((await repo.countDrafts(q, userId)) >= MAX_OPEN_APPLICATIONS) {
      throw conflict('TOO_MANY_DRAFTS', `您已有${MAX_OPEN_APPLICATIONS}件未提交的“一件事”申请，请先提交后再新建`)
    }
    const items = await catalogItems(
      q,
      selected.map((s) => s.itemId),
    )
    const caseIds = await createJointCases(q, { userId, hallId: body.hallId, itemIds: selected.map((s) => s.itemId), now })
    const id = await repo.insertApplication(q, { userId, hallId: body.hallId, themeId: theme.id, answers: { ...body.answers }, now })
    for (const [sort, { row }] of items.entries()) {
      await repo.insertItem(q, { applicationId: id, itemId: row.id, sort, department: row.department, caseId: caseIds[sort] })
    }
    return id
  })
}

async function ownApplication(q: Queryable, userId: string, id: string, lock = false) {
  const found = await repo.findApplication(q, id, lock)
  if (!found || found.user_id !== userId) throw notFound('申请不存在')
  return found
}

/** The merged checklist of the application's items, each entry with where it is uploaded (its first open member). */
async function checklistOf(q: Queryable, items: repo.ItemRow[]) {
  const catalog = await catalogItems(
    q,
    items.map((i) => i.item_id),
  )
  const checklist: ChecklistItem[] = catalog.map(({ row, materials }) => ({
    itemId: row.id,
    itemName: row.name,
    department: row.department,
    materials: materials.map(toChecklistMaterial),
  }))
  const merged = mergeChecklist(checklist)
  const lead = (members: MergedChecklist['materials'][number]['members']) => {
    const open = members.find((m) => items.find((i) => i.item_id === m.itemId)?.status !== 'approved') ?? members[0]
    return { caseId: items.find((i) => i.item_id === open.itemId)!.case_id, code: open.code }
  }
  return { merged, catalog, materials: merged.materials.map((m) => ({ ...m, lead: lead(m.members) })) }
}

export async function applicationView(ctx: AppContext, found: repo.ApplicationRow, viewer: { reviewerId: string } | null): Promise<ApplicationView> {
  const theme = themeOrThrow(found.theme_id)
  const items = await repo.listItems(ctx.db, found)
  const { merged, catalog, materials } = await checklistOf(ctx.db, items)
  const departments = viewer ? await repo.departmentsOf(ctx.db, viewer.reviewerId, found.hall_id) : []
  const notice = await repo.latestNotice(ctx.db, found.id)
  const inRound = items.filter((i) => i.round === found.round && found.round > 0)
  const timing = themeTiming(
    theme,
    catalog.map(({ row }) => ({ promisedDays: row.promised_days, department: row.department })),
  )
  const cases = await jointCaseDetails(
    ctx,
    items.map((i) => i.case_id),
    viewer ? 'reviewer' : 'applicant',
  )
  return {
    id: found.id,
    themeId: theme.id,
    themeName: theme.name,
    hallId: found.hall_id,
    hallName: found.hall_name,
    status: found.status,
    round: found.round,
    answers: found.answers,
    createdAt: found.created_at.toISOString(),
    submittedAt: found.submitted_at?.toISOString() ?? null,
    items: items.map((i, index) => ({
      itemId: i.item_id,
      itemName: i.item_name,
      department: i.department,
      promisedDays: i.promised_days,
      resultLicence: i.result_licence,
      caseId: i.case_id,
      caseNumber: cases[index].caseNumber,
      // Until the combined notice, a department's 需补正 is not yet the applicant's news.
      status: i.status,
      decided: i.decision !== null,
      mine: departments.includes(i.department),
    })),
    progress: {
      total: items.length,
      approved: items.filter((i) => i.status === 'approved').length,
      decidedThisRound: inRound.filter((i) => i.decision !== null).length,
      inRound: inRound.length,
    },
    checklist: { materials, separately: merged.separately, saved: merged.saved, viaDataSharing: merged.viaDataSharing },
    timing: { beforeDays: timing.beforeDays, afterDays: timing.afterDays, beforeVisits: timing.beforeVisits, source: timing.source },
    notice: notice ? { ...notice.body, round: notice.round, issuedAt: notice.issued_at.toISOString(), dueDate: notice.due_date } : null,
    cases,
    reviewerDepartments: departments,
  }
}

export async function myApplication(ctx: AppContext, userId: string, id: string) {
  return applicationView(ctx, await ownApplication(ctx.db, userId, id), null)
}

export async function myApplications(ctx: AppContext, userId: string): Promise<ApplicationSummary[]> {
  return (await repo.listOfUser(ctx.db, userId)).map((a) => ({
    id: a.id,
    themeName: themeOrThrow(a.theme_id).name,
    hallName: a.hall_name,
    status: a.status,
    round: a.round,
    createdAt: a.created_at.toISOString(),
    submittedAt: a.submitted_at?.toISOString() ?? null,
    total: a.total,
    approved: a.approved,
  }))
}

/**
 * Submits the application (first time, or after the combined notice): every needed merged material has its
 * files; each shared document is copied to every open item that needs it; then, in one transaction, every
 * open item's case goes to its department's queue for the new round (联审, in parallel).
 */
export async function submitApplication(ctx: AppContext, userId: string, id: string): Promise<void> {
  const found = await ownApplication(ctx.db, userId, id)
  if (found.status !== 'draft' && found.status !== 'needs_fix') throw conflict('APPLICATION_STATE', '申请已提交，正在联审中')
  const items = await repo.listItems(ctx.db, found)
  const { materials } = await checklistOf(ctx.db, items)
  const cases = await jointCaseDetails(
    ctx,
    items.map((i) => i.case_id),
    'applicant',
  )
  const filesOf = (ref: { caseId: string; code: string }) =>
    cases.find((c) => c.id === ref.caseId)?.materials.find((m) => m.code === ref.code)?.files.length ?? 0
  const open = (itemId: string) => items.find((i) => i.item_id === itemId)!.status !== 'approved'
  const missing = materials.filter((m) => m.necessity !== 'optional' && m.members.some((member) => open(member.itemId)) && filesOf(m.lead) === 0)
  if (missing.length) throw unprocessable('MATERIALS_MISSING', `请先上传：${missing.map((m) => `「${m.name}」`).join('、')}`)
  for (const m of materials) {
    for (const member of m.members) {
      const target = { caseId: items.find((i) => i.item_id === member.itemId)!.case_id, code: member.code }
      if (open(member.itemId) && (target.caseId !== m.lead.caseId || target.code !== m.lead.code)) await mirrorMaterialFiles(ctx, userId, m.lead, target)
    }
  }
  await ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    const locked = await ownApplication(q, userId, id, true)
    if (locked.status !== 'draft' && locked.status !== 'needs_fix') throw conflict('APPLICATION_STATE', '申请已提交，正在联审中')
    for (const item of await repo.listItems(q, locked)) {
      if (item.status === 'draft' || item.status === 'needs_fix') await submitJointCase(q, { userId, caseId: item.case_id, now })
    }
    await repo.startRound(q, locked, now)
  })
}

// ---------------------------------------------------------------- reviewers (联审)

export async function staffQueue(ctx: AppContext, reviewerId: string, hallId: string): Promise<StaffQueueEntry[]> {
  const departments = await repo.departmentsOf(ctx.db, reviewerId, hallId)
  const applications = await repo.listInReview(ctx.db, hallId)
  const allItems = await repo.listItemsOf(ctx.db, applications)
  return applications.map((a) => {
    const items = allItems.filter((i) => i.application_id === a.id && i.round === a.round)
    return {
      id: a.id,
      themeName: themeOrThrow(a.theme_id).name,
      applicantNameMasked: a.real_name_enc ? maskName(ctx.keys.cipher.decrypt(a.real_name_enc)) : '未实名',
      round: a.round,
      submittedAt: a.submitted_at!.toISOString(),
      waitingForMe: items.filter((i) => departments.includes(i.department) && i.decision === null).length,
      items: items.map((i) => ({ itemName: i.item_name, department: i.department, status: i.status, decided: i.decision !== null })),
    }
  })
}

/**
 * A department's decision on its item of the application. Only a reviewer of the item's department at the
 * application's hall may make it, once per round. When it is the round's last decision, the round closes:
 * every item approved → the application is approved; otherwise ONE combined 一次性告知 lists every
 * department's problems, each returned case goes to 需补正, and the applicant gets one message.
 */
export async function decideItem(
  ctx: AppContext,
  reviewerId: string,
  id: string,
  itemId: string,
  body: { decision: 'approve' | 'needs_fix'; problems: JointProblem[] },
): Promise<void> {
  await ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    // The application's row lock orders the departments' decisions: exactly one of them closes the round.
    const found = await repo.findApplication(q, id, true)
    if (!found) throw notFound('申请不存在')
    const items = await repo.listItems(q, found)
    const item = items.find((i) => i.item_id === itemId)
    if (!item) throw notFound('该申请没有这个事项')
    if (!(await repo.departmentsOf(q, reviewerId, found.hall_id)).includes(item.department)) {
      throw forbidden(`「${item.item_name}」由${item.department}审查，您只能查看，不能作出决定`)
    }
    if (found.status !== 'reviewing' || item.status !== 'reviewing' || item.round !== found.round) {
      throw conflict('ITEM_NOT_REVIEWING', `「${item.item_name}」当前不在联审中`)
    }
    if (item.decision) throw conflict('ALREADY_DECIDED', `「${item.item_name}」本轮已作出决定`)
    await decideJointCase(q, { reviewerId, caseId: item.case_id, decision: body.decision, problems: body.problems, now })
    if (!(await repo.insertDecision(q, { applicationId: id, itemId, round: found.round, decision: body.decision, problems: body.problems, reviewerId, now }))) {
      throw conflict('ALREADY_DECIDED', `「${item.item_name}」本轮已作出决定`)
    }
    if (body.decision === 'approve') await repo.setItemStatus(q, id, itemId, 'approved')
    await audit(q, {
      actor: reviewerId,
      hallId: found.hall_id,
      action: `theme.${body.decision}`,
      target: { kind: 'case', id: item.case_id },
      detail: { applicationId: id, itemId, round: found.round, problems: body.problems.map((p) => p.materialCode) },
      at: now,
    })
    const decided = await repo.listItems(q, found)
    const outcome = roundOutcome(decided.filter((i) => i.round === found.round).map((i) => i.decision))
    if (outcome === 'pending') return
    if (outcome === 'approved' && decided.every((i) => i.status === 'approved')) {
      await repo.setApplicationStatus(q, id, 'approved', now)
      await tell(q, now, found, 'approved', `您的“${themeOrThrow(found.theme_id).name}”${decided.length}个事项已全部通过联审。`)
      return
    }
    await issueCombinedNotice(ctx, q, found, decided, now)
  })
}

/** The round's one 一次性告知: every returned material once, with every department's problem with it. */
async function issueCombinedNotice(ctx: AppContext, q: Queryable, found: repo.ApplicationRow, items: repo.ItemRow[], now: Date) {
  const returnedItems = items.filter((i) => i.round === found.round && i.decision === 'needs_fix')
  const { materials } = await checklistOf(q, items)
  const entryOf = (itemId: string, code: string) => materials.find((m) => m.members.some((x) => x.itemId === itemId && x.code === code))!
  const fixDue = dueDateAfter(ctx, now, FIX_DEADLINE_WORKING_DAYS)
  const entries = new Map<string, CombinedNotice['entries'][number]>()
  const alsoReturned = new Map<string, JointProblem[]>()
  for (const item of returnedItems) {
    const requirements = new Map((await returnedMaterials(q, item.case_id)).map((m) => [m.code, m.requirement]))
    for (const p of item.problems ?? []) {
      const entry = entryOf(item.item_id, p.materialCode)
      const line = { department: item.department, itemName: item.item_name, problem: p.problem }
      const existing = entries.get(entry.key)
      if (existing) existing.problems.push(line)
      else entries.set(entry.key, { materialName: entry.name, problems: [line], requirement: requirements.get(p.materialCode) ?? '' })
      // A shared document is one document: every other returned item that uses it gets it back too.
      for (const member of entry.members) {
        if (member.itemId === item.item_id || !returnedItems.some((r) => r.item_id === member.itemId)) continue
        alsoReturned.set(member.itemId, [
          ...(alsoReturned.get(member.itemId) ?? []),
          { materialCode: member.code, problem: `${item.department}：${p.problem}` },
        ])
      }
    }
  }
  for (const item of returnedItems) {
    await returnJointCase(q, { caseId: item.case_id, alsoReturned: alsoReturned.get(item.item_id) ?? [], fixDue, now })
    await repo.setItemStatus(q, found.id, item.item_id, 'needs_fix')
  }
  // In the order of the checklist the applicant works from.
  const order = materials.map((m) => m.key)
  const body = {
    entries: [...entries.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([, entry]) => entry),
    how: '在“一件事”申请页按本告知书更换上述材料后重新提交一次，其他材料和已通过的事项无需重复提交',
    consequence: `请在${fixDue}前补正；逾期未补正的，需补正的事项按已过期处理，需重新申报。`,
  }
  await repo.insertNotice(q, { applicationId: found.id, round: found.round, issuedAt: now, dueDate: fixDue, body })
  await repo.setApplicationStatus(q, found.id, 'needs_fix', now)
  const departments = new Set(returnedItems.map((i) => i.department))
  await tell(
    q,
    now,
    found,
    'needs_fix',
    `您的“${themeOrThrow(found.theme_id).name}”联审完成：${departments.size}个部门共提出${entries.size}项材料需补正，请在${fixDue}前按一次性告知书一并补正后重新提交。`,
  )
}

async function tell(q: Queryable, now: Date, found: repo.ApplicationRow, outcome: 'approved' | 'needs_fix', body: string) {
  await notify(q, now, {
    userId: found.user_id,
    dedupeKey: `theme:${found.id}:${found.round}:${outcome}`,
    kind: 'theme_result',
    title: outcome === 'approved' ? '一件事联审全部通过' : '一件事一次性告知',
    body,
    link: pageLink('themeApplication', { id: found.id }),
  })
}

export async function staffApplication(ctx: AppContext, reviewerId: string, found: repo.ApplicationRow) {
  if (found.status === 'draft') throw notFound('申请不存在')
  return applicationView(ctx, found, { reviewerId })
}
