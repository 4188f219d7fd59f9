/**
 * Message links in Chromium (issue 14): the flows are driven on the running BFF, and every link it put
 * in an in-app message or a WeChat subscribe message is opened as the FIRST page of a fresh tab of the
 * H5 app: the page shows its title and its object, with no error state and no script error.
 */
import type { Page } from 'playwright-core'
import { LOADED_TEXT, distinctLinks, driveMessageFlows, pageTitle, type CollectedLink } from '../__tests__/server/message-links'
import { openPhone, signIn, snap, startStack, visiblePage, type Stack } from './harness'

jest.setTimeout(240_000)

let stack: Stack
let phone: Awaited<ReturnType<typeof openPhone>>
let links: CollectedLink[]
let citizenPhone: string

beforeAll(async () => {
  stack = await startStack()
  const driven = await driveMessageFlows({ app: stack.app, runtime: stack.runtime, db: stack.runtime.db, clock: stack.runtime.clock })
  links = distinctLinks(driven.links)
  citizenPhone = driven.phone
  phone = await openPhone()
}, 180_000)
afterAll(async () => {
  await phone?.close()
  await stack?.close()
})

async function openFirst(link: CollectedLink): Promise<{ tab: Page; errors: string[] }> {
  const tab = await phone.context.newPage()
  const errors: string[] = []
  tab.on('pageerror', (error) => errors.push(error.message))
  await tab.goto(`${stack.baseUrl}/#${link.link}`)
  return { tab, errors }
}

it('opens every message link as the first page, with its title and its object', async () => {
  expect(links.length).toBeGreaterThanOrEqual(7)
  await signIn(phone.page, stack.baseUrl, { phone: citizenPhone })
  const problems: string[] = []
  for (const link of links) {
    const { tab, errors } = await openFirst(link)
    const title = pageTitle(link.key!)
    const shown = visiblePage(tab).getByText(LOADED_TEXT[link.key!]!).first()
    await shown.waitFor({ timeout: 20_000 }).catch(() => problems.push(`${link.link}: never showed ${LOADED_TEXT[link.key!]}`))
    await tab
      .waitForFunction((expected) => document.title === expected, title)
      .catch(async () => problems.push(`${link.link}: title 「${await tab.title()}」, expected 「${title}」`))
    if (await visiblePage(tab).locator('.page-state--error').count()) problems.push(`${link.link}: error state`)
    // Taro keeps one page in the stack: the link is the first page, not stacked on another.
    if ((await tab.locator('.taro_page').count()) !== 1) problems.push(`${link.link}: ${await tab.locator('.taro_page').count()} pages in the stack`)
    if (errors.length) problems.push(`${link.link}: ${errors.join('; ')}`)
    await snap(tab, `link-${link.key}`)
    await tab.close()
  }
  expect(problems).toEqual([])
})
