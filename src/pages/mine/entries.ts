/** "我的" entries; like the home services, each turns on (`ready`) when its feature page is registered. */
export interface MineEntry {
  key: string
  title: string
  path: string
  ready: boolean
}

export const MINE_ENTRIES: MineEntry[] = [
  { key: 'tickets', title: '我的排号', path: '/pages/queue/mine/index', ready: true },
  { key: 'appointments', title: '我的预约', path: '/pages/appointment/mine/index', ready: true },
  { key: 'cases', title: '我的办件', path: '/pages/review/mine/index', ready: true },
  { key: 'names', title: '我的名称', path: '/pages/name/mine/index', ready: true },
  { key: 'delegations', title: '我的委托', path: '/pages/pickup/index', ready: true },
]

/** Shown only to users with a staff role at some hall. */
export const WORKBENCH_ENTRY: MineEntry = { key: 'workbench', title: '工作台', path: '/pages/staff/index/index', ready: true }
