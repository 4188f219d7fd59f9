/**
 * What a declaration needs before its name is reserved, by the grade of each finding (docs/domain-rules.md §1.3, §1.7):
 * 禁用 and every structural fault → refused; 限用 → the applicant states the named approval document (its title
 * and number), which is kept with the reservation for the registrar; 提示 → the applicant confirms the risk and
 * the name goes to the registrar's manual review with the reason.
 */
import { unprocessable } from '../../core/errors'
import type { Finding } from '../../../src/domain/enterprise-name/types'

export interface StatedApproval {
  key: string
  reference: string
}

export interface DeclarationAnswers {
  riskConfirmed?: boolean
  approvals?: StatedApproval[]
}

/** What the API shows of a finding (its stage and code stay internal); a 限用 keeps the document stated for it. */
export function publicFinding({ severity, rule, message, matches, approval }: Finding, stated?: StatedApproval[]) {
  const reference = approval && stated?.find((a) => a.key === approval.key)?.reference.trim()
  return { severity, rule, message, ...(matches ? { matches } : {}), ...(approval ? { approval: { ...approval, ...(reference ? { reference } : {}) } } : {}) }
}

/**
 * Refuses the declaration unless every finding's grade is satisfied; returns the findings to keep with the
 * reservation and whether the applicant confirmed a 提示.
 */
export function admitDeclaration(findings: Finding[], answers: DeclarationAnswers) {
  const refusals = findings.filter((f) => f.severity === 'reject')
  if (refusals.length) throw unprocessable('NAME_REJECTED', `该名称不能申报：${refusals.map((f) => f.message).join('；')}`)
  const stated = (answers.approvals ?? []).filter((a) => a.reference.trim().length >= 2)
  const missing = findings.filter((f) => f.approval && !stated.some((a) => a.key === f.approval!.key))
  if (missing.length) {
    throw unprocessable(
      'APPROVAL_REQUIRED',
      `该名称含有限用字词，须填写以下批准文件的名称和文号后方可申报：${missing.map((f) => f.approval!.document).join('；')}`,
    )
  }
  const warned = findings.some((f) => f.severity === 'warn')
  if (warned && answers.riskConfirmed !== true) {
    throw unprocessable('RISK_NOT_CONFIRMED', '该名称存在近似、知名字号或需人工审查的风险，请阅读提示并确认风险后再申报')
  }
  return { riskConfirmed: warned, findings: findings.map((f) => publicFinding(f, stated)) }
}
