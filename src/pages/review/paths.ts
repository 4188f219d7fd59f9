import { PAGE_PATHS } from '@/domain/page-routes'

/** Page paths of material pre-review, applicant and reviewer (the table: src/domain/page-routes.ts). */
export const REVIEW_PAGES = {
  start: PAGE_PATHS.reviewStart,
  checklist: PAGE_PATHS.reviewChecklist,
  case: PAGE_PATHS.reviewCase,
  mine: PAGE_PATHS.reviewMine,
  staffQueue: PAGE_PATHS.staffReviewQueue,
  staffCase: PAGE_PATHS.staffReviewCase,
} as const
