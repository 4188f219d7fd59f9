import { Type, type Static } from '@sinclair/typebox'
import { DateString, HallId, Instant, Nullable, literals } from '../../core/schemas'
import { RATING_REASON_CODES } from '../../../src/domain/rating'
import { WindowId } from '../queue/schemas'

export const ServiceKindSchema = literals(['queue', 'review', 'pickup', 'name'] as const)
const FOLLOW_UP_STATUSES = ['open', 'visited', 'rectified', 'withdrawn'] as const
export const FollowUpStatusSchema = literals(FOLLOW_UP_STATUSES)
const Level = Type.Integer({ minimum: 1, maximum: 5, title: '评价等级', description: '5 非常满意 … 1 非常不满意' })
const Reasons = Type.Array(literals(RATING_REASON_CODES, { title: '评价原因' }), {
  maxItems: 10,
  uniqueItems: true,
  title: '评价原因',
})
const Comment = Type.String({ maxLength: 500, title: '评价内容' })

export const RatingInput = Type.Object({ level: Level, reasons: Reasons, comment: Type.Optional(Comment) }, { additionalProperties: false })
export type RatingInput = Static<typeof RatingInput>

/** What the citizen sees of the follow-up of their 差评: the steps and their notes, the outcome. */
export const FollowUpOutcomeSchema = Type.Object({
  status: FollowUpStatusSchema,
  visitDueAt: Instant,
  rectifyDueAt: Instant,
  visitedAt: Nullable(Instant),
  visitNote: Nullable(Type.String()),
  rectifiedAt: Nullable(Instant),
  rectifyNote: Nullable(Type.String()),
})

export const RatingSchema = Type.Object({
  level: Level,
  reasons: Type.Array(Type.String()),
  comment: Nullable(Type.String()),
  channel: literals(['app', 'kiosk'] as const),
  ratedAt: Instant,
  updatedAt: Instant,
  /** The rating may be changed until then (and while no 回访 was recorded). */
  changeableUntil: Instant,
  changeable: Type.Boolean(),
  followUp: Nullable(FollowUpOutcomeSchema),
})

export const RatedServiceSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: ServiceKindSchema,
  title: Type.String(),
  hallName: Nullable(Type.String()),
  completedAt: Instant,
  rating: Nullable(RatingSchema),
})
export type RatedService = Static<typeof RatedServiceSchema>

export const RatedServiceListSchema = Type.Object({ services: Type.Array(RatedServiceSchema) })

/** A follow-up as the hall's manager sees it: the rater masked, the rating in full. */
export const StaffFollowUpSchema = Type.Composite([
  Type.Object({
    ratingId: Type.String({ format: 'uuid' }),
    hallId: Nullable(Type.String()),
    kind: ServiceKindSchema,
    title: Type.String(),
    completedAt: Instant,
    raterName: Type.String(),
    raterPhone: Type.String(),
    level: Level,
    reasons: Type.Array(Type.String()),
    comment: Nullable(Type.String()),
    ratedAt: Instant,
    /** Set when the step's deadline passed undone (the escalation job). */
    visitOverdueAt: Nullable(Instant),
    rectifyOverdueAt: Nullable(Instant),
  }),
  FollowUpOutcomeSchema,
])
export type StaffFollowUp = Static<typeof StaffFollowUpSchema>
export const StaffFollowUpListSchema = Type.Object({ followUps: Type.Array(StaffFollowUpSchema) })

export const FollowUpQuery = Type.Object(
  { hallId: Type.Optional(HallId), status: Type.Optional(literals(FOLLOW_UP_STATUSES, { title: '跟进状态' })) },
  { additionalProperties: false },
)
export const FollowUpStepInput = Type.Object({ note: Type.String({ minLength: 2, maxLength: 500, title: '处理情况' }) }, { additionalProperties: false })

export const KioskBindInput = Type.Object({ windowId: WindowId }, { additionalProperties: false })
export const KioskSchema = Type.Object({
  /** Sent back by the tablet as `X-Kiosk-Token`; shown once. */
  token: Type.String(),
  hallId: Type.String(),
  hallName: Type.String(),
  windowId: Type.String(),
  windowNumber: Type.Integer(),
})
export type Kiosk = Static<typeof KioskSchema>

export const KioskCurrentSchema = Type.Object({
  hallName: Type.String(),
  windowNumber: Type.Integer(),
  /** The window's last finished ticket, while it is recent and not yet rated; null: nothing to rate. */
  service: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), completedAt: Instant })),
})
export type KioskCurrent = Static<typeof KioskCurrentSchema>
export const KioskRatingInput = Type.Object(
  { serviceId: Type.String({ format: 'uuid', title: '服务' }), level: Level, reasons: Reasons },
  { additionalProperties: false },
)

export const ExportQuery = Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false })

/**
 * One rating in the shape of the national 好差评 system's evaluation record (docs/rating.md lists each
 * field's source). Field names follow the national platform's data items.
 */
export const NationalRatingRecordSchema = Type.Object({
  /** 评价编号 */
  evaluationId: Type.String(),
  /** 办件/服务编号 (the module's own id of the service) */
  projectNo: Type.String(),
  /** 服务类型 */
  serviceType: Type.String(),
  /** 服务名称 */
  serviceName: Type.String(),
  /** 服务机构 (hall id; null for online services without a hall) */
  orgCode: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  /** 评价等级 1–5 (5 非常满意) and its name */
  satisfaction: Type.Integer(),
  satisfactionName: Type.String(),
  /** 评价渠道: 1 移动端, 2 政务大厅评价器 */
  channel: literals(['1', '2'] as const),
  /** 差评原因 codes and names */
  reasonCodes: Type.Array(Type.String()),
  reasonNames: Type.Array(Type.String()),
  /** 文字评价 */
  writingEvaluation: Nullable(Type.String()),
  /** 评价人 (masked) */
  raterName: Type.String(),
  evaluateTime: Instant,
  serviceTime: Instant,
  /** 整改反馈: status and the notes of 回访 and 整改 */
  rectification: Nullable(
    Type.Object({
      status: FollowUpStatusSchema,
      visitTime: Nullable(Instant),
      visitNote: Nullable(Type.String()),
      rectifyTime: Nullable(Instant),
      rectifyNote: Nullable(Type.String()),
    }),
  ),
})
export type NationalRatingRecord = Static<typeof NationalRatingRecordSchema>
export const RatingExportSchema = Type.Object({
  format: Type.String(),
  hallId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  generatedAt: Instant,
  records: Type.Array(NationalRatingRecordSchema),
})
