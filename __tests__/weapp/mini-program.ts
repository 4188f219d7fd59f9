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

/** WeChat's privacy APIs the stand-in guards like the client does (those the app calls, and their kin). */
const PRIVACY_APIS = [
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'chooseAddress',
  'chooseImage',
  'chooseMedia',
  'chooseMessageFile',
  'getClipboardData',
  'setClipboardData',
]

/** The privacy consent as the client keeps it: answers given through onNeedPrivacyAuthorization, agree buttons tapped. */
export interface PrivacyState {
  agreed: boolean
  listener: AnyFn | null
  /** Every `resolve({ event })` the app gave, in order. */
  answers: string[]
  /** ids of buttons tapped with open-type agreePrivacyAuthorization: an `agree` must name one. */
  agreeTaps: string[]
}

export function createMiniProgram(distDir: string, respond: Responder, results: Record<string, Config> = {}) {
  const requests: WxRequestOptions[] = []
  const privacy: PrivacyState = { agreed: false, listener: null, answers: [], agreeTaps: [] }
  const storage = new Map<string, unknown>()
  const setDataPatches: Config[] = []
  const unknownApis = new Set<string>()
  let appConfig: Config | null = null
  let lastPageConfig: Config | null = null
  const components: Config[] = []
  const pageStack: PageInstance[] = []

  const systemInfo = {
    brand: 'devtools',
    model: 'iPhone 12',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 667,
    windowWidth: 375,
    windowHeight: 667,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'devtools',
    SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  }
  const ok = (name: string, extra: Config = {}) => ({ errMsg: `${name}:ok`, ...extra })
  const callback =
    (name: string, result: Config) =>
    (options: Config = {}) => {
      setTimeout(() => {
        options.success?.(ok(name, result))
        options.complete?.(ok(name, result))
      })
    }

  /**
   * A privacy API before consent: WeChat holds it and asks the app's onNeedPrivacyAuthorization
   * listener; `agree` (naming a tapped agree button) lets it run, `disagree` fails it with errno 104.
   */
  const guarded =
    (name: string) =>
    (options: Config = {}) => {
      const proceed = () => callback(name, results[name] ?? {})(options)
      const refuse = () =>
        setTimeout(() => {
          const error = { errMsg: `${name}:fail privacy permission is not authorized`, errno: 104 }
          options.fail?.(error)
          options.complete?.(error)
        })
      if (privacy.agreed) return proceed()
      if (!privacy.listener) return refuse()
      privacy.listener(
        (answer: { event: string; buttonId?: string }) => {
          privacy.answers.push(answer.event)
          if (answer.event === 'exposureAuthorization') return
          if (answer.event === 'agree' && answer.buttonId && privacy.agreeTaps.includes(answer.buttonId)) {
            privacy.agreed = true
            proceed()
          } else refuse()
        },
        { referrer: name },
      )
    }

  const wxApis: Record<string, AnyFn> = {
    ...Object.fromEntries(PRIVACY_APIS.map((name) => [name, guarded(name)])),
    onNeedPrivacyAuthorization: (listener: AnyFn) => void (privacy.listener = listener),
    request(options: WxRequestOptions) {
      requests.push(options)
      let aborted = false
      setTimeout(async () => {
        // A responder that throws (e.g. the BFF closed while a page still polls) is a failed request, as on a phone.
        const answer = await Promise.resolve()
          .then(() => respond(options))
          .catch(() => null)
        if (aborted) return
        if (!answer) {
          const error = { errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }
          options.fail?.(error)
          options.complete?.(error)
          return
        }
        // dataType 'text' leaves the body a string, as the real wx.request does.
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
        const res = {
          statusCode: answer.statusCode,
          data: options.dataType === 'json' ? JSON.parse(text) : text,
          header: { 'Content-Type': 'application/json' },
          errMsg: 'request:ok',
        }
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
    onPageNotFound: () => undefined,
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

  /** The element (sid) whose own text includes `text`, in the latest render that shows it. */
  const elementWithText = (text: string): Config | null => {
    let found: Config | null = null
    const walk = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(walk)
      if (!value || typeof value !== 'object') return
      const node = value as Config
      if (node.sid && Array.isArray(node.cn) && node.cn.some((child: Config) => typeof child?.v === 'string' && child.v.includes(text))) found = node
      Object.values(node).forEach(walk)
    }
    setDataPatches.forEach(walk)
    return found
  }

  return {
    requests,
    storage,
    privacy,
    /**
     * Taps the element showing `text` the way WeChat reports it to Taro's page handler (`eh`); `type`
     * 'agreeprivacyauthorization' is the event of an agreePrivacyAuthorization button.
     */
    tap(page: PageInstance, text: string, type = 'tap') {
      const node = elementWithText(text)
      if (!node) throw new Error(`no element shows ${text}`)
      if (type === 'agreeprivacyauthorization') privacy.agreeTaps.push(String(node.uid ?? node.id ?? ''))
      const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid } }
      page.eh({ type, timeStamp: Date.now(), target, currentTarget: target, detail: {} })
    },
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

/** Waits for a condition, not a fixed time: the deadline only turns a hang into a message, so it is generous for a busy machine. */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 45_000, stepMs = 10) {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`within ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, stepMs))
  }
}
