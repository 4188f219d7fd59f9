import { PAGE_PATHS } from '@/domain/page-routes'

/** Pages of the name subpackage (the table: src/domain/page-routes.ts). */
export const NAME_PAGES = {
  declare: PAGE_PATHS.nameDeclare,
  notice: PAGE_PATHS.nameNotice,
  mine: PAGE_PATHS.nameMine,
} as const
