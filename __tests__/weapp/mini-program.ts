import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/**
 * A small stand-in for the WeChat mini-program runtime, enough to boot the built `dist/weapp` in Node:
 * the globals a mini-program has (App, Page, Component, getApp, getCurrentPages, wx) and its CommonJS
 * `require` between output files, all inside a fresh VM context, so no DOM, `window` or `process`
 * leaks in from Node or jsdom. It records what the app asks of `wx` (requests, storage, setData).
 */

export interface WxRequestOptions {
  url: string
  method?: string
  header?: Record<string, string>
  data?: unknown
  dataType?: string
  responseType?: string
  timeout?: number
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }) => void
  fail?: (err: { errMsg: string }) => void
  complete?: (res: unknown) => void
}

type Answer = { statusCode: number; body: unknown } | null
/** Answers a wx.request: at once, or later (e.g. from a real BFF through inject). */
export type Responder = (options: WxRequestOptions) => Answer | Promise<Answer>

type AnyFn = (...args: any[]) => any
type Config = Record<string, any>

export interface PageInstance extends Config {
  route: string
  data: Config
  setData: (patch: Config, callback?: () => void) => void
}

export function createMiniProgram(distDir: string, respond: Responder) {
  const requests: WxRequestOptions[] = []
  const storage = new Map<string, unknown>()
  const setDataPatches: Config[] = []
  const unknownApis = new Set<string>()
  let appConfig: Config | null = null
  let lastPageConfig: Config | null = null
  const components: Config[] = []
  const pageStack: PageInstance[] = []

  const systemInfo = {
    brand: 'devtools', model: 'iPhone 12', pixelRatio: 2, screenWidth: 375, screenHeight: 667, windowWidth: 375,
    windowHeight: 667, statusBarHeight: 20, language: 'zh_CN', version: '8.0.50', system: 'iOS 16.0', platform: 'devtools',
    SDKVersion: '3.5.0', safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  }
  const ok = (name: string, extra: Config = {}) => ({ errMsg: `${name}:ok`, ...extra })
  const callback = (name: string, result: Config) => (options: Config = {}) => {
    setTimeout(() => {
      options.success?.(ok(name, result))
      options.complete?.(ok(name, result))
    })
  }

  const wxApis: Record<string, AnyFn> = {
    request(options: WxRequestOptions) {
      requests.push(options)
      let aborted = false
      setTimeout(async () => {
        const answer = await respond(options)
        if (aborted) return
        if (!answer) {
          const error = { errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }
          options.fail?.(error)
          options.complete?.(error)
          return
        }
        // dataType 'text' leaves the body a string, as the real wx.request does.
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
        const res = { statusCode: answer.statusCode, data: options.dataType === 'json' ? JSON.parse(text) : text, header: { 'Content-Type': 'application/json' }, errMsg: 'request:ok' }
        options.success?.(res)
        options.complete?.(res)
      })
      return { abort: () => void (aborted = true), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getSystemInfoSync: () => ({ ...systemInfo }),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => void setTimeout(fn),
    login: callback('login', { code: 'boot-test-code' }),
    showToast: callback('showToast', {}),
    showModal: callback('showModal', { confirm: true, cancel: false }),
    showLoading: callback('showLoading', {}),
    hideLoading: callback('hideLoading', {}),
    navigateTo: callback('navigateTo', {}),
    redirectTo: callback('redirectTo', {}),
    switchTab: callback('switchTab', {}),
    navigateBack: callback('navigateBack', {}),
    setNavigationBarTitle: callback('setNavigationBarTitle', {}),
    onAppRoute: () => undefined,
    onAppShow: () => undefined,
    onAppHide: () => undefined,
  }
  // Any other API exists and succeeds quietly, but is noted so a test can show what was touched.
  const wx = new Proxy(wxApis, {
    get(target, key) {
      if (typeof key !== 'string' || key in target) return (target as any)[key]
      if (key === 'then' || key === 'webpackJsonp') return undefined
      unknownApis.add(key)
      return (options?: Config) => {
        if (options && typeof options === 'object') setTimeout(() => options.success?.(ok(key)))
      }
    },
  })

  const sandbox: Config = {
    wx,
    App: (config: Config) => void (appConfig = config),
    Page: (config: Config) => void (lastPageConfig = config),
    Component: (config: Config) => void components.push(config),
    Behavior: (config: Config) => config,
    getApp: () => appConfig,
    getCurrentPages: () => [...pageStack],
    requirePlugin: () => ({}),
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  }
  const context = vm.createContext(sandbox)
  const cache = new Map<string, { exports: unknown }>()

  /** The mini-program's require: output files by relative path, each run once. */
  const requireFrom =
    (dir: string) =>
    (request: string): unknown => {
      const file = path.resolve(dir, request.endsWith('.js') ? request : `${request}.js`)
      const cached = cache.get(file)
      if (cached) return cached.exports
      const module = { exports: {} }
      cache.set(file, module)
      const code = fs.readFileSync(file, 'utf8')
      const run = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: file })
      run(requireFrom(path.dirname(file)), module, module.exports)
      return module.exports
    }
  const load = requireFrom(distDir)

  return {
    requests,
    storage,
    setDataPatches,
    unknownApis,
    components,
    /** Loads app.js (which requires its chunks) and runs the App lifecycle. */
    launch(launchPath = 'pages/index/index') {
      load('./app')
      if (!appConfig) throw new Error('app.js did not call App()')
      const options = { path: launchPath, query: {}, scene: 1001 }
      appConfig.onLaunch?.call(appConfig, options)
      appConfig.onShow?.call(appConfig, options)
      return appConfig
    },
    /** Loads a page's JS, builds its instance the way the runtime does, and runs onLoad / onShow / onReady. */
    openPage(route: string, query: Record<string, string> = {}): PageInstance {
      lastPageConfig = null
      load(`./${route}`)
      const config = lastPageConfig as Config | null
      if (!config) throw new Error(`${route}.js did not call Page()`)
      const page: PageInstance = {
        ...config,
        route,
        __route__: route,
        options: query,
        data: JSON.parse(JSON.stringify(config.data ?? {})),
        setData(patch: Config, done?: () => void) {
          setDataPatches.push(patch)
          Object.assign(this.data, patch)
          if (done) setTimeout(done)
        },
        selectComponent: () => null,
        selectAllComponents: () => [],
        createSelectorQuery: () => wx.createSelectorQuery(),
      }
      pageStack.push(page)
      page.onLoad?.call(page, query)
      page.onShow?.call(page)
      page.onReady?.call(page)
      return page
    },
  }
}

export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 3000, stepMs = 10) {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`within ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, stepMs))
  }
}
