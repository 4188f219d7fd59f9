import { Type } from '@sinclair/typebox'
import { DateString, Hhmm, Instant, Nullable } from '../../core/schemas'

export const AppointmentSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('booked'), Type.Literal('checked_in'), Type.Literal('cancelled'), Type.Literal('no_show')], {
    description: 'booked 待签到 / checked_in 已签到（已转为优先排队号） / cancelled 已取消 / no_show 爽约',
  }),
  voucher: Nullable(Type.String({ description: '预约码（二维码内容 ONETRIP-APPT:<预约码>）；取消、爽约后为 null；已签到的保留作凭证（不能再签到）' })),
  hall: Type.Object({ id: Type.String(), name: Type.String(), address: Type.String() }),
  item: Type.Object({ id: Type.String(), name: Type.String() }),
  date: DateString,
  weekday: Type.String(),
  start: Type.String(),
  end: Type.String(),
  startsAt: Instant,
  createdAt: Instant,
  cancelReason: Nullable(Type.Union([Type.Literal('citizen'), Type.Literal('hall_closure')])),
  cancelDeadline: Instant,
  canCancel: Type.Boolean(),
  checkinOpensAt: Instant,
  checkinClosesAt: Instant,
  canCheckIn: Type.Boolean(),
  ticket: Nullable(Type.Object({ id: Type.String(), number: Type.String() })),
})

export const AppointmentDetailSchema = Type.Intersect([
  AppointmentSchema,
  Type.Object({
    qrDataUrl: Nullable(Type.String({ description: '预约码二维码 PNG（data URL），到厅出示；仅待签到的预约有' })),
    materials: Type.Array(
      // Only while the booking stands (待签到 or 已签到); empty once cancelled or no-show.
      Type.Object({
        name: Type.String(),
        necessity: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('deferrable')]),
        formLabel: Type.String({ description: '原件 / 复印件 / 原件及复印件 / 电子件' }),
        copies: Type.Integer(),
        bring: Type.Boolean({ description: 'false：通过数据共享获取，无需携带' }),
        note: Type.String(),
      }),
    ),
  }),
])

export const RulesSchema = Type.Object({
  horizonDays: Type.Integer(),
  slotMinutes: Type.Integer(),
  bookingCloseTime: Type.String(),
  cancelCutoffMinutes: Type.Integer(),
  checkinBeforeMinutes: Type.Integer(),
  checkinAfterMinutes: Type.Integer(),
  noShowLimit: Type.Integer(),
  noShowWindowDays: Type.Integer(),
  blockDays: Type.Integer(),
})

export const DaysSchema = Type.Object({
  hall: Type.Object({ id: Type.String(), name: Type.String(), openTime: Type.String(), closeTime: Type.String() }),
  item: Type.Object({ id: Type.String(), name: Type.String() }),
  rules: RulesSchema,
  days: Type.Array(
    Type.Object({
      date: DateString,
      weekday: Type.String(),
      label: Nullable(Type.String({ description: '如“调休上班”' })),
      remaining: Type.Integer(),
      status: Type.Union([Type.Literal('open'), Type.Literal('full'), Type.Literal('closed'), Type.Literal('suspended')], {
        description: 'open 可预约 / full 已约满 / closed 已截止（前一天截止时间后） / suspended 全天暂停预约',
      }),
    }),
  ),
})

export const SlotsSchema = Type.Object({
  date: DateString,
  bookable: Type.Boolean(),
  notice: Nullable(Type.String()),
  slots: Type.Array(Type.Object({ id: Type.String(), start: Type.String(), end: Type.String(), capacity: Type.Integer(), remaining: Type.Integer() })),
})

export const SettingsBody = Type.Object(
  {
    slotMinutes: Type.Union([Type.Literal(30), Type.Literal(60)], { title: '时段长度', description: '时段长度（分钟）' }),
    horizonDays: Type.Integer({ minimum: 1, maximum: 7, title: '可预约天数', description: '可预约未来工作日数' }),
    bookingCloseTime: Type.String({ ...Hhmm, title: '预约截止时间' }),
    cancelCutoffMinutes: Type.Integer({ minimum: 0, maximum: 1440, title: '取消截止时间' }),
    checkinBeforeMinutes: Type.Integer({ minimum: 0, maximum: 120, title: '提前签到时间' }),
    checkinAfterMinutes: Type.Integer({ minimum: 0, maximum: 120, title: '迟到签到时间' }),
    noShowLimit: Type.Integer({ minimum: 1, maximum: 10, title: '爽约次数上限' }),
    noShowWindowDays: Type.Integer({ minimum: 1, maximum: 365, title: '爽约统计天数' }),
    blockDays: Type.Integer({ minimum: 1, maximum: 365, title: '限制预约天数' }),
    capacities: Type.Array(
      Type.Object(
        { categoryCode: Type.String({ pattern: '^[A-Z]$', title: '业务类别' }), capacity: Type.Integer({ minimum: 0, maximum: 500, title: '时段容量' }) },
        { additionalProperties: false },
      ),
      { maxItems: 26, title: '时段容量' },
    ),
  },
  { additionalProperties: false },
)

export const ClosureSchema = Type.Object({ id: Type.String(), date: DateString, start: Type.String(), end: Type.String(), reason: Type.String() })

export const StaffSettingsSchema = Type.Object({
  hall: Type.Object({ id: Type.String(), name: Type.String(), openTime: Type.String(), closeTime: Type.String() }),
  settings: Type.Omit(SettingsBody, ['capacities']),
  capacities: Type.Array(Type.Object({ categoryCode: Type.String(), categoryName: Type.String(), capacity: Type.Integer() })),
  closures: Type.Array(ClosureSchema),
  calendarWarnings: Type.Array(Type.String()),
  notices: Type.Optional(Type.Array(Type.String())),
})

const StaffBookingSchema = Type.Intersect([AppointmentSchema, Type.Object({ nameMasked: Type.String() })])

export const StaffDaySchema = Type.Object({
  hall: Type.Object({ id: Type.String(), name: Type.String() }),
  date: DateString,
  weekday: Type.String(),
  working: Type.Boolean(),
  calendarKnown: Type.Boolean({ description: 'false：该年节假日未收录，按周一至周五计算' }),
  holidayName: Nullable(Type.String()),
  closures: Type.Array(ClosureSchema),
  totals: Type.Object({ booked: Type.Integer(), checkedIn: Type.Integer(), noShow: Type.Integer(), cancelled: Type.Integer() }),
  categories: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      slots: Type.Array(
        Type.Object({
          id: Type.String(),
          start: Type.String(),
          end: Type.String(),
          capacity: Type.Integer(),
          booked: Type.Integer(),
          bookings: Type.Array(StaffBookingSchema),
        }),
      ),
    }),
  ),
  others: Type.Array(StaffBookingSchema),
})
