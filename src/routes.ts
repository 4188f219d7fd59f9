import Taro from '@tarojs/taro'
import { PAGE_PATHS, withQuery } from './domain/page-routes'

export { withQuery }

/** The main package's pages (every page: src/domain/page-routes.ts). */
export const PAGES = {
  home: PAGE_PATHS.home,
  mine: PAGE_PATHS.mine,
  login: PAGE_PATHS.login,
  realName: PAGE_PATHS.realName,
  notFound: PAGE_PATHS.notFound,
  guideItem: PAGE_PATHS.guideItem,
} as const

const TAB_PAGES: readonly string[] = [PAGES.home, PAGES.mine]

const pathOf = (url: string) => url.split('?')[0]

/** Page params arrive encoded on weapp and decoded on H5; decoding twice must not throw. */
export function decodeParam(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Only paths inside the app are followed (a `redirect` param is user input). */
export const isAppPath = (url: string) => /^\/pages\/[\w/-]+(\?[\w%=&.~+-]*)?$/.test(url)

/** Opens a page the right way: tab pages with switchTab, others on top of the stack. */
export function openPage(url: string) {
  return TAB_PAGES.includes(pathOf(url)) ? Taro.switchTab({ url: pathOf(url) }) : Taro.navigateTo({ url })
}

/** The URL of the page on screen, without Taro's internal params. */
export function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router
  if (!router?.path) return PAGES.home
  const path = '/' + pathOf(router.path).replace(/^\/+/, '')
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(router.params ?? {})) {
    if (!key.startsWith('$') && key !== 'stamp' && typeof value === 'string') query[key] = decodeParam(value)!
  }
  return withQuery(path, query)
}

/** The value of `key` in a URL's query string. */
export function queryParam(url: string, key: string): string | undefined {
  const query = url.split('?')[1] ?? ''
  for (const pair of query.split('&')) {
    const [name, value = ''] = pair.split('=')
    if (name === key) return decodeParam(value)
  }
  return undefined
}

/**
 * Sends the user to sign in, then back to `redirect` (the current page by default). From inside the
 * sign-in flow it keeps the flow's own destination instead of stacking login pages.
 */
export function goToLogin(redirect = currentPageUrl()) {
  const path = pathOf(redirect)
  if (path === PAGES.login) return Promise.resolve()
  const target = path === PAGES.realName ? queryParam(redirect, 'redirect') : redirect
  return Taro.navigateTo({ url: withQuery(PAGES.login, { redirect: target }) })
}

/** Leaves the sign-in flow for `redirect` (an app path) or the home page. */
export function leaveSignIn(redirect: string | undefined) {
  const target = redirect && isAppPath(redirect) ? redirect : PAGES.home
  if (TAB_PAGES.includes(pathOf(target))) return Taro.switchTab({ url: pathOf(target) })
  return Taro.redirectTo({ url: target })
}
