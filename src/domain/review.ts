/**
 * Material pre-review (材料预审) rules shared by the BFF and the app (domain README §5).
 * 行政许可法 30–32: publish the full checklist; tell the applicant ONCE everything to correct.
 */

/** Case (办件) states, as stored in `cases.status`. */
export const CASE_STATUSES = [
  'draft', // 草稿
  'submitted', // 已提交
  'reviewing', // 预审中
  'approved', // 预审通过
  'needs_fix', // 需补正
  'deferred_approved', // 容缺通过
  'rejected', // 不予受理
  'withdrawn', // 已撤回
  'expired', // 已过期
] as const

export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  reviewing: '预审中',
  approved: '预审通过',
  needs_fix: '需补正',
  deferred_approved: '容缺通过',
  rejected: '不予受理',
  withdrawn: '已撤回',
  expired: '已过期',
}

export type CaseActor = 'applicant' | 'reviewer' | 'system'

export type CaseAction = 'submit' | 'withdraw' | 'open' | 'approve' | 'needs_fix' | 'defer_approve' | 'reject' | 'expire'

/**
 * Every allowed state change. The BFF applies each one as `update … where status = any(from)`, so a
 * change that lost a race (or that the table does not list) changes nothing.
 */
export const TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus; by: CaseActor }> = {
  // Resubmitting after 需补正, or handing in the 容缺 supplements, goes back into the queue.
  submit: { from: ['draft', 'needs_fix', 'deferred_approved'], to: 'submitted', by: 'applicant' },
  // An application may be withdrawn until it is decided (行政许可法 36 practice); afterwards only by a new case.
  withdraw: { from: ['draft', 'submitted', 'reviewing', 'needs_fix', 'deferred_approved'], to: 'withdrawn', by: 'applicant' },
  open: { from: ['submitted'], to: 'reviewing', by: 'reviewer' },
  approve: { from: ['reviewing'], to: 'approved', by: 'reviewer' },
  needs_fix: { from: ['reviewing'], to: 'needs_fix', by: 'reviewer' },
  defer_approve: { from: ['reviewing'], to: 'deferred_approved', by: 'reviewer' },
  reject: { from: ['reviewing'], to: 'rejected', by: 'reviewer' },
  // Drafts left alone, 补正 past its deadline, 容缺 supplements past theirs.
  expire: { from: ['draft', 'needs_fix', 'deferred_approved'], to: 'expired', by: 'system' },
}

export const canApply = (action: CaseAction, status: CaseStatus) => TRANSITIONS[action].from.includes(status)

/** States in which the applicant may add or remove files (which materials: see `editableMaterial`). */
export const EDITABLE_STATUSES: readonly CaseStatus[] = ['draft', 'needs_fix', 'deferred_approved']

/**
 * Which materials the applicant may change: everything in a draft; after 需补正 only the materials the
 * reviewer returned (一次性告知 — the rest stay as reviewed); after 容缺通过 only the deferred ones.
 */
export function editableMaterial(status: CaseStatus, material: { verdict: MaterialVerdict | null; deferred: boolean }): boolean {
  if (status === 'draft') return true
  if (status === 'needs_fix') return material.verdict === 'problem'
  if (status === 'deferred_approved') return material.deferred
  return false
}

export type MaterialVerdict = 'pass' | 'problem'

export type ReviewDecision = 'approve' | 'needs_fix' | 'defer_approve' | 'reject'

export const DECISION_LABEL: Record<ReviewDecision, string> = {
  approve: '预审通过',
  needs_fix: '需补正',
  defer_approve: '容缺通过',
  reject: '不予受理',
}

/** Common problems a reviewer picks from (plus free text). */
export const PROBLEM_REASONS = [
  '文件不清晰，无法辨认',
  '材料不完整（缺页或缺少正反面）',
  '材料与要求不符',
  '缺少签字或盖章',
  '信息与申请人不一致',
  '证件已过有效期',
  '需提供原件的扫描件或照片',
] as const

export const FILE_LIMITS = {
  /** Files per material, e.g. both sides of an ID card or a multi-page contract photographed page by page. */
  perMaterial: 10,
  /** All files of one case together. */
  perCaseBytes: 50 * 1024 * 1024,
} as const

/** 补正 deadline after a 需补正 notice, in working days *(practice, configurable)*. */
export const FIX_DEADLINE_WORKING_DAYS = 5

/** A draft nobody touched for this many days expires. */
export const DRAFT_TTL_DAYS = 30

/**
 * The 容缺受理承诺书 the applicant confirms (domain README §5: voluntary, signed by confirmation).
 * The BFF stores the version and the time of confirmation; change the version whenever the text changes.
 */
export const DEFERRAL_PLEDGE = {
  version: '2026-11-v1',
  title: '容缺受理承诺书',
  text: [
    '本人自愿申请容缺受理，并承诺：',
    '一、已提交的申请材料真实、合法、有效，主要申请材料齐全；',
    '二、对容缺的材料，在告知的期限内（不超过本事项承诺办结时限）通过本平台补传或到窗口提交；',
    '三、逾期未补齐的，本次申请按已过期处理，预审结果作废，需重新申报，由此产生的后果由本人承担；',
    '四、如提供虚假材料，愿意承担相应法律责任。',
  ].join('\n'),
  consequence: '逾期未补齐的，本次申请按已过期处理，预审结果作废，需重新申报。',
  how: '在本平台“我的办件”中补传，或办理时携带原件到窗口提交',
} as const

/** A material as the submit rule reads it: whether it is needed, whether it was deferred, how many files it has. */
export interface SubmitMaterial {
  code: string
  name: string
  necessity: 'required' | 'optional' | 'deferrable'
  deferred: boolean
  fileCount: number
}

export interface MissingMaterials<T> {
  code: 'MATERIALS_MISSING' | 'SUPPLEMENTS_MISSING'
  materials: T[]
  message: string
}

const quoted = (materials: readonly { name: string }[]) => materials.map((m) => `「${m.name}」`).join('、')

/**
 * What must still be uploaded before the case can be submitted, computed from the current materials (the
 * BFF refuses the submission with exactly this; the case page shows it live, so it disappears as soon as
 * the files are there). Materials the government already holds (免提交) must not be passed in. In a
 * 容缺通过 case only the deferred materials are owed; otherwise every required one, and every deferrable
 * one the applicant did not choose to defer (`deferring`).
 */
export function missingBeforeSubmit<T extends SubmitMaterial>(
  status: CaseStatus,
  materials: readonly T[],
  deferring: readonly string[],
): MissingMaterials<T> | null {
  if (status === 'deferred_approved') {
    const owed = materials.filter((m) => m.deferred && m.fileCount === 0)
    return owed.length ? { code: 'SUPPLEMENTS_MISSING', materials: owed, message: `请先补传容缺材料：${quoted(owed)}` } : null
  }
  const missing = materials.filter((m) => m.fileCount === 0 && (m.necessity === 'required' || (m.necessity === 'deferrable' && !deferring.includes(m.code))))
  if (!missing.length) return null
  const deferrable = missing.filter((m) => m.necessity === 'deferrable')
  return {
    code: 'MATERIALS_MISSING',
    materials: missing,
    message: `请先上传：${quoted(missing)}${deferrable.length ? `（其中${quoted(deferrable)}可选择容缺后补）` : ''}`,
  }
}
