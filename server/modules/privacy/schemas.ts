import { Type, type Static } from '@sinclair/typebox'
import { HallId, Instant, Nullable, literals } from '../../core/schemas'

export const ExportSchema = Type.Object({
  id: Type.String(),
  status: literals(['pending', 'ready', 'failed'] as const),
  requestedAt: Instant,
  readyAt: Nullable(Instant),
  /** The download is refused after this instant and the file deleted by the retention job. */
  expiresAt: Nullable(Instant),
  sizeBytes: Nullable(Type.Integer()),
})

export const DeletionSchema = Type.Object({
  status: literals(['requested', 'cancelled', 'completed'] as const),
  requestedAt: Instant,
  /** When the account is deleted unless the person signs in before. */
  effectiveAt: Instant,
  cancelledAt: Nullable(Instant),
})

export const RetentionSchema = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  /** In words: how long, counted from what (e.g. 会话过期或退出登录后30天). */
  period: Type.String(),
  legalBasis: Type.String(),
  action: literals(['delete', 'keep'] as const),
})

export const RetentionListSchema = Type.Object({ retention: Type.Array(RetentionSchema) }, { $id: 'RetentionList' })

export const CategorySchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  /** Rows OneTrip holds in this category. */
  count: Type.Integer(),
  source: Type.String(),
  purpose: Type.String(),
  retention: Type.String(),
})

export const PrivacyOverviewSchema = Type.Object(
  {
    categories: Type.Array(CategorySchema),
    retention: Type.Array(RetentionSchema),
    /** What 注销账号 deletes and what it must keep (the kept kinds with their period and legal basis). */
    deletionPlan: Type.Object({ deleted: Type.Array(Type.String()), kept: Type.Array(RetentionSchema) }),
    coolingOffDays: Type.Integer(),
    exports: Type.Array(ExportSchema),
    deletion: Nullable(DeletionSchema),
  },
  { $id: 'PrivacyOverview' },
)

export const DeletionRequestBody = Type.Object({ confirm: Type.Literal(true, { title: '确认注销' }) }, { additionalProperties: false })

export type PrivacyOverview = Static<typeof PrivacyOverviewSchema>
export type ExportView = Static<typeof ExportSchema>
export type DeletionView = Static<typeof DeletionSchema>

export const REQUEST_KINDS = ['access', 'copy', 'correction', 'deletion', 'withdrawal'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

const Reason = Type.String({ minLength: 2, maxLength: 200, title: '查询事由' })
const StaffHall = HallId

export const StaffLookupBody = Type.Object(
  { hallId: StaffHall, idNumber: Type.String({ minLength: 1, maxLength: 30, title: '身份证号' }), reason: Reason },
  { additionalProperties: false },
)
export const StaffExportBody = Type.Object({ hallId: StaffHall, reason: Reason }, { additionalProperties: false })
export const StaffAnsweredBody = Type.Object(
  {
    hallId: StaffHall,
    kind: literals(REQUEST_KINDS, { title: '请求类型' }),
    note: Type.String({ minLength: 2, maxLength: 500, title: '办理结果' }),
  },
  { additionalProperties: false },
)

export const StaffSubjectSchema = Type.Object({
  subjectId: Type.String(),
  /** `deleted`: the account was cancelled; only the kept administrative records remain. */
  state: literals(['active', 'deleted'] as const),
  nameMasked: Nullable(Type.String()),
  deletedAt: Nullable(Instant),
  categories: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() })),
})
export type StaffSubject = Static<typeof StaffSubjectSchema>

export const StaffExportSchema = Type.Object({
  generatedAt: Instant,
  subjectId: Type.String(),
  tables: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()))),
})
