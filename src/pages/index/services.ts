import { PAGE_PATHS } from '@/domain/page-routes'

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
  { key: 'queue', title: '网上取号', desc: '在线取号，叫号前提醒', path: PAGE_PATHS.queueTake, ready: true },
  { key: 'appointment', title: '预约办', desc: '预约时段，到厅即办', path: PAGE_PATHS.appointmentBook, ready: true },
  { key: 'enterprise-name', title: '企业名称自主申报', desc: '名称查重，在线申报', path: PAGE_PATHS.nameDeclare, ready: true },
  { key: 'prereview', title: '材料预审', desc: '先传材料，窗口预审', path: PAGE_PATHS.reviewStart, ready: true },
  { key: 'theme', title: '一件事一次办', desc: '开店办证，一次申请', path: PAGE_PATHS.themeList, ready: true },
  { key: 'delivery', title: '证照快递', desc: '办结证照，寄送到家', path: PAGE_PATHS.pickupList, ready: true },
]
