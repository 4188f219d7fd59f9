import type { AppContext } from '../../core/context'
import { maskIdNumber, maskName, maskPhone } from '../../../src/domain/mask'
import { FILE_LIMITS, editableMaterial, type CaseStatus } from '../../../src/domain/review'
import { toMaterialView } from '../catalog/service'
import { loadIdentity } from '../me/service'
import * as repo from './repository'
import type { CaseDetail, CaseSummary, FileView, NoticeView } from './schemas'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import { msUntil, workingDayDeadline } from '../../../src/domain/working-days'

export const toFileView = (f: repo.FileRow): FileView => ({
  id: f.id,
  materialCode: f.material_code,
  name: f.original_name,
  kind: f.kind,
  mimeType: f.mime_type,
  sizeBytes: f.size_bytes,
  sha256: f.sha256,
  width: f.width,
  height: f.height,
  pages: f.pages,
  checks: f.checks,
  createdAt: f.created_at.toISOString(),
})

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export const toCaseSummary = (c: repo.CaseRow): CaseSummary => ({
  id: c.id,
  caseNumber: c.case_number,
  status: c.status,
  itemId: c.item_id,
  itemName: c.item_name,
  hallId: c.hall_id,
  hallName: c.hall_name,
  createdAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
  submittedAt: iso(c.submitted_at),
  fixDueDate: c.fix_due_date,
  supplementDueDate: c.supplement_due_date,
})

/**
 * When the pre-review answer is due: the hall's closing time on the N-th working day after the
 * (latest) submission, N being the item's promised days (a resubmission after 补正 restarts it).
 */
export function dueAt(c: Pick<repo.CaseRow, 'submitted_at' | 'promised_days' | 'hall_close_time'>): Date | null {
  if (!c.submitted_at) return null
  return workingDayDeadline(c.submitted_at, c.promised_days, c.hall_close_time, HOLIDAY_CALENDAR)
}

/**
 * The answer deadline and the time left at the BFF's `now`, computed once here for every view of a case
 * (the reviewer queue, the reviewer's case page, the applicant's case page), so they all say the same.
 */
export function caseDeadline(c: Pick<repo.CaseRow, 'submitted_at' | 'promised_days' | 'hall_close_time'>, now: Date): { dueAt: string; msLeft: number } | null {
  const due = dueAt(c)
  return due ? { dueAt: due.toISOString(), msLeft: msUntil(due, now) } : null
}

/** Statuses in which the pre-review answer is still owed, so the deadline means something. */
const AWAITING_ANSWER: readonly CaseStatus[] = ['submitted', 'reviewing']

/** The notice that belongs to the state the applicant sees (the reviewer always sees the latest). */
const NOTICE_FOR_STATUS: Partial<Record<CaseStatus, repo.NoticeRow['kind']>> = {
  needs_fix: 'needs_fix',
  deferred_approved: 'deferral',
  rejected: 'rejection',
}

const toNoticeView = (n: repo.NoticeRow): NoticeView => ({
  id: n.id,
  kind: n.kind,
  issuedAt: n.issued_at.toISOString(),
  dueDate: n.due_date,
  items: n.body.items,
  reason: n.body.reason,
  competentAuthority: n.body.competentAuthority,
  how: n.body.how,
  consequence: n.body.consequence,
  note: n.body.note,
})

export async function buildCaseDetail(ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>, c: repo.CaseRow, viewer: 'applicant' | 'reviewer'): Promise<CaseDetail> {
  const q = ctx.db
  const materials = await repo.listCaseMaterials(q, c.id)
  const files = await repo.listCaseFiles(q, c.id)
  const notice = await repo.latestNotice(q, c.id)
  const history = await repo.listHistory(q, c.id)
  // While a case is being reviewed the applicant sees no half-finished verdicts: the answer comes as one notice.
  const hideVerdicts = viewer === 'applicant' && (c.status === 'submitted' || c.status === 'reviewing')
  const shownNotice = notice && (viewer === 'reviewer' || NOTICE_FOR_STATUS[c.status] === notice.kind) ? toNoticeView(notice) : null
  const detail: CaseDetail = {
    ...toCaseSummary(c),
    item: { id: c.item_id, name: c.item_name, department: c.item_department, promisedDays: c.promised_days, resultLicence: c.result_licence },
    materials: materials.map((m) => ({
      ...toMaterialView(m),
      exempt: m.source === 'shared',
      deferred: m.deferred,
      verdict: hideVerdicts ? null : m.verdict,
      reasons: hideVerdicts ? [] : m.reasons,
      reviewNote: hideVerdicts ? null : m.review_note,
      editable: viewer === 'applicant' && m.source !== 'shared' && editableMaterial(c.status, m),
      files: files.filter((f) => f.material_code === m.code).map(toFileView),
    })),
    notice: shownNotice,
    pledge: c.pledge_version && c.pledge_confirmed_at ? { version: c.pledge_version, confirmedAt: c.pledge_confirmed_at.toISOString() } : null,
    usedBytes: c.file_bytes,
    limits: { perMaterial: FILE_LIMITS.perMaterial, perCaseBytes: FILE_LIMITS.perCaseBytes },
    history: history.map((h) => ({ fromStatus: h.from_status, toStatus: h.to_status, actor: h.actor, note: h.note, at: h.created_at.toISOString() })),
    deadline: AWAITING_ANSWER.includes(c.status) ? caseDeadline(c, ctx.clock.now()) : null,
  }
  if (viewer === 'reviewer') {
    const identity = await loadIdentity(ctx, c.user_id)
    detail.applicant = {
      nameMasked: identity ? maskName(identity.name) : '未实名',
      idNumberMasked: identity ? maskIdNumber(identity.idNumber) : '',
      phoneMasked: identity?.phone ? maskPhone(identity.phone) : null,
    }
  }
  return detail
}
