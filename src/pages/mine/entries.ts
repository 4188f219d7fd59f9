import { PAGE_PATHS } from '@/domain/page-routes'

/** "我的" entries; like the home services, each turns on (`ready`) when its feature page is registered. */
export interface MineEntry {
  key: string
  title: string
  path: string
  ready: boolean
}

export const MINE_ENTRIES: MineEntry[] = [
  { key: 'tickets', title: '我的排号', path: PAGE_PATHS.queueMine, ready: true },
  { key: 'appointments', title: '我的预约', path: PAGE_PATHS.appointmentMine, ready: true },
  { key: 'cases', title: '我的办件', path: PAGE_PATHS.reviewMine, ready: true },
  { key: 'names', title: '我的名称', path: PAGE_PATHS.nameMine, ready: true },
  { key: 'delegations', title: '我的委托', path: PAGE_PATHS.pickupList, ready: true },
  { key: 'ratings', title: '服务评价', path: PAGE_PATHS.ratingMine, ready: true },
  { key: 'privacy', title: '个人信息与隐私', path: PAGE_PATHS.privacy, ready: true },
]

/** Shown only to users with a staff role at some hall, and to platform administrators. */
export const WORKBENCH_ENTRY: MineEntry = { key: 'workbench', title: '工作台', path: PAGE_PATHS.staffHome, ready: true }
