import type { AdminRole, HallLevel } from '@/services/admin'
import { ROLE_LABELS } from '@/pages/staff/entries'

/** The Chinese titles of the administered fields: the form labels, the words the BFF names a refused field by, the history's keys. */
export const HALL_TITLES = {
  id: '服务中心编号',
  name: '服务中心名称',
  shortName: '简称',
  address: '地址',
  phone: '咨询电话',
  lat: '纬度',
  lng: '经度',
  geofenceMeters: '签到范围（米）',
  countyCode: '所在区县代码',
  openTime: '开始办公时间',
  closeTime: '结束办公时间',
  takeCutoffMinutes: '网上取号截止（闭厅前分钟）',
} as const

export const CATEGORY_TITLES = {
  code: '类别代码',
  name: '类别名称',
  dailyQuota: '每日号源',
  perPersonDailyCap: '每人每日取号上限',
  avgHandleMinutes: '平均办理时长（分钟）',
  elderlyPriorityAge: '老年人优先年龄',
} as const

export const WINDOW_TITLES = { number: '窗口号', name: '窗口名称', categoryCodes: '办理类别' } as const

export const LEVEL_LABELS: Record<HallLevel, string> = { district: '区县政务服务中心', street: '街道（乡镇）便民服务中心', community: '社区（村）便民服务站' }

/** The roles an administrator hands out, in the order they are offered. */
export const INVITE_ROLES: AdminRole[] = ['staff', 'reviewer', 'clerk', 'admin']
export { ROLE_LABELS }

/** Labels of the keys the history shows before → after (the fields above, and those only the history has). */
export const HISTORY_KEY_LABELS: Record<string, string> = {
  ...HALL_TITLES,
  ...CATEGORY_TITLES,
  ...WINDOW_TITLES,
  level: '层级',
  parentHallId: '上级服务中心',
  parentManaged: '由上级服务中心管理员管理',
  priority: '优先窗口',
  paused: '暂停服务',
  disabled: '停用',
  role: '岗位',
  windowNumber: '绑定窗口',
  phoneMasked: '手机号',
}

export const ACTION_LABELS: Record<string, string> = {
  'admin.hall.create': '新建服务中心',
  'admin.hall.update': '修改服务中心设置',
  'admin.category.create': '新建排队类别',
  'admin.category.update': '修改排队类别',
  'admin.window.create': '新建窗口',
  'admin.window.update': '修改窗口',
  'admin.window.pause': '窗口暂停服务',
  'admin.window.resume': '窗口恢复服务',
  'admin.staff.invite': '邀请工作人员',
  'admin.staff.disable': '停用工作人员',
  'admin.staff.enable': '启用工作人员',
}
