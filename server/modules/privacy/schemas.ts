import { Type, type Static } from '@sinclair/typebox'
import { Instant, Nullable, literals } from '../../core/schemas'

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
