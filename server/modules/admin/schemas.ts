import { Type, type Static } from '@sinclair/typebox'
import { HallId, Hhmm, Nullable, literals } from '../../core/schemas'

/** The hall administration contract (issue 18): platform administrators, hall administrators, their objects. */

export const HALL_LEVELS = ['district', 'street', 'community'] as const
export const HallLevel = literals(HALL_LEVELS, {
  title: '层级',
  description: 'district 区县政务服务中心 · street 街道（乡镇）便民服务中心 · community 社区（村）便民服务站',
})
export const ADMIN_ROLES = ['staff', 'reviewer', 'clerk', 'admin'] as const
export const StaffRoleSchema = literals(ADMIN_ROLES, { title: '岗位', description: 'staff 窗口 · reviewer 预审 · clerk 出证 · admin 服务中心管理员' })

const time = (title: string) => Type.String({ pattern: Hhmm.pattern, title, description: 'HH:MM（北京时间）' })
export const CategoryCodeParam = Type.String({ pattern: '^[A-Z]$', title: '类别代码', description: '业务类别字母（A–Z，Y 为预约号专用）' })
export const WindowNumber = Type.Integer({ minimum: 1, maximum: 999, title: '窗口号' })
const Phone = Type.String({ minLength: 11, maxLength: 20, title: '手机号' })

export const HallSettingsBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 60, title: '服务中心名称' }),
    shortName: Type.String({ minLength: 1, maxLength: 20, title: '简称' }),
    address: Type.String({ minLength: 4, maxLength: 120, title: '地址' }),
    phone: Type.String({ pattern: '^[0-9][0-9-]{6,19}$', title: '咨询电话' }),
    lat: Type.Number({ minimum: 3, maximum: 54, title: '纬度', description: 'GCJ-02，微信定位所用坐标系' }),
    lng: Type.Number({ minimum: 73, maximum: 136, title: '经度', description: 'GCJ-02' }),
    geofenceMeters: Type.Integer({ minimum: 20, maximum: 5000, title: '签到范围（米）' }),
    countyCode: Type.String({ pattern: '^[1-9][0-9]{5}$', title: '所在区县代码', description: 'GB/T 2260 区县代码' }),
    openTime: time('开始办公时间'),
    closeTime: time('结束办公时间'),
    takeCutoffMinutes: Type.Integer({ minimum: 0, maximum: 240, title: '网上取号截止（闭厅前分钟）' }),
    level: HallLevel,
    parentHallId: Nullable(Type.String({ pattern: HallId.pattern, title: '上级服务中心' })),
    parentManaged: Type.Boolean({ title: '由上级服务中心管理员管理' }),
  },
  { additionalProperties: false },
)
export type HallSettings = Static<typeof HallSettingsBody>

export const NewHallBody = Type.Composite(
  [
    Type.Object({ id: Type.String({ pattern: '^[a-z][a-z0-9-]{1,30}$', title: '服务中心编号', description: '小写字母、数字和连字符，创建后不可修改' }) }),
    HallSettingsBody,
  ],
  { additionalProperties: false },
)

export const CategorySettingsBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 20, title: '类别名称' }),
    dailyQuota: Type.Integer({ minimum: 1, maximum: 998, title: '每日号源' }),
    perPersonDailyCap: Type.Integer({ minimum: 1, maximum: 10, title: '每人每日取号上限' }),
    avgHandleMinutes: Type.Integer({ minimum: 1, maximum: 240, title: '平均办理时长（分钟）' }),
    elderlyPriorityAge: Nullable(Type.Integer({ minimum: 50, maximum: 100, title: '老年人优先年龄', description: '为空时沿用服务中心的设置' })),
  },
  { additionalProperties: false },
)
export type CategorySettings = Static<typeof CategorySettingsBody>
export const NewCategoryBody = Type.Composite([Type.Object({ code: CategoryCodeParam }), CategorySettingsBody], { additionalProperties: false })

export const WindowSettingsBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 20, title: '窗口名称' }),
    categoryCodes: Type.Array(Type.String({ pattern: '^[A-Z]$', title: '办理类别' }), { minItems: 1, maxItems: 26, uniqueItems: true, title: '办理类别' }),
    priority: Type.Boolean({ title: '优先窗口' }),
  },
  { additionalProperties: false },
)
export type WindowSettings = Static<typeof WindowSettingsBody>
export const NewWindowBody = Type.Composite([Type.Object({ number: WindowNumber }), WindowSettingsBody], { additionalProperties: false })

export const InviteStaffBody = Type.Object(
  { phone: Phone, role: StaffRoleSchema, windowNumber: Nullable(Type.Integer({ minimum: 1, maximum: 999, title: '窗口号' })) },
  { additionalProperties: false },
)
export const InviteAdminBody = Type.Object({ phone: Phone }, { additionalProperties: false })

export const CategoryAdminSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  dailyQuota: Type.Integer(),
  perPersonDailyCap: Type.Integer(),
  avgHandleMinutes: Type.Integer(),
  elderlyPriorityAge: Nullable(Type.Integer()),
})

export const WindowAdminSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  categoryCodes: Type.Array(Type.String()),
  priority: Type.Boolean(),
  paused: Type.Boolean({ description: '暂停服务：不叫号，也不计入等候时间估算' }),
})

export const HallAdminSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  geofenceMeters: Type.Integer(),
  countyCode: Type.String(),
  openTime: Type.String(),
  closeTime: Type.String(),
  takeCutoffMinutes: Type.Integer(),
  level: HallLevel,
  parentHallId: Nullable(Type.String()),
  parentManaged: Type.Boolean(),
  categories: Type.Array(CategoryAdminSchema),
  windows: Type.Array(WindowAdminSchema),
})

export const HallSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: HallLevel,
  parentHallId: Nullable(Type.String()),
})

export const StaffMemberSchema = Type.Object({
  userId: Type.String(),
  nameMasked: Type.String({ description: '未实名时为“未实名”' }),
  phoneMasked: Type.String(),
  roles: Type.Array(Type.Object({ role: StaffRoleSchema, windowNumber: Nullable(Type.Integer()) })),
  disabled: Type.Boolean(),
  lastActiveAt: Nullable(Type.String({ description: '最近一次登录时间' })),
})

export const HistoryEntrySchema = Type.Object({
  at: Type.String(),
  action: Type.String(),
  target: Type.String(),
  actorNameMasked: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
})

export const HistoryQuery = Type.Object(
  { target: Type.Optional(Type.String({ pattern: '^[a-z_]{2,30}:[A-Za-z0-9-]{1,80}$', title: '对象', description: '<kind>:<id>，如 hall_window:tianfu-w1' })) },
  { additionalProperties: false },
)

export type AdminRole = (typeof ADMIN_ROLES)[number]
export type HallAdminView = Static<typeof HallAdminSchema>
export type StaffMember = Static<typeof StaffMemberSchema>
export type HistoryEntry = Static<typeof HistoryEntrySchema>
