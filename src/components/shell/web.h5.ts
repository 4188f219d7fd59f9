import Taro from '@tarojs/taro'
import { PAGE_PATHS } from '@/domain/page-routes'
import './web.scss'

/**
 * Pages that keep the whole width of a wide screen (the hall screen runs on a TV). Every other page is a centred
 * phone-width column on a desktop browser (web.scss); a page opts out by being listed here.
 */
export const FULL_WIDTH_PAGES: readonly string[] = [PAGE_PATHS.staffQueueScreen]

const FULL_WIDTH_CLASS = 'shell-full-width'

/** The H5 shell around Taro's router: navigation bar, column width and the connectivity notice. */
export function startWebShell() {
  // Taro's router reports every route it renders, the first one included.
  Taro.eventCenter.on('__taroRouterChange', ({ toLocation }: { toLocation: { path: string } }) => {
    document.documentElement.classList.toggle(FULL_WIDTH_CLASS, FULL_WIDTH_PAGES.includes(toLocation.path))
  })
  whenNavigationBar(labelNavigationBar)
  watchConnectivity()
  installAppShell()
}

/**
 * The service worker (src/public/sw.js) keeps the app shell so the app opens, and says it is offline, without a
 * network; browsers offer to install the app from the manifest. The scripts this first visit loaded before the worker
 * took control are handed to it, so the next offline start has them too.
 */
function installAppShell() {
  if (!('serviceWorker' in navigator)) return
  const handOver = () => navigator.serviceWorker.controller?.postMessage({ cacheShell: performance.getEntriesByType('resource').map((entry) => entry.name) })
  // From the moment the worker controls this page it sees every request itself; what came before is handed over.
  navigator.serviceWorker.addEventListener('controllerchange', handOver)
  // The app works without it; only the offline start is lost.
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}

/**
 * Taro's H5 navigation bar (app.config `navigationStyle: 'default'`) shows the page's `navigationBarTitleText`, a back
 * button when there is a page to go back to, and a home button on a sub-page opened directly (link, QR, reload).
 * Its buttons are bare divs: name them, make them focusable and operable by keyboard, and make the title the heading.
 */
function labelNavigationBar(bar: HTMLElement) {
  bar.setAttribute('role', 'banner')
  const buttons: [string, string][] = [
    ['taro-navigation-bar-back', '返回上一页'],
    ['taro-navigation-bar-home', '回到首页'],
  ]
  for (const [className, label] of buttons) {
    const button = bar.getElementsByClassName(className)[0] as HTMLElement | undefined
    if (!button) continue
    button.setAttribute('role', 'button')
    button.setAttribute('aria-label', label)
    button.tabIndex = 0
    button.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      button.click()
    })
  }
  const title = bar.getElementsByClassName('taro-navigation-bar-title')[0]
  title?.setAttribute('role', 'heading')
  title?.setAttribute('aria-level', '1')
}

/** The router inserts its navigation bar when it mounts, which may be after this runs. */
function whenNavigationBar(then: (bar: HTMLElement) => void) {
  const found = document.getElementById('taro-navigation-bar')
  if (found) return then(found)
  const observer = new MutationObserver(() => {
    const bar = document.getElementById('taro-navigation-bar')
    if (!bar) return
    observer.disconnect()
    then(bar)
  })
  observer.observe(document.body, { childList: true, subtree: true })
}

type Trouble = 'chunk' | 'offline'

const TROUBLE_TEXT: Record<Trouble, string> = {
  chunk: '页面没有加载成功，可能是网络不稳定。',
  offline: '网络已断开，请检查手机网络。',
}

/** A script or style chunk of a page that did not arrive (webpack's ChunkLoadError, mini-css-extract's CSS_CHUNK_LOAD_FAILED). */
export function isChunkLoadFailure(reason: unknown): boolean {
  if (!reason || typeof reason !== 'object') return false
  const { name, code, message } = reason as { name?: unknown; code?: unknown; message?: unknown }
  return name === 'ChunkLoadError' || code === 'CSS_CHUNK_LOAD_FAILED' || (typeof message === 'string' && /Loading (CSS )?chunk \S+ failed/.test(message))
}

/**
 * A page whose code did not load, or a lost network, says so in Chinese with 重试 instead of leaving a blank or
 * frozen page. Retrying a failed chunk reloads the app on the same URL (a new build's chunks included); retrying
 * while offline waits for the network, and the notice leaves by itself when the network is back.
 */
function watchConnectivity() {
  const notice = createNotice()
  let shown: Trouble | null = null
  const show = (trouble: Trouble) => {
    if (shown === 'chunk') return
    shown = trouble
    notice.text.textContent = TROUBLE_TEXT[trouble]
    notice.root.hidden = false
  }
  const hide = () => {
    shown = null
    notice.root.hidden = true
  }
  notice.retry.addEventListener('click', () => {
    if (!navigator.onLine) return show('offline')
    if (shown === 'chunk') return window.location.reload()
    hide()
  })
  window.addEventListener('unhandledrejection', (event) => {
    if (isChunkLoadFailure(event.reason)) show('chunk')
  })
  window.addEventListener('error', (event) => {
    if (isChunkLoadFailure(event.error)) show('chunk')
  })
  window.addEventListener('offline', () => show('offline'))
  window.addEventListener('online', () => shown === 'offline' && hide())
  if (!navigator.onLine) show('offline')
}

function createNotice() {
  const root = document.createElement('div')
  root.className = 'shell-notice'
  root.setAttribute('role', 'alert')
  root.hidden = true
  const text = document.createElement('span')
  text.className = 'shell-notice__text'
  const retry = document.createElement('button')
  retry.type = 'button'
  retry.className = 'shell-notice__retry'
  retry.textContent = '重试'
  root.append(text, retry)
  document.body.appendChild(root)
  return { root, text, retry }
}
