import { PAGE_PATHS } from '@/domain/page-routes'

/** Staff pages of the queue feature (the table: src/domain/page-routes.ts). */
export const STAFF_PAGES = {
  window: PAGE_PATHS.staffQueueWindow,
  screen: PAGE_PATHS.staffQueueScreen,
} as const
