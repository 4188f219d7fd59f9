import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { buildApp, type App } from '../server/app'
import { loadConfig } from '../server/config'
import { clockFrom } from '../server/core/clock'
import { startJobs } from '../server/core/jobs'
import { LOG_REDACT_PATHS } from '../server/core/redact'
import { consoleSmsGateway } from '../server/core/sms'
import { ALL_JOBS, openRuntime, seedAll, type Runtime } from '../server/runtime'
import { clockDay, testClockStart } from '../__tests__/support/test-clock'

const ROOT = path.resolve(__dirname, '..')
export const ARTIFACTS = path.join(ROOT, 'e2e', '.artifacts')

/** A Tuesday morning of an ordinary working week after today: the halls are open whatever day and hour CI runs at. */
export const E2E_CLOCK_START = testClockStart('09:30')
/** That Tuesday, and the Wednesday after it (the first day bookable from it), as the app prints them. */
export const E2E_DAY = clockDay(E2E_CLOCK_START)
export const E2E_NEXT_DAY = clockDay(E2E_CLOCK_START, 1)

export interface Stack {
  baseUrl: string
  app: App
  runtime: Runtime
  /** Every line the BFF logged, for the check that no personal data reaches the logs. */
  logLines: string[]
  /** Stops the BFF (every connection dropped) and starts it again on the same port and database, as a deployment restarts it. */
  restart(): Promise<void>
  close(): Promise<void>
}

/** The BFF on a fresh PGlite data directory, serving the built H5 app, with its scheduled jobs running. */
export async function startStack(options: { clockStart?: string; env?: Record<string, string> } = {}): Promise<Stack> {
  const h5Dir = path.join(ROOT, 'dist', 'h5')
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` first')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-e2e-'))
  const config = loadConfig({ DATA_DIR: dataDir, H5_DIR: h5Dir, RATE_LIMIT: 'off', ...options.env })
  const logLines: string[] = []
  const runtime = await openRuntime(config, {
    clock: clockFrom(options.clockStart ?? E2E_CLOCK_START),
    sms: consoleSmsGateway((line) => logLines.push(line), false),
  })
  await seedAll(runtime)
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk))
      done()
    },
  })
  const build = () => buildApp(runtime, { logger: { level: 'info', stream: logStream, redact: { paths: LOG_REDACT_PATHS, censor: '[已脱敏]' } } })
  const app = await build()
  const stopJobs = startJobs(
    { ...runtime, log: app.log },
    ALL_JOBS.map((job) => ({ ...job, everyMs: Math.min(job.everyMs, 1000) })),
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const stack: Stack = {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    runtime,
    logLines,
    async restart() {
      await stack.app.close()
      stack.app = await build()
      await stack.app.listen({ port, host: '127.0.0.1' })
    },
    async close() {
      await stopJobs()
      await stack.app.close()
      await runtime.db.close()
      fs.mkdirSync(ARTIFACTS, { recursive: true })
      fs.writeFileSync(path.join(ARTIFACTS, `bff-${process.pid}-${Date.now()}.log`), logLines.join(''))
      fs.rmSync(dataDir, { recursive: true, force: true })
      const log = logLines.join('')
      const leaks = personalDataIn(log)
      // The line around each finding goes into the failure: CI keeps no artifacts, and a finding must be judged from the message alone.
      const around = (leak: string) => log.slice(Math.max(0, log.indexOf(leak) - 160), log.indexOf(leak) + leak.length + 80)
      if (leaks.length) throw new Error(`the BFF logged personal data:\n${leaks.map((leak) => `${leak} in …${around(leak)}…`).join('\n')}`)
    },
  }
  return stack
}

/** Full mobile numbers and ID numbers in a text (masked forms such as 138****5678 do not match). */
export function personalDataIn(text: string): string[] {
  // Request ids are UUIDs, whose hex runs can look like a phone number (…-b18223680953).
  text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '')
  // A number glued to letters is an identifier (case number TST17100001331, waybill, hash), not a phone.
  const phones = text.match(/(?<![\dA-Za-z.])1[3-9]\d{9}(?![\dA-Za-z.])/g) ?? []
  const idNumbers = text.match(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g) ?? []
  return [...new Set([...phones, ...idNumbers])]
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The reading store's key and value in Taro's H5 storage format (src/stores/reading.ts), to open a page in 长辈版 or not. */
export const READING_STORAGE_KEY = 'onetrip.reading'
export const readingStorage = (elder: boolean) => JSON.stringify({ data: JSON.stringify({ state: { elderMode: elder }, version: 0 }) })

/**
 * The phone keeps the real clock. A run under libfaketime (the suite a year ahead: docs/architecture.md, Time)
 * moves the BFF and the tests, not the browser — the skew between a device's clock and the BFF's that the app must
 * survive; Chromium itself also stalls its navigations under libfaketime.
 */
function phoneEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')) env[name] = value
  }
  return env
}

type Device = { viewport: { width: number; height: number }; deviceScaleFactor: number; isMobile: boolean; hasTouch: boolean }
/**
 * The app's service worker (src/public/sw.js) is blocked unless a suite asks for it: suites that make a chunk fail
 * with page.route must see the page's own requests, which a worker's fetches bypass. e2e/pwa.test.ts runs with it.
 */
type Browsing = { serviceWorkers?: 'allow' | 'block' }
const PHONE: Device = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
/** A hall's TV: a desktop browser on a landscape screen (the hall screen's resolutions are set per test). */
const DISPLAY: Device = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false }

/** A phone-sized Chromium with its own profile (one per user: sessions live in its storage). */
export const openPhone = (viewport = PHONE.viewport, deviceScaleFactor = PHONE.deviceScaleFactor, browsing: Browsing = {}) =>
  openBrowser({ ...PHONE, viewport, deviceScaleFactor }, browsing)

/** A Chromium on a TV-sized screen, like the one that shows the hall screen, with its own profile. */
export const openDisplay = () => openBrowser(DISPLAY)

async function openBrowser(
  device: Device,
  { serviceWorkers = 'block' }: Browsing = {},
): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...device,
    serviceWorkers,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    env: phoneEnv(),
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Saves a screenshot under e2e/.artifacts for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })
}

/** The page Taro is showing now (it keeps earlier pages hidden in the DOM). */
export const visiblePage = (page: Page) => page.locator('.taro_page').filter({ visible: true })

/** Types into a Taro <Input> found by its placeholder on the visible page. */
export async function fillInput(page: Page, placeholder: string, value: string): Promise<void> {
  await visiblePage(page).locator(`input[placeholder="${placeholder}"]`).fill(value)
}

/** Taps a button (or any element) showing exactly `text` on the visible page. */
export async function tap(page: Page, text: string): Promise<void> {
  await visiblePage(page).getByText(text, { exact: true }).first().click()
}

/**
 * Signs in the way a person does: the login page, 获取验证码, the development code the page shows, the
 * consent box, 登录; then binds the real name when `realName` is given (the ID number must be valid), with
 * its separate consent to process the ID number.
 */
export async function signIn(page: Page, baseUrl: string, user: { phone: string; realName?: { name: string; idNumber: string } }): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await fillInput(page, '请输入11位手机号', user.phone)
  await tap(page, '获取验证码')
  const hint = visiblePage(page).getByText(/开发环境验证码：\d{6}/)
  await hint.waitFor()
  const code = /(\d{6})/.exec((await hint.textContent()) ?? '')![1]
  await fillInput(page, '请输入6位验证码', code)
  // The consent box starts unticked (PIPL art. 14); the BFF refuses a sign-in without the agreed versions.
  await visiblePage(page)
    .getByRole('checkbox', { name: /我已阅读并同意《用户服务协议》/ })
    .click()
  await tap(page, '登录')
  // Wait for the app's own navigation away from the login page, or a goto right after could be undone by it.
  await page.waitForURL((url) => !url.hash.includes('pages/login/index'))
  if (!user.realName) return
  await visiblePage(page).getByText('实名认证', { exact: true }).waitFor()
  await fillInput(page, '请输入身份证上的姓名', user.realName.name)
  await fillInput(page, '请输入18位身份证号码', user.realName.idNumber)
  await visiblePage(page)
    .getByRole('checkbox', { name: /身份证号/ })
    .click()
  await tap(page, '提交认证')
  await visiblePage(page)
    .getByText('实名认证', { exact: true })
    .waitFor({ state: 'detached' })
    .catch(() => undefined)
}
