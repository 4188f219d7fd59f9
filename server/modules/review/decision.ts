import { badRequest, unprocessable } from '../../core/errors'
import { DEFERRAL_PLEDGE, type ReviewDecision } from '../../../src/domain/review'
import type * as repo from './repository'

/** 「甲」、「乙」: material names as the refusals list them. */
export const names = (materials: { name: string }[]) => materials.map((m) => `「${m.name}」`).join('、')

export interface DecisionInput {
  decision: ReviewDecision
  note?: string
  reason?: string
  competentAuthority?: string
}

/** What a decision depends on: the case's materials the applicant provides (shared ones excluded). */
export interface MaterialFacts {
  /** Marked 有问题 by the reviewer. */
  problems: repo.CaseMaterialRow[]
  /** Deferred by the applicant (容缺) and still without a file. */
  deferredMissing: repo.CaseMaterialRow[]
  /** Needed now (required, or deferrable and not deferred) but without a passed file. */
  notPassed: repo.CaseMaterialRow[]
}

export function materialFacts(all: repo.CaseMaterialRow[]): MaterialFacts {
  const materials = all.filter((m) => m.source !== 'shared')
  const deferredMissing = materials.filter((m) => m.deferred && m.file_count === 0)
  const needed = materials.filter((m) => m.necessity === 'required' || (m.necessity === 'deferrable' && !(m.deferred && m.file_count === 0)))
  return {
    problems: materials.filter((m) => m.verdict === 'problem'),
    deferredMissing,
    notPassed: needed.filter((m) => m.verdict !== 'pass' || m.file_count === 0),
  }
}

/** What a material needs, in the words of the checklist: the "requirement" column of the notice. */
export function requirementOf(m: repo.CaseMaterialRow): string {
  const form = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子材料' }[m.form]
  const formats = m.formats.map((f) => f.toUpperCase()).join('/')
  return `${form}${m.copies ? `${m.copies}份` : ''}；电子文件${formats}格式、不超过${m.max_size_mb}MB；${m.notes}`
}

export type NoticeDraft = Omit<Parameters<typeof repo.insertNotice>[1], 'caseId' | 'issuedBy' | 'issuedAt'>

/** 通过 and 容缺通过: nothing marked 有问题, every needed material passed; `deferral` for 容缺通过 (the applicant pledged). */
function refuseUnlessAllPassed(facts: MaterialFacts, deferral: { pledged: boolean } | null) {
  const { problems, deferredMissing, notPassed } = facts
  if (problems.length) throw unprocessable('HAS_PROBLEMS', `${names(problems)}仍标记为有问题，请改为通过或选择“需补正”`)
  if (!deferral && deferredMissing.length) throw unprocessable('DEFERRED_MISSING', `容缺材料${names(deferredMissing)}尚未补齐，请选择“容缺通过”`)
  if (deferral && (!deferral.pledged || !deferredMissing.length)) throw unprocessable('NOTHING_DEFERRED', '申请人没有选择容缺后补的材料，不能容缺通过')
  if (notPassed.length) throw unprocessable('REQUIRED_NOT_PASSED', `以下必要材料还没有通过审核的文件：${names(notPassed)}`)
}

/**
 * Checks that the decision may be made on these materials and returns the notice it issues (none for
 * 通过). 需补正 needs at least one returned material and produces ONE itemised notice (行政许可法 32),
 * due `fixDue()`; 通过 needs every required material passed; 容缺通过 needs the applicant's deferral
 * and everything else passed; 不予受理 needs the reason and the competent authority.
 */
export function decisionNotice(found: repo.CaseRow, facts: MaterialFacts, input: DecisionInput, fixDue: () => string): NoticeDraft | null {
  const note = input.note?.trim() || null
  switch (input.decision) {
    case 'needs_fix': {
      if (!facts.problems.length) throw unprocessable('NO_PROBLEMS_LISTED', '请至少标记一项有问题的材料并写明原因，才能退回补正')
      const due = fixDue()
      const items = facts.problems.map((m) => ({
        materialCode: m.code,
        materialName: m.name,
        problem: [...m.reasons, ...(m.review_note ? [m.review_note] : [])].join('；'),
        requirement: requirementOf(m),
        dueDate: due,
      }))
      return {
        kind: 'needs_fix',
        dueDate: due,
        body: {
          items,
          reason: null,
          competentAuthority: null,
          how: '在本平台“我的办件”中更换上述材料的文件后重新提交，其他材料无需重复提交',
          consequence: `请在${due}前补正；逾期未补正的，本次申请按已过期处理，需重新申报。`,
          note,
        },
      }
    }
    case 'approve':
      refuseUnlessAllPassed(facts, null)
      return null
    case 'defer_approve': {
      refuseUnlessAllPassed(facts, { pledged: Boolean(found.pledge_version) })
      const due = found.supplement_due_date
      const items = facts.deferredMissing.map((m) => ({
        materialCode: m.code,
        materialName: m.name,
        problem: '容缺后补',
        requirement: requirementOf(m),
        dueDate: due,
      }))
      return {
        kind: 'deferral',
        dueDate: due,
        body: { items, reason: null, competentAuthority: null, how: DEFERRAL_PLEDGE.how, consequence: DEFERRAL_PLEDGE.consequence, note },
      }
    }
    case 'reject': {
      const reason = input.reason?.trim()
      const authority = input.competentAuthority?.trim()
      if (!reason || !authority) throw badRequest('REJECT_REASON_REQUIRED', '不予受理须写明理由和应向其申请的主管机关')
      return { kind: 'rejection', dueDate: null, body: { items: [], reason, competentAuthority: authority, how: null, consequence: null, note } }
    }
  }
}

/** The applicant's message for a decision. */
export function decisionMessage(c: repo.CaseRow, input: DecisionInput, facts: { problems: number; deferred: number; fixDue?: string }): string {
  const subject = `您的办件${c.case_number}（${c.item_name}）`
  switch (input.decision) {
    case 'approve':
      return `${subject}已通过预审。请预约或到${c.hall_name}办理，携带材料原件，一次办结。`
    case 'needs_fix':
      return `${subject}有${facts.problems}项材料需补正，请在${facts.fixDue}前按一次性告知书更换后重新提交。`
    case 'defer_approve':
      return `${subject}已容缺受理，请在${c.supplement_due_date}前补齐${facts.deferred}项容缺材料。`
    case 'reject':
      return `${subject}不予受理。理由：${input.reason?.trim()}。请向${input.competentAuthority?.trim()}申请。`
  }
}
