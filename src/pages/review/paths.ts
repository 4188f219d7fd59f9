/** Page paths of material pre-review (subpackage `review`; reviewer pages in the `staff` subpackage). */
export const REVIEW_PAGES = {
  start: '/pages/review/start/index',
  checklist: '/pages/review/checklist/index',
  case: '/pages/review/case/index',
  mine: '/pages/review/mine/index',
  staffQueue: '/pages/staff/review/queue/index',
  staffCase: '/pages/staff/review/case/index',
} as const
