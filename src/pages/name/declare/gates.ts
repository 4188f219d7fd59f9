import type { CheckResult, StatedApproval } from '@/services/name'

/** The 限用 findings of a result, one per approval document (the BFF sends one per key). */
export const approvalFindings = (result: CheckResult) => result.findings.filter((f) => f.approval)

/** The approval documents the applicant stated, for the reservation request (only when some are needed). */
export function statedApprovals(result: CheckResult, approvals: Record<string, string>): StatedApproval[] | undefined {
  const needed = approvalFindings(result)
  if (!needed.length) return undefined
  return needed.map((f) => ({ key: f.approval!.key, reference: (approvals[f.approval!.key] ?? '').trim() }))
}

/**
 * What the BFF demands before reserving (server/modules/name/grades.ts): no 禁用, a confirmed 提示, and
 * every 限用 answered with its document's title and number.
 */
export function readyToDeclare(result: CheckResult, riskConfirmed: boolean, approvals: Record<string, string>): boolean {
  if (result.verdict === 'reject') return false
  if (result.findings.some((f) => f.severity === 'warn') && !riskConfirmed) return false
  return (statedApprovals(result, approvals) ?? []).every((a) => a.reference.length >= 2)
}
