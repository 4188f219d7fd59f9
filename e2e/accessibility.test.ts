/**
 * Accessibility of every page in both reading modes (issue 16), measured in Chromium at 390×844:
 * - axe-core finds no serious or critical violation;
 * - standard mode: no visible text below 14 px;
 * - 长辈版: no visible text below 24 px (≈ 18 pt) and every control (buttons, choices) at least 60×60 px;
 * - a screenshot of each page in each mode goes to docs/screens/ (shown in the README).
 * Pages with an object (a ticket, a case, …) open the objects the message flows create for one citizen.
 */
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import type { BrowserContext, Page } from 'playwright-core'
import { PAGE_PATHS, type PageKey } from '../src/domain/page-routes'
import { distinctLinks, driveMessageFlows } from '../__tests__/server/message-links'
import { openPhone, READING_STORAGE_KEY, readingStorage, signIn, startStack, visiblePage, type Stack } from './harness'

jest.setTimeout(900_000)

const SCREENS = path.join(__dirname, '..', 'docs', 'screens')
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const MODES = ['standard', 'elder'] as const
type Mode = (typeof MODES)[number]

/** Who opens each page; pages left out are named with the reason. */
const STAFF: Partial<Record<PageKey, string>> = {
  staffHome: '13900000001',
  staffQueueWindow: '13900000001',
  staffAppointmentDay: '13900000001',
  staffAppointmentSettings: '13900000001',
  staffReviewQueue: '13900000003',
  staffReviewCase: '13900000003',
  staffPickup: '13900000004',
  staffPickupDetail: '13900000004',
  staffPickupAgentCheck: '13900000004',
  // 管理: the platform administrator's own pages, and the demo administrator of 天府新区 for the hall's pages.
  adminHalls: '13900000000',
  adminNewHall: '13900000000',
  adminHall: '13900000005',
  adminCategory: '13900000005',
  adminWindow: '13900000005',
  adminStaff: '13900000005',
  adminHistory: '13900000005',
  themeStaffQueue: '13900000003',
  themeStaffApplication: '13900000003',
  // 评价器 opens on its binding screen for window staff; 差评回访整改 for the hall's administrator.
  ratingKiosk: '13900000002',
  ratingFollowUps: '13900000005',
}
// The hall screen is a TV page (1280×720 and up), measured by its own suite, not as a phone page.
const NOT_A_PHONE_PAGE: PageKey[] = ['staffQueueScreen']

let stack: Stack
const routes = new Map<PageKey, string>()
let citizenPhone: string

beforeAll(async () => {
  stack = await startStack()
  const driven = await driveMessageFlows({ app: stack.app, runtime: stack.runtime, db: stack.runtime.db, clock: stack.runtime.clock })
  citizenPhone = driven.phone
  for (const link of distinctLinks(driven.links)) if (link.key && !routes.has(link.key)) routes.set(link.key, link.link)
  const caseId = new URLSearchParams(routes.get('reviewCase')?.split('?')[1]).get('id')
  const licence = (await stack.runtime.db.query('select id from licences limit 1')).rows[0] as { id: string } | undefined
  const themeApplicationId = new URLSearchParams(routes.get('themeApplication')?.split('?')[1]).get('id')
  const statics: Partial<Record<PageKey, string>> = {
    guideItem: `${PAGE_PATHS.guideItem}?id=company-llc-establishment`,
    reviewChecklist: `${PAGE_PATHS.reviewChecklist}?hallId=tianfu&itemId=company-llc-establishment`,
    staffReviewCase: caseId ? `${PAGE_PATHS.staffReviewCase}?id=${caseId}` : undefined,
    staffPickupDetail: licence ? `${PAGE_PATHS.staffPickupDetail}?id=${licence.id}` : undefined,
    ratingFollowUps: `${PAGE_PATHS.ratingFollowUps}?hallId=tianfu`,
    themeGuide: `${PAGE_PATHS.themeGuide}?id=clinic`,
    themeStaffApplication: themeApplicationId ? `${PAGE_PATHS.themeStaffApplication}?id=${themeApplicationId}` : undefined,
  }
  for (const key of Object.keys(PAGE_PATHS) as PageKey[]) {
    if (NOT_A_PHONE_PAGE.includes(key) || routes.has(key)) continue
    routes.set(key, statics[key] ?? PAGE_PATHS[key])
  }
  fs.mkdirSync(SCREENS, { recursive: true })
}, 300_000)
afterAll(async () => {
  await stack?.close()
})

interface Measured {
  small: { text: string; px: number }[]
  tight: { label: string; width: number; height: number }[]
}

/** Font sizes of visible text and boxes of visible controls on the page Taro shows. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const root = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => p.offsetParent !== null || getComputedStyle(p).display !== 'none')
    const small: { text: string; px: number }[] = []
    const tight: { label: string; width: number; height: number }[] = []
    if (!root) return { small, tight }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim()
      const element = node.parentElement
      if (!text || !element) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      const box = range.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue
      small.push({ text: text.slice(0, 20), px: parseFloat(getComputedStyle(element).fontSize) })
    }
    root.querySelectorAll<HTMLElement>('taro-button-core, [role=button], [role=radio], [role=checkbox], [role=switch], [role=tab]').forEach((control) => {
      const box = control.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) return
      tight.push({ label: (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 20), width: box.width, height: box.height })
    })
    return { small, tight }
  })
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE)
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]
  })
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    )
}

async function openPage(context: BrowserContext, route: string, mode: Mode): Promise<Page> {
  const tab = await context.newPage()
  await tab.addInitScript(([key, value]) => localStorage.setItem(key, value), [READING_STORAGE_KEY, readingStorage(mode === 'elder')])
  await tab.goto(`${stack.baseUrl}/#${route}`)
  await visiblePage(tab).waitFor()
  await tab.waitForLoadState('networkidle').catch(() => undefined)
  await tab.waitForFunction(() => !document.querySelector('.taro_page .page-state--loading'), undefined, { timeout: 20_000 }).catch(() => undefined)
  await tab.evaluate(() => document.fonts.ready)
  return tab
}

async function screenshot(tab: Page, key: PageKey, mode: Mode) {
  const png = await tab.screenshot()
  await sharp(png)
    .png({ palette: true, colours: 64, compressionLevel: 9 })
    .toFile(path.join(SCREENS, `${key}-${mode}.png`))
}

it('every page in both modes: no serious axe violation, text sizes and target sizes as measured', async () => {
  const problems: string[] = []
  const users = new Map<string, Awaited<ReturnType<typeof openPhone>>>()
  const phoneOf = async (user: string) => {
    if (!users.has(user)) {
      const phone = await openPhone({ width: 390, height: 844 }, 1)
      await signIn(phone.page, stack.baseUrl, { phone: user })
      users.set(user, phone)
    }
    return users.get(user)!
  }
  try {
    for (const [key, route] of routes) {
      const phone = await phoneOf(STAFF[key] ?? citizenPhone)
      for (const mode of MODES) {
        const tab = await openPage(phone.context, route, mode)
        const where = `${key} (${mode})`
        for (const violation of await axeViolations(tab)) problems.push(`${where}: axe ${violation}`)
        const { small, tight } = await measure(tab)
        const floor = mode === 'elder' ? 24 : 14
        const tooSmall = small.filter((t) => t.px < floor - 0.01)
        if (tooSmall.length) problems.push(`${where}: text below ${floor}px: ${tooSmall.map((t) => `「${t.text}」${t.px}px`).join(', ')}`)
        if (mode === 'elder') {
          const cramped = tight.filter((c) => c.width < 59.5 || c.height < 59.5)
          if (cramped.length)
            problems.push(`${where}: controls under 60×60: ${cramped.map((c) => `「${c.label}」${Math.round(c.width)}×${Math.round(c.height)}`).join(', ')}`)
        }
        await screenshot(tab, key, mode)
        await tab.close()
      }
    }
  } finally {
    for (const phone of users.values()) await phone.close()
  }
  expect(problems).toEqual([])
})
