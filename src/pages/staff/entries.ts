import type { Me, StaffRole } from '@/services/me'
import { PAGE_PATHS } from '@/domain/page-routes'
import { STAFF_PAGES } from './paths'

/**
 * The tools of the staff workbench (工作台). Each feature appends its entries; the workbench shows an
 * entry once per hall where the signed-in user holds one of `roles` (admins see every entry of their
 * halls) and opens `path?hallId=<hall>`.
 */
export interface StaffEntry {
  key: string
  title: string
  desc: string
  roles: StaffRole[]
  path: string
}

export const ROLE_LABELS: Record<StaffRole, string> = { staff: '窗口人员', reviewer: '预审人员', clerk: '发证人员', admin: '管理员' }

export const STAFF_ENTRIES: StaffEntry[] = [
  { key: 'queue-window', title: '窗口叫号', desc: '叫号、重呼、过号、转类别', roles: ['staff'], path: STAFF_PAGES.window },
  { key: 'queue-screen', title: '大厅叫号屏', desc: '叫号大屏与签到二维码（请在大厅屏幕上打开）', roles: ['staff'], path: STAFF_PAGES.screen },
  { key: 'appointment-day', title: '预约名单', desc: '当日预约、签到与爽约，窗口代签到', roles: ['staff'], path: PAGE_PATHS.staffAppointmentDay },
  { key: 'appointment-settings', title: '预约设置', desc: '时段、容量、取消与签到规则、闭厅安排', roles: ['staff'], path: PAGE_PATHS.staffAppointmentSettings },
  { key: 'pickup', title: '证照发放', desc: '出证登记、EMS寄递登记、代领人核验与发证', roles: ['clerk'], path: PAGE_PATHS.staffPickup },
  { key: 'review', title: '材料预审', desc: '待预审办件（最早提交在前）、逐项审核、一次性告知', roles: ['reviewer'], path: PAGE_PATHS.staffReviewQueue },
  { key: 'admin', title: '服务中心管理', desc: '服务中心设置、排队类别、窗口、工作人员与操作记录', roles: ['admin'], path: PAGE_PATHS.adminHall },
  { key: 'joint-review', title: '一件事联审', desc: '“一件事”申请各部门并联审查，只决定本部门事项', roles: ['reviewer'], path: PAGE_PATHS.themeStaffQueue },
  { key: 'rating-kiosk', title: '窗口评价器', desc: '把本平板绑定为窗口的好差评评价器', roles: ['staff'], path: PAGE_PATHS.ratingKiosk },
  { key: 'rating-follow-ups', title: '差评回访整改', desc: '差评的回访、整改与期限', roles: ['admin'], path: PAGE_PATHS.ratingFollowUps },
]

/** The entries the user's roles allow at `hallId`. */
export function entriesAt(me: Me, hallId: string): StaffEntry[] {
  const roles = me.staff.filter((a) => a.hallId === hallId).map((a) => a.role)
  return STAFF_ENTRIES.filter((entry) => roles.includes('admin') || entry.roles.some((role) => roles.includes(role)))
}
