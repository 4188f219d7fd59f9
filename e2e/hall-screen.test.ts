import path from 'node:path'
import type { Page } from 'playwright-core'
import { idCardCheckChar } from '../src/domain/id-card'
import { currentCheckinToken } from '../server/modules/queue/checkin-token'
import { openDisplay, signIn, startStack, visiblePage, type Stack } from './harness'
import { currentLoginAgreement, LEGAL_DOCUMENTS } from '../src/domain/legal'

jest.setTimeout(240_000)

const SCREENS = path.resolve(__dirname, '..', 'docs', 'screens')
const CATEGORIES = ['A 综合窗口', 'B 税务', 'C 社保医保', 'D 不动产', 'E 公积金', 'F 企业开办']
const TV_SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]

let stack: Stack
let display: Awaited<ReturnType<typeof openDisplay>>
beforeAll(async () => {
  stack = await startStack()
  display = await openDisplay()
})
afterAll(async () => {
  await display?.close()
  await stack?.close()
})

/** The BFF's JSON API over the network (it survives the restart below, unlike an inject on one app instance). */
async function call<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const reply = await fetch(`${stack.baseUrl}/api/v1${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await reply.text()
  if (!reply.ok) throw new Error(`${method} ${url}: ${reply.status} ${text}`)
  return JSON.parse(text) as T
}

async function login(phone: string): Promise<string> {
  const { devCode } = await call<{ devCode: string }>('POST', '/auth/sms/send', null, { phone })
  return (await call<{ token: string }>('POST', '/auth/sms/login', null, { agreed: currentLoginAgreement(), phone, code: devCode })).token
}

let people = 0
/** A citizen with a real name who has taken a number in `category` of tianfu and checked in with the hall QR. */
async function checkedInTicket(category: string): Promise<string> {
  const n = ++people
  const token = await login(`1361234${String(5000 + n)}`)
  const first17 = `510107198803${String(10 + n).padStart(2, '0')}${String(100 + n)}`
  await call('PUT', '/me/real-name', token, { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '张伟', idNumber: first17 + idCardCheckChar(first17) })
  const ticket = await call<{ id: string; number: string }>('POST', '/queue/tickets', token, { hallId: 'tianfu', categoryId: `tianfu-${category}` })
  const { token: qr } = currentCheckinToken(stack.runtime.keys, 'tianfu', stack.runtime.clock.now())
  await call('POST', `/queue/tickets/${ticket.id}/check-in`, token, { token: qr })
  return ticket.number
}

interface Desk {
  token: string
  windowId: string
}
async function desk(token: string): Promise<Desk> {
  const me = await call<{ staff: { hallId: string; windowId: string | null }[] }>('GET', '/me', token)
  return { token, windowId: me.staff.find((s) => s.hallId === 'tianfu' && s.windowId)!.windowId! }
}

type WindowView = { current: { id: string; number: string } | null }
const windowPath = (d: Desk) => `/staff/windows/${d.windowId}`
const callNext = (d: Desk) => call<WindowView>('POST', `${windowPath(d)}/call-next`, d.token)
const act = (d: Desk, ticketId: string, action: string) => call<WindowView>('POST', `${windowPath(d)}/tickets/${ticketId}/${action}`, d.token)
async function serveCurrent(d: Desk) {
  const { current } = await call<WindowView>('GET', windowPath(d), d.token)
  if (!current) return
  await act(d, current.id, 'start')
  await act(d, current.id, 'finish')
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.slice())
async function waitForSpoken(page: Page, expected: string[]) {
  await page.waitForFunction((want) => JSON.stringify((window as unknown as { spoken: string[] }).spoken) === JSON.stringify(want), expected, {
    timeout: 30_000,
  })
}
const current = (page: Page) => visiblePage(page).getByRole('log', { name: '正在叫号' })

it('fits each TV, says every call and re-call twice, and recovers from a dropped socket and a BFF restart by itself', async () => {
  const { page, context } = display
  // speechSynthesis is observed, not heard: each utterance is recorded and ends at once.
  await context.addInitScript(() => {
    const record = window as unknown as { spoken: string[] }
    record.spoken = []
    speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      record.spoken.push(`${utterance.lang}|${utterance.text}`)
      setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 0)
    }
  })

  // The morning so far: two windows have called five people; every category has people waiting.
  // Window 1's staff member signs the TV in (a code per phone per minute: the desk reuses that session).
  await signIn(page, stack.baseUrl, { phone: '13900000001' })
  const one = await desk(await page.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('onetrip.session')!).data).state.token as string))
  const two = await desk(await login('13900000002'))
  for (let i = 0; i < 5; i++) await checkedInTicket('A')
  for (const category of ['B', 'C', 'D', 'E', 'F']) await checkedInTicket(category)
  for (let i = 0; i < 2; i++) await checkedInTicket('A')
  let latest = ''
  for (let i = 0; i < 5; i++) {
    const d = i % 2 ? two : one
    await serveCurrent(d)
    latest = (await callNext(d)).current!.number
  }

  await page.goto(`${stack.baseUrl}/#/pages/staff/queue/screen/index?hallId=tianfu`)
  await current(page).getByText('到 1 号窗口办理', { exact: true }).waitFor()
  await page.evaluate(() => Object.assign(window, { sameLoad: true }))

  for (const size of TV_SIZES) {
    await page.setViewportSize(size)
    const fit = await page.evaluate(() => {
      const doc = document.documentElement
      return { scrollWidth: doc.scrollWidth, scrollHeight: doc.scrollHeight, bodyHeight: document.body.scrollHeight, width: innerWidth, height: innerHeight }
    })
    expect(fit.scrollHeight).toBeLessThanOrEqual(fit.height)
    expect(fit.bodyHeight).toBeLessThanOrEqual(fit.height)
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width)
    for (const name of [...CATEGORIES, latest, '签到二维码']) {
      const box = await (
        name === '签到二维码' ? visiblePage(page).getByRole('img', { name }) : visiblePage(page).getByText(name, { exact: true })
      ).boundingBox()
      expect(box).not.toBeNull()
      expect(box!.y + box!.height).toBeLessThanOrEqual(size.height)
      expect(box!.x + box!.width).toBeLessThanOrEqual(size.width)
    }
    // Read from 10 m: the number being called is at least a fifth of the screen's height.
    const numberHeight = await current(page)
      .getByText(latest, { exact: true })
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(numberHeight).toBeGreaterThanOrEqual(size.height / 5)
    await page.screenshot({ path: path.join(SCREENS, `hall-screen-${size.width}x${size.height}.png`) })
  }
  // Opening the screen does not read out the calls made before it.
  expect(await spoken(page)).toEqual([])

  // A call is announced twice in Mandarin, and a re-call again.
  await serveCurrent(two)
  const called = await callNext(two)
  const sentence = `zh-CN|请 ${called.current!.number} 号到 2 号窗口办理`
  await current(page).getByText(called.current!.number, { exact: true }).waitFor()
  await waitForSpoken(page, [sentence, sentence])
  await act(two, called.current!.id, 'recall')
  await waitForSpoken(page, [sentence, sentence, sentence, sentence])

  // The voice switch is remembered: off, reloaded, still off, and a call is shown but not said.
  await visiblePage(page).getByRole('switch', { name: '语音叫号' }).click()
  await page.reload()
  await visiblePage(page).getByRole('switch', { name: '语音叫号', checked: false }).waitFor()
  await serveCurrent(one)
  const quiet = await callNext(one)
  await current(page).getByText(quiet.current!.number, { exact: true }).waitFor()
  expect(await spoken(page)).toEqual([])
  await visiblePage(page).getByRole('switch', { name: '语音叫号' }).click()
  await page.evaluate(() => Object.assign(window, { sameLoad: true }))

  // The live socket drops: the next call still reaches the screen, and is said.
  await Promise.all([...stack.app.websocketServer.clients].map((socket) => socket.terminate()))
  await serveCurrent(two)
  const afterDrop = await callNext(two)
  await current(page).getByText(afterDrop.current!.number, { exact: true }).waitFor({ timeout: 20_000 })
  const dropSentence = `zh-CN|请 ${afterDrop.current!.number} 号到 2 号窗口办理`
  await waitForSpoken(page, [dropSentence, dropSentence])

  // The BFF restarts: the screen keeps the board and catches up by itself, check-in QR included.
  await stack.restart()
  await serveCurrent(one)
  const afterRestart = await callNext(one)
  await current(page).getByText(afterRestart.current!.number, { exact: true }).waitFor({ timeout: 40_000 })
  const restartSentence = `zh-CN|请 ${afterRestart.current!.number} 号到 1 号窗口办理`
  await waitForSpoken(page, [dropSentence, dropSentence, restartSentence, restartSentence])
  await visiblePage(page).getByRole('img', { name: '签到二维码' }).waitFor()
  expect(await page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true)
})
