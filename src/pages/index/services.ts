/**
 * The services on the home page. A feature team registers its subpackage in app.config.ts and then
 * flips `ready` here; until then the entry shows as "即将开放".
 */
export interface ServiceEntry {
  key: string
  title: string
  desc: string
  /** Page opened with `?hallId=` of the chosen hall. */
  path: string
  ready: boolean
}

export const SERVICES: ServiceEntry[] = [
  { key: 'queue', title: '网上取号', desc: '在线取号，叫号前提醒', path: '/pages/queue/take/index', ready: true },
  { key: 'appointment', title: '预约办', desc: '预约时段，到厅即办', path: '/pages/appointment/book/index', ready: true },
  { key: 'enterprise-name', title: '企业名称自主申报', desc: '名称查重，在线申报', path: '/pages/name/declare/index', ready: true },
  { key: 'prereview', title: '材料预审', desc: '先传材料，窗口预审', path: '/pages/review/start/index', ready: true },
  { key: 'delivery', title: '证照快递', desc: '办结证照，寄送到家', path: '/pages/pickup/index', ready: true },
]
