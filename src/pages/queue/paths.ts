import { PAGE_PATHS } from '@/domain/page-routes'

/** Pages of the queue subpackage (the table: src/domain/page-routes.ts). */
export const QUEUE_PAGES = {
  take: PAGE_PATHS.queueTake,
  ticket: PAGE_PATHS.queueTicket,
  checkin: PAGE_PATHS.queueCheckin,
  mine: PAGE_PATHS.queueMine,
} as const
