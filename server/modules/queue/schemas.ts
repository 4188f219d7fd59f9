import { Type, type Static } from '@sinclair/typebox'
import { HallId, Nullable, Uuid, literals } from '../../core/schemas'

export const CategoryId = Type.String({ pattern: '^[a-z0-9-]{1,40}-[A-Z]$', title: '排队类别', description: '业务类别 ID（<服务中心>-<字母>）' })
export const CategoryCode = Type.String({ pattern: '^[A-Z]$', title: '业务类别', description: '业务类别字母' })
export const WindowId = Type.String({ pattern: '^[a-z0-9-]{1,40}-w[0-9]{1,3}$', title: '窗口', description: '窗口 ID（<服务中心>-w<号>）' })

export const TicketStatusSchema = literals(['waiting_checkin', 'waiting', 'called', 'serving', 'done', 'missed', 'cancelled', 'expired'], {
  description: '待签到 / 排队中 / 叫号中 / 办理中 / 已完成 / 过号 / 已取消 / 已失效',
})
const PrioritySchema = Type.Union([Type.Literal('appointment'), Type.Literal('elderly'), Type.Null()], { description: '优先类型：预约 / 老年人' })
const WaitRange = Type.Object({ min: Type.Integer(), max: Type.Integer() }, { description: '预计等待时间范围（分钟）' })

export const TicketSchema = Type.Object({
  id: Uuid,
  number: Type.String({ description: '排队号，如 A023；预约转入的号为 Y 开头' }),
  status: TicketStatusSchema,
  source: Type.Union([Type.Literal('remote'), Type.Literal('appointment')]),
  priority: PrioritySchema,
  serviceDate: Type.String(),
  hall: Type.Object({
    id: Type.String(),
    name: Type.String(),
    address: Type.String(),
    location: Type.Object({ lat: Type.Number(), lng: Type.Number(), geofenceMeters: Type.Integer() }),
  }),
  category: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  issuedAt: Type.String(),
  checkinDeadline: Nullable(Type.String({ description: '网上取号须在此时间前到厅签到' })),
  checkedInAt: Nullable(Type.String()),
  ahead: Type.Union([Type.Integer(), Type.Null()], { description: '前面等待人数（未签到时为当前排队人数）' }),
  estimatedWaitMinutes: Type.Union([WaitRange, Type.Null()]),
  window: Type.Union([Type.Object({ number: Type.Integer(), name: Type.String() }), Type.Null()], { description: '叫号后请前往的窗口' }),
  calledAt: Nullable(Type.String()),
  recalls: Type.Integer(),
  misses: Type.Integer(),
})

/** A ticket as the BFF answers it and the app shows it. */
export type TicketView = Static<typeof TicketSchema>

export const HallQueueStatusSchema = Type.Object({
  takingClosedReason: Type.Union([Type.String(), Type.Null()], { description: '当前不能网上取号的原因；可取号时为 null' }),
  categories: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      waiting: Type.Integer({ description: '已签到排队人数' }),
      estimatedWaitMinutes: WaitRange,
      remaining: Type.Integer({ description: '今日剩余号源' }),
    }),
  ),
})

export const TakeBody = Type.Object({ hallId: HallId, categoryId: CategoryId }, { additionalProperties: false })

/** A position the phone reports for a location check-in (checkin-proof.ts): client-asserted, so bounded. */
export const ReportedLocationSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, title: '纬度' }),
    lng: Type.Number({ minimum: -180, maximum: 180, title: '经度' }),
    accuracy: Type.Number({ minimum: 0, maximum: 100000, title: '定位精度', description: '手机报告的定位误差半径（米），须不超过 100 米' }),
  },
  { additionalProperties: false, title: '定位', description: '微信定位（GCJ-02），须在服务中心签到范围内' },
)

const CheckinMethodSchema = Type.Union([Type.Literal('qr'), Type.Literal('location'), Type.Literal('window')], {
  description: '签到方式：扫码签到 / 定位签到（手机上报，未核验） / 窗口签到',
})

export const CheckinBody = Type.Object(
  {
    token: Type.Optional(Type.String({ minLength: 10, maxLength: 120, title: '签到码', description: '大厅签到二维码中的签到码' })),
    location: Type.Optional(ReportedLocationSchema),
  },
  { additionalProperties: false, description: '签到凭证：签到码或定位，二选一' },
)

const StaffTicketSchema = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: Type.Union([Type.Literal('called'), Type.Literal('serving')]),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  nameMasked: Type.String({ description: '脱敏姓名，如 张*' }),
  priority: PrioritySchema,
  checkinMethod: CheckinMethodSchema,
  recalls: Type.Integer(),
  misses: Type.Integer(),
  calledAt: Nullable(Type.String()),
  servingAt: Nullable(Type.String()),
})

export const WindowViewSchema = Type.Object({
  window: Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), hallId: Type.String(), hallName: Type.String() }),
  current: Type.Union([StaffTicketSchema, Type.Null()]),
  lines: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), waiting: Type.Integer(), waitingCheckin: Type.Integer() })),
  finishedToday: Type.Integer(),
})

export const HallScreenSchema = Type.Object({
  hall: Type.Object({ id: Type.String(), name: Type.String() }),
  calls: Type.Array(
    Type.Object({
      number: Type.String(),
      status: Type.Union([Type.Literal('called'), Type.Literal('serving')]),
      windowNumber: Type.Integer(),
      nameMasked: Type.String(),
      calledAt: Type.String(),
    }),
  ),
  lines: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), waiting: Type.Integer() })),
})

export const CheckinCodeSchema = Type.Object({
  token: Type.String(),
  url: Type.String({ description: '二维码内容：H5 签到页链接，小程序扫码时从中读取签到码' }),
  qrDataUrl: Type.String({ description: '二维码 PNG（data URL）' }),
  rotatesAt: Type.String({ description: '签到码更换时间；上一个签到码在更换后仍可使用一个周期' }),
})
