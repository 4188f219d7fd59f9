import type { LegalDocument } from './legal'

/**
 * The one table of the app's pages, shared by the BFF (message links, WeChat subscribe `page`) and the
 * app (navigation). Pure: no Taro. __tests__/domain/page-routes.test.ts proves that the table and
 * src/app.config.ts list the same pages, so a key here is a page that exists, and code that names a
 * page by key or builds a link with `pageLink` does not compile with a page that is not in the table.
 */
export const PAGE_PATHS = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  realName: '/pages/login/real-name',
  notFound: '/pages/not-found/index',
  guideItem: '/pages/guide/item/index',
  appointmentBook: '/pages/appointment/book/index',
  appointmentMine: '/pages/appointment/mine/index',
  appointmentDetail: '/pages/appointment/detail/index',
  appointmentCheckin: '/pages/appointment/checkin/index',
  reviewStart: '/pages/review/start/index',
  reviewChecklist: '/pages/review/checklist/index',
  reviewCase: '/pages/review/case/index',
  reviewMine: '/pages/review/mine/index',
  themeList: '/pages/theme/index',
  themeGuide: '/pages/theme/guide/index',
  themeApplication: '/pages/theme/application/index',
  themeMine: '/pages/theme/mine/index',
  themeStaffQueue: '/pages/theme/staff-queue/index',
  themeStaffApplication: '/pages/theme/staff-application/index',
  queueTake: '/pages/queue/take/index',
  queueTicket: '/pages/queue/ticket/index',
  queueCheckin: '/pages/queue/checkin/index',
  queueMine: '/pages/queue/mine/index',
  pickupList: '/pages/pickup/index',
  pickupAuthorize: '/pages/pickup/authorize/index',
  pickupDetail: '/pages/pickup/detail/index',
  nameDeclare: '/pages/name/declare/index',
  nameNotice: '/pages/name/notice/index',
  nameMine: '/pages/name/mine/index',
  privacy: '/pages/privacy/index',
  legal: '/pages/legal/index',
  ratingMine: '/pages/rating/index',
  ratingRate: '/pages/rating/rate/index',
  ratingKiosk: '/pages/rating/kiosk/index',
  ratingFollowUps: '/pages/rating/follow-ups/index',
  staffHome: '/pages/staff/index/index',
  staffQueueWindow: '/pages/staff/queue/window/index',
  staffQueueScreen: '/pages/staff/queue/screen/index',
  staffReviewQueue: '/pages/staff/review/queue/index',
  staffReviewCase: '/pages/staff/review/case/index',
  staffAppointmentDay: '/pages/staff/appointment/day/index',
  staffAppointmentSettings: '/pages/staff/appointment/settings/index',
  staffPickup: '/pages/staff/pickup/index',
  staffPickupDetail: '/pages/staff/pickup/detail/index',
  staffPickupAgentCheck: '/pages/staff/pickup/agent-check/index',
  adminHalls: '/pages/admin/index',
  adminNewHall: '/pages/admin/new-hall/index',
  adminHall: '/pages/admin/hall/index',
  adminCategory: '/pages/admin/category/index',
  adminWindow: '/pages/admin/window/index',
  adminStaff: '/pages/admin/staff/index',
  adminHistory: '/pages/admin/history/index',
} as const satisfies Record<string, `/pages/${string}`>

export type PageKey = keyof typeof PAGE_PATHS
export type PagePath = (typeof PAGE_PATHS)[PageKey]

/** The query each page reads (its `useRouter().params`); pages not listed take none. */
export interface PageQueries {
  login: { redirect?: string }
  realName: { redirect?: string }
  guideItem: { id: string }
  appointmentBook: { hallId?: string; itemId?: string }
  appointmentDetail: { id: string }
  appointmentCheckin: { token?: string }
  reviewStart: { hallId?: string }
  reviewChecklist: { hallId: string; itemId: string }
  reviewCase: { id: string }
  themeGuide: { id: string }
  themeApplication: { id: string }
  themeStaffQueue: { hallId?: string }
  themeStaffApplication: { id: string }
  queueTake: { hallId?: string; category?: string }
  queueTicket: { id: string }
  queueCheckin: { token?: string }
  pickupAuthorize: { caseNumber: string }
  pickupDetail: { id: string }
  nameNotice: { id: string }
  legal: { doc?: LegalDocument }
  ratingRate: { id: string }
  ratingFollowUps: { hallId?: string }
  staffQueueWindow: { hallId?: string }
  staffQueueScreen: { hallId?: string }
  staffReviewQueue: { hallId?: string }
  staffReviewCase: { id: string }
  staffAppointmentDay: { hallId?: string; date?: string }
  staffAppointmentSettings: { hallId?: string }
  staffPickup: { hallId?: string }
  staffPickupDetail: { id: string }
  staffPickupAgentCheck: { hallId?: string }
  adminHall: { hallId?: string }
  adminCategory: { hallId?: string; code?: string }
  adminWindow: { hallId?: string; number?: string }
  adminStaff: { hallId?: string }
  adminHistory: { hallId?: string; target?: string }
}

export type QueryOf<K extends PageKey> = K extends keyof PageQueries ? PageQueries[K] : Record<string, never>

/** An app URL built from the table (`/pages/…?…`); only `pageLink` makes one. */
export type PageLink = string & { readonly __pageLink: true }

/** `path?key=value&…` with the values URL-encoded; empty values are left out. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
  return pairs.length ? `${path}?${pairs.join('&')}` : path
}

type QueryArgs<K extends PageKey> = Record<never, never> extends QueryOf<K> ? [query?: QueryOf<K>] : [query: QueryOf<K>]

/** The URL of a page in the table with its typed query, e.g. `pageLink('queueTicket', { id })`. */
export function pageLink<K extends PageKey>(key: K, ...[query]: QueryArgs<K>): PageLink {
  return withQuery(PAGE_PATHS[key], (query ?? {}) as Record<string, string | undefined>) as PageLink
}

/** The `page` of a WeChat subscribe message: a page link without its leading slash. */
export type SubscribePage = string & { readonly __subscribePage: true }

export const subscribePage = (link: PageLink) => link.replace(/^\//, '') as SubscribePage

/** The page key of an app URL, or null when the path is not a page of the table. */
export function pageKeyOf(url: string): PageKey | null {
  const path = '/' + url.split('?')[0].replace(/^\/+/, '')
  const found = (Object.keys(PAGE_PATHS) as PageKey[]).find((key) => PAGE_PATHS[key] === path)
  return found ?? null
}
