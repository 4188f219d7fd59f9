// WeChat's own rules, checked on the built mini-program (dist/weapp) by `npm test` after the builds:
// what the real client refuses at run time or the review refuses at upload, which the Node stand-in
// of __tests__/weapp does not enforce. Each rule names the WeChat documentation it comes from;
// __tests__/scripts/weapp-conformance.test.ts breaks each one in a temporary copy.
import fs from 'node:fs'
import path from 'node:path'
import { PAGE_PATHS } from '../src/domain/page-routes'
import { budgetFailures, weappBudgets } from './budgets'

export const RULES = {
  'pages-have-files': {
    what: 'every page in app.json has its .js, .json and .wxml',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#pages',
  },
  'declared-location-apis': {
    what: 'location APIs the bundles call are declared in requiredPrivateInfos, with a scope.userLocation purpose',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos',
  },
  'privacy-flow': {
    what: 'privacy APIs are called only with onNeedPrivacyAuthorization registered at launch and an agreePrivacyAuthorization button in the calling package',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html',
  },
  'links-are-pages': {
    what: 'every page link the BFF can send (src/domain/page-routes.ts, and any literal in server/) is a page of app.json',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html',
  },
  sitemap: {
    what: 'sitemap.json is present at sitemapLocation with a rules list',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/sitemap.html',
  },
  'share-public-only': {
    what: 'only pages the sitemap allows (public pages) enable onShareAppMessage',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onShareAppMessage-Object-object',
  },
  'lazy-code-loading': {
    what: 'lazyCodeLoading is "requiredComponents"',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/framework/ability/lazyload.html',
  },
  'preload-rule': {
    what: 'preloadRule names pages of app.json and subpackages, at most 2 MB per page',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages/preload.html',
  },
  'modal-button-text': {
    what: 'showModal button texts (confirmText, cancelText) are at most 4 characters',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showModal.html',
  },
  budgets: {
    what: 'the main package and each subpackage stay within their size budgets (scripts/budgets.ts)',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html',
  },
} as const

export type Rule = keyof typeof RULES
export interface Finding {
  rule: Rule
  message: string
}

/** The APIs app.json must declare in requiredPrivateInfos before the client lets them run (since 2022-07-14). */
export const LOCATION_APIS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
]
/** Of those, the ones that also need `permission['scope.userLocation'].desc`. */
const USER_LOCATION_SCOPE_APIS = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground']

/** APIs that handle personal information and wait for the privacy consent (小程序用户隐私保护指引内容介绍). */
export const PRIVACY_APIS = [
  ...LOCATION_APIS,
  'chooseInvoiceTitle',
  'chooseInvoice',
  'getWeRunData',
  'chooseLicensePlate',
  'chooseImage',
  'chooseMedia',
  'chooseVideo',
  'chooseMessageFile',
  'startRecord',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  'addPhoneContact',
  'addPhoneCalendar',
  'addPhoneRepeatCalendar',
  'getClipboardData',
  'setClipboardData',
  'openBluetoothAdapter',
  'createBLEPeripheralServer',
  'createVKSession',
]

const PRELOAD_LIMIT = 2 * 1024 * 1024
const MODAL_BUTTON_MAX = 4

interface AppJson {
  pages: string[]
  subPackages?: { root: string; name?: string; pages: string[] }[]
  subpackages?: { root: string; name?: string; pages: string[] }[]
  requiredPrivateInfos?: string[]
  permission?: Record<string, { desc?: string }>
  lazyCodeLoading?: string
  preloadRule?: Record<string, { packages: string[]; network?: string }>
  sitemapLocation?: string
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/** A call of `name` in minified output: `.getLocation(` (Taro calls wx APIs as properties). */
const calls = (code: string, name: string) => new RegExp(`\\.${name}\\(`).test(code)

/** Every page link the BFF can put in a message or subscribe message: the page table and any literal under server/. */
export function bffLinkPaths(serverDir = path.resolve(__dirname, '..', 'server')): string[] {
  const literals = filesUnder(serverDir)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/['"`]\/?(pages\/[\w/-]+)/g)].map((m) => m[1]))
  return [...new Set([...Object.values(PAGE_PATHS).map((p) => p.replace(/^\//, '')), ...literals])]
}

export function checkWeapp(distDir: string, linkPaths: string[] = bffLinkPaths()): Finding[] {
  const findings: Finding[] = []
  const fail = (rule: Rule, message: string) => findings.push({ rule, message })
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
  const packages = app.subPackages ?? app.subpackages ?? []
  const roots = packages.map((p) => p.root.replace(/\/$/, ''))
  const pages = [...app.pages, ...packages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
  const packageOf = (file: string) => roots.find((root) => path.relative(distDir, file).startsWith(root + '/')) ?? '__APP__'

  // Pages have files.
  for (const page of pages) {
    for (const ext of ['js', 'json', 'wxml']) {
      if (!fs.existsSync(path.join(distDir, `${page}.${ext}`))) fail('pages-have-files', `${page}.${ext} is missing`)
    }
  }

  const scripts = filesUnder(distDir).filter((file) => file.endsWith('.js'))
  const code = new Map(scripts.map((file) => [file, fs.readFileSync(file, 'utf8')]))
  const called = (name: string) => scripts.filter((file) => calls(code.get(file)!, name))

  // Modal buttons: the client cuts longer texts off (and refuses some) — every literal the bundles pass.
  for (const [file, text] of code) {
    for (const match of text.matchAll(/\b(confirmText|cancelText)["']?\s*:\s*["'`]([^"'`]*)["'`]/g)) {
      // The weapp bundles write Chinese as \uXXXX escapes.
      const shown = match[2].replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      if ([...shown].length > MODAL_BUTTON_MAX)
        fail('modal-button-text', `${match[1]} "${shown}" (${path.relative(distDir, file)}) is longer than ${MODAL_BUTTON_MAX} characters`)
    }
  }

  // Declared location APIs.
  const declared = new Set(app.requiredPrivateInfos ?? [])
  for (const api of LOCATION_APIS) {
    const where = called(api)
    if (where.length === 0) continue
    if (!declared.has(api)) fail('declared-location-apis', `${api} is called (${path.relative(distDir, where[0])}) but not declared in requiredPrivateInfos`)
    if (USER_LOCATION_SCOPE_APIS.includes(api) && !app.permission?.['scope.userLocation']?.desc) {
      fail('declared-location-apis', `${api} is called but permission["scope.userLocation"].desc is missing`)
    }
  }
  if (declared.has('getLocation') && declared.has('getFuzzyLocation'))
    fail('declared-location-apis', 'getLocation and getFuzzyLocation cannot both be declared')

  // The privacy flow is wired wherever a privacy API is called.
  const privacyCalls = PRIVACY_APIS.flatMap((api) => called(api).map((file) => ({ api, file })))
  if (privacyCalls.length) {
    const registered = scripts.some((file) => packageOf(file) === '__APP__' && calls(code.get(file)!, 'onNeedPrivacyAuthorization'))
    if (!registered) fail('privacy-flow', `${privacyCalls[0].api} is called but no main-package script registers onNeedPrivacyAuthorization at launch`)
    const base = path.join(distDir, 'base.wxml')
    if (!fs.existsSync(base) || !fs.readFileSync(base, 'utf8').includes('bindagreeprivacyauthorization')) {
      fail('privacy-flow', 'no template binds the agreePrivacyAuthorization event (base.wxml)')
    }
    const withSheet = new Set(scripts.filter((file) => code.get(file)!.includes('"agreePrivacyAuthorization"')).map(packageOf))
    for (const { api, file } of privacyCalls) {
      const pkg = packageOf(file)
      if (!withSheet.has(pkg))
        fail('privacy-flow', `${api} is called in ${pkg} (${path.relative(distDir, file)}) but no agreePrivacyAuthorization consent button is in that package`)
    }
  }

  // Links the BFF sends are pages.
  const pageSet = new Set(pages)
  for (const link of linkPaths) {
    if (!pageSet.has(link)) fail('links-are-pages', `the BFF can link to ${link}, which is not a page of app.json`)
  }

  // Sitemap, and sharing only what it allows.
  const sitemapFile = path.join(distDir, app.sitemapLocation ?? 'sitemap.json')
  let allowed: Set<string> | null = null
  if (!fs.existsSync(sitemapFile)) fail('sitemap', `${path.relative(distDir, sitemapFile)} is missing`)
  else {
    try {
      const sitemap = JSON.parse(fs.readFileSync(sitemapFile, 'utf8')) as { rules?: { action?: string; page: string }[] }
      if (!Array.isArray(sitemap.rules) || sitemap.rules.length === 0) fail('sitemap', 'sitemap.json has no rules')
      else allowed = new Set(sitemap.rules.filter((r) => (r.action ?? 'allow') === 'allow' && r.page !== '*').map((r) => r.page))
    } catch (error) {
      fail('sitemap', `sitemap.json is not JSON: ${(error as Error).message}`)
    }
  }
  for (const page of pages) {
    const file = path.join(distDir, `${page}.js`)
    const source = code.get(file)
    // Without a readable sitemap the sitemap rule has failed already; there is no allow list to hold shares to.
    if (allowed && source && /enableShare(AppMessage|Timeline):(!0|true)/.test(source) && !allowed.has(page)) {
      fail('share-public-only', `${page} enables sharing but is not a public page (sitemap allow list)`)
    }
  }

  if (app.lazyCodeLoading !== 'requiredComponents')
    fail('lazy-code-loading', `lazyCodeLoading is ${JSON.stringify(app.lazyCodeLoading)}, not "requiredComponents"`)

  // Preload rules.
  const budgets = weappBudgets(distDir)
  const sizeOf = (pkg: string) => budgets.find((b) => b.name === (pkg === '__APP__' ? 'weapp main package' : `weapp subpackage ${pkg}`))?.bytes
  for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
    if (!pageSet.has(page)) fail('preload-rule', `preloadRule names ${page}, which is not a page`)
    let total = 0
    for (const pkg of rule.packages) {
      const root = packages.find((p) => p.name === pkg)?.root.replace(/\/$/, '') ?? pkg
      const bytes = sizeOf(root)
      if (bytes === undefined) fail('preload-rule', `preloadRule of ${page} names ${pkg}, which is not a subpackage`)
      else total += bytes
    }
    if (total > PRELOAD_LIMIT) fail('preload-rule', `${page} preloads ${(total / 1024).toFixed(0)} KB, over WeChat's 2 MB`)
  }
  if (!app.preloadRule || Object.keys(app.preloadRule).length === 0) fail('preload-rule', 'no preloadRule: subpackages load only when opened')

  for (const failure of budgetFailures(budgets)) fail('budgets', failure)
  return findings
}

if (require.main === module) {
  const distDir = path.resolve(__dirname, '..', 'dist', 'weapp')
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    console.error('dist/weapp is missing: build the mini-program first (npx taro build --type weapp)')
    process.exit(1)
  }
  const findings = checkWeapp(distDir)
  console.log('\nWeChat conformance (dist/weapp)')
  for (const [rule, { what }] of Object.entries(RULES)) {
    const broken = findings.filter((f) => f.rule === rule)
    console.log(`${broken.length ? '✗' : '✓'} ${rule}: ${what}`)
    for (const f of broken) console.log(`    ${f.message}`)
  }
  if (findings.length) process.exit(1)
}
