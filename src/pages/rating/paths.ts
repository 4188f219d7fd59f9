import { PAGE_PATHS } from '@/domain/page-routes'

/** Pages of the rating subpackage (the table: src/domain/page-routes.ts). */
export const RATING_PAGES = {
  mine: PAGE_PATHS.ratingMine,
  rate: PAGE_PATHS.ratingRate,
  kiosk: PAGE_PATHS.ratingKiosk,
  followUps: PAGE_PATHS.ratingFollowUps,
} as const
