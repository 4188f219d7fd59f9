import { PAGE_PATHS, pageLink } from '@/domain/page-routes'

/** The pages of the pickup subpackage and the clerk's pages (the table: src/domain/page-routes.ts). */
export const PICKUP_PAGES = {
  list: PAGE_PATHS.pickupList,
  authorize: (caseNumber: string) => pageLink('pickupAuthorize', { caseNumber }),
  detail: (id: string) => pageLink('pickupDetail', { id }),
  staffHome: PAGE_PATHS.staffPickup,
  staffDetail: (id: string) => pageLink('staffPickupDetail', { id }),
  staffAgentCheck: PAGE_PATHS.staffPickupAgentCheck,
}
