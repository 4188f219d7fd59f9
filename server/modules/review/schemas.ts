import { Type, type Static } from '@sinclair/typebox'
import { HallId, ItemId, Nullable, Uuid, literals } from '../../core/schemas'
import { MaterialSchema } from '../catalog/schemas'
import { CASE_STATUSES, PROBLEM_REASONS, type CaseStatus } from '../../../src/domain/review'

/**
 * Case (办件) states stored in `cases.status` (see 040_review.sql and src/domain/review.ts for the
 * transition table). Other modules (certificate pickup) read cases by these values.
 */
export type { CaseStatus }
export { CASE_STATUSES }

export const CaseStatusSchema = literals(CASE_STATUSES)
const NullableInt = Type.Union([Type.Integer(), Type.Null()])

export const CaseIdParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export const MaterialCode = Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$', title: '材料编号' })
export const CaseMaterialParams = Type.Object({ id: Uuid, code: MaterialCode }, { additionalProperties: false })
export const CaseFileParams = Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false })

export const CreateCaseBody = Type.Object({ itemId: ItemId, hallId: HallId }, { additionalProperties: false })

export const SubmitBody = Type.Object(
  {
    /** Deferrable materials the applicant chooses to hand in later (容缺). */
    deferredCodes: Type.Array(MaterialCode, { maxItems: 30, default: [], title: '容缺材料' }),
    /** The version of the 容缺受理承诺书 the applicant confirmed; required when deferring anything. */
    pledgeVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 40, title: '承诺书版本' })),
  },
  { additionalProperties: false },
)

export const WithdrawBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200, title: '撤回原因' })) }, { additionalProperties: false })

export const UploadQuery = Type.Object(
  { replaces: Type.Optional(Type.String({ format: 'uuid', title: '被更换的文件', description: '被更换的文件（同一材料）' })) },
  { additionalProperties: false },
)

export const MarkBody = Type.Object(
  {
    verdict: literals(['pass', 'problem'], { title: '审核结果' }),
    reasons: Type.Array(literals(PROBLEM_REASONS), { maxItems: PROBLEM_REASONS.length, default: [], title: '问题原因' }),
    note: Type.Optional(Type.String({ maxLength: 300, title: '审核意见' })),
  },
  { additionalProperties: false },
)

export const DecisionBody = Type.Object(
  {
    decision: literals(['approve', 'needs_fix', 'defer_approve', 'reject'], { title: '预审决定' }),
    note: Type.Optional(Type.String({ maxLength: 300, title: '审核意见' })),
    /** 不予受理: why, and where the applicant should apply instead (行政许可法 32). */
    reason: Type.Optional(Type.String({ maxLength: 300, title: '不予受理理由' })),
    competentAuthority: Type.Optional(Type.String({ maxLength: 100, title: '有权机关' })),
  },
  { additionalProperties: false },
)

export const QueueQuery = Type.Object({ hallId: HallId }, { additionalProperties: false })

export const FileSchema = Type.Object({
  id: Type.String(),
  materialCode: Type.String(),
  name: Type.String({ description: '原文件名（已清理，仅用于显示）' }),
  kind: Type.Union([Type.Literal('image'), Type.Literal('pdf')]),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  width: NullableInt,
  height: NullableInt,
  pages: NullableInt,
  checks: Type.Array(Type.String(), { description: '通过的自动检查' }),
  createdAt: Type.String(),
})

export const CaseMaterialSchema = Type.Intersect([
  MaterialSchema,
  Type.Object({
    /** 免提交: the government already holds it (国务院关于在线政务服务的若干规定 6–7). */
    exempt: Type.Boolean(),
    deferred: Type.Boolean(),
    verdict: Type.Union([Type.Literal('pass'), Type.Literal('problem'), Type.Null()]),
    reasons: Type.Array(Type.String()),
    reviewNote: Nullable(Type.String()),
    editable: Type.Boolean(),
    files: Type.Array(FileSchema),
  }),
])

export const NoticeItemSchema = Type.Object({
  materialCode: Type.String(),
  materialName: Type.String(),
  problem: Type.String(),
  requirement: Type.String(),
  dueDate: Nullable(Type.String()),
})

export const NoticeSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('needs_fix'), Type.Literal('deferral'), Type.Literal('rejection')]),
  issuedAt: Type.String(),
  dueDate: Nullable(Type.String()),
  items: Type.Array(NoticeItemSchema),
  reason: Nullable(Type.String()),
  competentAuthority: Nullable(Type.String()),
  how: Nullable(Type.String()),
  consequence: Nullable(Type.String()),
  note: Nullable(Type.String()),
})

export const HistorySchema = Type.Object({
  fromStatus: Type.Union([CaseStatusSchema, Type.Null()]),
  toStatus: CaseStatusSchema,
  actor: Type.Union([Type.Literal('applicant'), Type.Literal('reviewer'), Type.Literal('system')]),
  note: Nullable(Type.String()),
  at: Type.String(),
})

export const DeadlineSchema = Type.Object({
  dueAt: Type.String(),
  msLeft: Type.Integer({ description: '距承诺时限的毫秒数（按BFF时钟），负数为已超时' }),
})

export const CaseSummarySchema = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  status: CaseStatusSchema,
  itemId: Type.String(),
  itemName: Type.String(),
  hallId: Type.String(),
  hallName: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  fixDueDate: Nullable(Type.String()),
  supplementDueDate: Nullable(Type.String()),
})

export const CaseDetailSchema = Type.Intersect([
  CaseSummarySchema,
  Type.Object({
    item: Type.Object({
      id: Type.String(),
      name: Type.String(),
      department: Type.String(),
      promisedDays: Type.Integer(),
      resultLicence: Nullable(Type.String()),
    }),
    materials: Type.Array(CaseMaterialSchema),
    notice: Type.Union([NoticeSchema, Type.Null()]),
    pledge: Type.Union([Type.Object({ version: Type.String(), confirmedAt: Type.String() }), Type.Null()]),
    usedBytes: Type.Integer(),
    limits: Type.Object({ perMaterial: Type.Integer(), perCaseBytes: Type.Integer() }),
    history: Type.Array(HistorySchema),
    /** Reviewer views only. */
    applicant: Type.Optional(Type.Object({ nameMasked: Type.String(), idNumberMasked: Type.String(), phoneMasked: Nullable(Type.String()) })),
    /** While the answer is owed (已提交, 预审中): the promised-time deadline and the time left at the BFF's clock. */
    deadline: Type.Union([DeadlineSchema, Type.Null()]),
  }),
])

export const QueueEntrySchema = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  status: CaseStatusSchema,
  itemName: Type.String(),
  promisedDays: Type.Integer(),
  applicantNameMasked: Type.String(),
  submittedAt: Type.String(),
  dueAt: Type.String(),
  msLeft: Type.Integer({ description: '距承诺时限的毫秒数，负数为已超时' }),
  resubmitted: Type.Boolean(),
  deferredCount: Type.Integer(),
})

export type FileView = Static<typeof FileSchema>
export type CaseMaterialView = Static<typeof CaseMaterialSchema>
export type NoticeView = Static<typeof NoticeSchema>
export type NoticeItem = Static<typeof NoticeItemSchema>
export type CaseSummary = Static<typeof CaseSummarySchema>
export type CaseDetail = Static<typeof CaseDetailSchema>
export type QueueEntry = Static<typeof QueueEntrySchema>
export type HistoryEntry = Static<typeof HistorySchema>
