/**
 * The H5 app shell (issue 16, navigation): every sub-page opened directly has its title and a way home, a page
 * reached inside the app a way back, an unknown route the 404 page, a page whose code does not load or a lost
 * network a Chinese notice with 重试, and a desktop browser a centred column of at most 560 px.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PAGE_PATHS, type PageKey } from '../src/domain/page-routes'
import type { ItemDetail } from '../src/services/catalog'
import { pageTitle } from '../__tests__/server/message-links'
import { openPhone, startStack, visiblePage, type Stack } from './harness'

jest.setTimeout(300_000)

let stack: Stack
let phone: Awaited<ReturnType<typeof openPhone>>

beforeAll(async () => {
  stack = await startStack()
  phone = await openPhone()
}, 180_000)
afterAll(async () => {
  await phone?.close()
  await stack?.close()
})

const SCREENS = path.resolve(__dirname, '..', 'docs', 'screens')
const TAB_PAGES: PageKey[] = ['home', 'mine']
/** Pages that title themselves by what they show: the legal page names its document (《隐私政策》 without `?doc=`). */
const TITLE_SET_BY_PAGE: Partial<Record<PageKey, string>> = { legal: '隐私政策' }
const bar = (page: Page) => page.locator('#taro-navigation-bar')
const homeButton = (page: Page) => bar(page).getByRole('button', { name: '回到首页' })
const backButton = (page: Page) => bar(page).getByRole('button', { name: '返回上一页' })

async function onHome(page: Page) {
  await page.waitForURL((url) => url.hash.startsWith('#/pages/index/index'))
  await bar(page)
    .getByRole('heading', { name: pageTitle('home'), exact: true })
    .waitFor()
}

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), scale: 'css' })
}

it('opens every sub-page directly with its title as the heading and a home button that leads home', async () => {
  const problems: string[] = []
  for (const key of Object.keys(PAGE_PATHS) as PageKey[]) {
    if (TAB_PAGES.includes(key)) continue
    const tab = await phone.context.newPage()
    await tab.goto(`${stack.baseUrl}/#${PAGE_PATHS[key]}`)
    const title = TITLE_SET_BY_PAGE[key] ?? pageTitle(key)
    const heading = bar(tab).getByRole('heading', { name: title, exact: true })
    const shown = await heading.waitFor({ timeout: 20_000 }).then(
      () => true,
      () => false,
    )
    if (!shown) problems.push(`${key}: no heading 「${title}」 in the navigation bar`)
    else if (!(await homeButton(tab).isVisible())) problems.push(`${key}: no home button`)
    else {
      await homeButton(tab).click()
      await onHome(tab).catch(() => problems.push(`${key}: the home button did not lead home`))
    }
    await tab.close()
  }
  expect(problems).toEqual([])
})

it('shows 我的排号 and 我的预约 as headings, and no back or home button on the tab pages', async () => {
  const page = phone.page
  for (const [key, title] of [
    ['queueMine', '我的排号'],
    ['appointmentMine', '我的预约'],
  ] as const) {
    await page.goto(`${stack.baseUrl}/#${PAGE_PATHS[key]}`)
    await bar(page).getByRole('heading', { name: title }).waitFor()
  }
  await screenshot(page, 'shell-direct-entry')
  await page.goto(`${stack.baseUrl}/#${PAGE_PATHS.home}`)
  await onHome(page)
  await expect(homeButton(page).isVisible()).resolves.toBe(false)
  await expect(backButton(page).isVisible()).resolves.toBe(false)
})

it('goes back with the back button (by tap and by keyboard) on a page opened from inside the app', async () => {
  const page = await phone.context.newPage()
  await page.goto(`${stack.baseUrl}/#${PAGE_PATHS.home}`)
  await onHome(page)
  await visiblePage(page).getByText('网上取号', { exact: true }).click()
  await bar(page).getByRole('heading', { name: '网上取号' }).waitFor()
  await expect(homeButton(page).isVisible()).resolves.toBe(false)
  await backButton(page).click()
  await onHome(page)

  await visiblePage(page).getByText('预约办', { exact: true }).click()
  await bar(page).getByRole('heading', { name: '预约办' }).waitFor()
  await backButton(page).focus()
  await page.keyboard.press('Enter')
  await onHome(page)
  await page.close()
})

it('shows the 404 page with a way home for an unknown route', async () => {
  const page = await phone.context.newPage()
  await page.goto(`${stack.baseUrl}/#/pages/no-such-page/index?id=1`)
  await visiblePage(page).getByText('页面不存在', { exact: true }).waitFor()
  await bar(page).getByRole('heading', { name: '页面不存在' }).waitFor()
  await screenshot(page, 'shell-not-found')
  await visiblePage(page).getByRole('button', { name: '回到首页' }).click()
  await onHome(page)
  await page.close()
})

it('says in Chinese that a page did not load, with 重试 that loads it once the network is back', async () => {
  const page = await phone.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${stack.baseUrl}/#${PAGE_PATHS.home}`)
  await onHome(page)
  // Every chunk the home page has not loaded yet fails to arrive, as on a flaky mobile network.
  const chunk = /\/(js|css)\/[^/]+\.(js|css)$/
  await page.route(chunk, (route) => route.abort('internetdisconnected'))
  await visiblePage(page).getByText('网上取号', { exact: true }).click()
  const notice = page.getByRole('alert').filter({ hasText: '页面没有加载成功' })
  await notice.waitFor()
  await screenshot(page, 'shell-chunk-failed')
  await page.unroute(chunk)
  await notice.getByRole('button', { name: '重试' }).click()
  await bar(page).getByRole('heading', { name: '网上取号' }).waitFor()
  await visiblePage(page).getByText('选择业务类别').waitFor()
  await expect(notice.isVisible()).resolves.toBe(false)
  await page.close()
})

it('says when the network is lost, keeps saying so on 重试 while offline, and leaves when it is back', async () => {
  const page = await phone.context.newPage()
  await page.goto(`${stack.baseUrl}/#${PAGE_PATHS.home}`)
  await onHome(page)
  await phone.context.setOffline(true)
  const notice = page.getByRole('alert').filter({ hasText: '网络已断开' })
  try {
    await notice.waitFor()
    await notice.getByRole('button', { name: '重试' }).click()
    await expect(notice.isVisible()).resolves.toBe(true)
  } finally {
    await phone.context.setOffline(false)
  }
  await notice.waitFor({ state: 'hidden' })
  await page.close()
})

it('is a centred column of at most 560 px on a desktop browser, the hall screen excepted', async () => {
  const page = await phone.context.newPage()
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(`${stack.baseUrl}/#${PAGE_PATHS.home}`)
  await onHome(page)
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!
  const column = await box('.taro-tabbar__container')
  expect(column.width).toBeLessThanOrEqual(560)
  expect(column.width).toBeGreaterThan(500)
  expect(Math.abs(column.x - (1280 - column.x - column.width))).toBeLessThanOrEqual(1)
  // The page's content is laid out for the column, not for the window.
  const content = await visiblePage(page).boundingBox()
  expect(content!.width).toBeLessThanOrEqual(560)
  const widest = await visiblePage(page).evaluate((root) => Math.max(...Array.from(root.querySelectorAll('*')).map((el) => el.getBoundingClientRect().right)))
  expect(widest).toBeLessThanOrEqual(column.x + column.width + 0.5)

  await page.goto(`${stack.baseUrl}/#${PAGE_PATHS.staffQueueScreen}?hallId=tianfu`)
  await page.waitForFunction(() => document.documentElement.classList.contains('shell-full-width'))
  expect((await box('.taro-tabbar__container')).width).toBe(1280)
  await page.close()
})

it('leads from a guide item to 取号, 预约 and 预审 for that item at the hall', async () => {
  const items = (await (await fetch(`${stack.baseUrl}/api/v1/items?hallId=tianfu`)).json()) as { items: { id: string }[] }
  const details = await Promise.all(
    items.items.map(async ({ id }) => ((await (await fetch(`${stack.baseUrl}/api/v1/items/${id}`)).json()) as { item: ItemDetail }).item),
  )
  const item = details.find((detail) => detail.hallIds[0] === 'tianfu' && detail.materials.some((material) => material.formats.length > 0))!
  const page = phone.page
  await page.setViewportSize({ width: 375, height: 667 })
  const guide = `${stack.baseUrl}/#${PAGE_PATHS.guideItem}?id=${item.id}`
  const way = (label: string) => visiblePage(page).getByRole('button', { name: label, exact: true })

  await page.goto(guide)
  await visiblePage(page).getByText('办理方式').waitFor()
  await way('预约').waitFor()
  await screenshot(page, 'guide-item-ways')
  await page.setViewportSize({ width: 375, height: 667 })
  await way('取号').click()
  await bar(page).getByRole('heading', { name: '网上取号' }).waitFor()
  const suggested = visiblePage(page).locator('.take__category--suggested')
  await suggested.getByText('您要办理的事项请取此类号').waitFor()
  await expect(suggested.locator('.take__category-name').textContent()).resolves.toContain(`${item.queueCategory} ·`)
  await backButton(page).click()

  await way('预约').click()
  await bar(page).getByRole('heading', { name: '预约办' }).waitFor()
  await visiblePage(page).getByText(item.name).first().waitFor()
  expect(new URL(page.url()).hash).toContain(`itemId=${item.id}`)
  await backButton(page).click()

  await way('预审').click()
  await bar(page).getByRole('heading', { name: '材料清单' }).waitFor()
  await visiblePage(page).getByText(item.name).first().waitFor()
  expect(new URL(page.url()).hash).toContain(`itemId=${item.id}`)
})
