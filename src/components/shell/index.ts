import Taro from '@tarojs/taro'
import { PAGES } from '@/routes'
import { startWebShell } from './web'

/**
 * What every page gets from the app shell rather than from its own code: an unknown route lands on the 404 page
 * (both targets: WeChat's onPageNotFound and Taro's H5 router report it the same way), and on H5 the navigation bar,
 * the connectivity notice and the desktop column (./web.h5.ts; ./web.ts is the mini-program's empty twin, which
 * has WeChat's own navigation bar and its 返回首页 button on a first page that is not the home page).
 */
export function startShell() {
  Taro.onPageNotFound(() => void Taro.redirectTo({ url: PAGES.notFound }))
  startWebShell()
}
