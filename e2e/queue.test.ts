import { idCardCheckChar } from '../src/domain/id-card'
import { currentCheckinToken } from '../server/modules/queue/checkin-token'
import { openPhone, signIn, snap, startStack, tap, visiblePage, type Stack } from './harness'

jest.setTimeout(180_000)

let stack: Stack
let citizen: Awaited<ReturnType<typeof openPhone>>
let staff: Awaited<ReturnType<typeof openPhone>>
beforeAll(async () => {
  stack = await startStack()
  citizen = await openPhone()
  staff = await openPhone()
})
afterAll(async () => {
  await citizen?.close()
  await staff?.close()
  await stack?.close()
})

const first17 = '51010719880315123'

it('takes a number, checks in with the hall QR, is called to the window live, and is served', async () => {
  const { page } = citizen
  await signIn(page, stack.baseUrl, { phone: '13612340301', realName: { name: '张伟', idNumber: first17 + idCardCheckChar(first17) } })

  // Home → 网上取号 → 综合窗口.
  await page.goto(`${stack.baseUrl}/#/pages/index/index`)
  await tap(page, '网上取号')
  const take = page.locator('.take')
  await take.getByText('A · 综合窗口', { exact: true }).waitFor()
  await snap(page, 'queue-take')
  await take.getByRole('button', { name: '取号' }).first().click()

  const ticket = visiblePage(page)
  await ticket.getByText('A001', { exact: true }).waitFor()
  await ticket.getByText('待签到', { exact: true }).waitFor()
  await ticket.getByText(/^请于今天 11:3\d 前到厅签到，签到后开始排队；逾时未签到，该号作废。$/).waitFor()
  await snap(page, 'queue-ticket-taken')

  // The staff member opens the hall screen, which shows the rotating check-in QR.
  await signIn(staff.page, stack.baseUrl, { phone: '13900000001' })
  await staff.page.goto(`${stack.baseUrl}/#/pages/staff/queue/screen/index?hallId=tianfu`)
  await visiblePage(staff.page).getByRole('img', { name: '签到二维码' }).waitFor()
  await snap(staff.page, 'queue-hall-screen')

  // At the hall, the phone camera opens the link in that QR code.
  const { token } = currentCheckinToken(stack.runtime.keys, 'tianfu', stack.runtime.clock.now())
  await page.goto(`${stack.baseUrl}/#/pages/queue/checkin/index?token=${encodeURIComponent(token)}`)
  await tap(page, '为 A001 签到')
  await visiblePage(page).getByText('排队中', { exact: true }).waitFor()
  await visiblePage(page)
    .getByText(/^已于 09:3\d 签到，叫号时会通知您。$/)
    .waitFor()
  // Marks this page load: a reload would lose it.
  await page.evaluate(() => Object.assign(window, { sameLoad: true }))

  // The window calls the next number.
  await staff.page.goto(`${stack.baseUrl}/#/pages/staff/queue/window/index?hallId=tianfu`)
  const desk = visiblePage(staff.page)
  await desk.getByRole('button', { name: '叫下一位' }).click()
  await desk.getByText('A001', { exact: true }).waitFor()
  await snap(staff.page, 'queue-window-called')

  // Without a reload, the citizen's page says where to go (live update, well within the page's polling fallback too).
  const called = Date.now()
  await visiblePage(page).getByText('请到 1 号窗口', { exact: true }).waitFor()
  const seenAfterMs = Date.now() - called
  expect(seenAfterMs).toBeLessThan(2500)
  expect(await page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true)
  await snap(page, 'queue-ticket-called')

  // The hall display (a wide screen) shows the call with the masked name.
  const display = await staff.context.newPage()
  await display.setViewportSize({ width: 1280, height: 720 })
  await display.goto(`${stack.baseUrl}/#/pages/staff/queue/screen/index?hallId=tianfu`)
  await visiblePage(display).getByRole('log', { name: '正在叫号' }).getByText('到 1 号窗口办理', { exact: true }).waitFor()
  await visiblePage(display).getByText('张*', { exact: true }).waitFor()
  await snap(display, 'queue-hall-screen-called')
  await display.close()

  await desk.getByRole('button', { name: '开始办理' }).click()
  await desk.getByRole('button', { name: '办结' }).click()
  await desk.getByRole('button', { name: '叫下一位' }).waitFor()
  await desk.getByText(/今日已办结 1 人$/).waitFor()
  await visiblePage(page).getByText('已办结，感谢您的耐心等待。', { exact: true }).waitFor()
  await snap(page, 'queue-ticket-done')
})
