/** Pages of the name subpackage (registered in app.config.ts). */
export const NAME_PAGES = {
  declare: '/pages/name/declare/index',
  notice: '/pages/name/notice/index',
  mine: '/pages/name/mine/index',
} as const
