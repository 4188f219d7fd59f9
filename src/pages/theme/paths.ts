import { PAGE_PATHS } from '@/domain/page-routes'

/** Page paths of 一件事一次办 (the table: src/domain/page-routes.ts). */
export const THEME_PAGES = {
  list: PAGE_PATHS.themeList,
  guide: PAGE_PATHS.themeGuide,
  application: PAGE_PATHS.themeApplication,
  mine: PAGE_PATHS.themeMine,
  staffQueue: PAGE_PATHS.themeStaffQueue,
  staffApplication: PAGE_PATHS.themeStaffApplication,
} as const
