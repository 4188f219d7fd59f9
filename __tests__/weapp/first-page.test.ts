/**
 * The built mini-program (`npx taro build --type weapp` first) as people reach it from outside: every
 * page opened as the FIRST page with its parameters (from a message, a share or a QR), signed out,
 * answered by the real BFF; and WeChat's privacy consent walked to "不同意" and then "同意".
 */
import fs from 'node:fs'
import path from 'node:path'
import { api, startTestServer, type TestServer } from '../server/harness'
import { insertCitizens, take } from '../server/queue-helpers'
import { createMiniProgram, waitUntil, type WxRequestOptions } from './mini-program'
import { PRIVACY_TEXT } from '../../src/components/privacy-sheet/text'
import { currentLoginAgreement } from '../../src/domain/legal'

const DIST = path.resolve(__dirname, '../../dist/weapp')
const BFF = 'http://localhost:3000'
const SOME_ID = 'a1a1a1a1-1111-4111-8111-111111111111'

let server: TestServer
let itemId: string
let checkinToken: string

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error(`${DIST}/app.js is missing: build the mini-program first (npx taro build --type weapp)`)
  server = await startTestServer()
  itemId = (await api(server).get('/api/v1/items?hallId=tianfu')).json().items[0].id
  const staff = await api(server).post('/api/v1/auth/sms/send', { phone: '13900000001' })
  const staffToken = (
    await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone: '13900000001', code: staff.json().devCode })
  ).json().token
  checkinToken = (await api(server, staffToken).get('/api/v1/staff/halls/tianfu/checkin-code')).json().token
}, 120_000)
afterAll(() => server?.close())

/** wx.request answered by the real BFF; `pending` counts requests not answered yet. */
function throughBff() {
  const state = { pending: 0 }
  const respond = async (options: WxRequestOptions) => {
    if (!options.url.startsWith(`${BFF}/`)) return null
    state.pending++
    try {
      const reply = await server.app.inject({
        method: (options.method ?? 'GET') as 'GET',
        url: options.url.slice(BFF.length),
        headers: options.header,
        payload: typeof options.data === 'string' ? options.data : options.data === undefined ? undefined : JSON.stringify(options.data),
      })
      return { statusCode: reply.statusCode, body: reply.body }
    } finally {
      setTimeout(() => state.pending--)
    }
  }
  return { state, respond }
}

/** The parameters each page is opened with, as links, shares and QR codes carry them. */
function paramsOf(route: string): Record<string, string> {
  const hallQr = `https://onetrip.example.cn/q/checkin?token=${encodeURIComponent(checkinToken)}`
  const byRoute: Record<string, Record<string, string>> = {
    'pages/guide/item/index': { id: itemId },
    'pages/theme/guide/index': { id: 'clinic' },
    'pages/review/checklist/index': { hallId: 'tianfu', itemId },
    'pages/appointment/book/index': { hallId: 'tianfu', itemId },
    // WeChat's own scanner (扫普通链接二维码打开小程序) hands the page the whole QR URL as `q`.
    'pages/queue/checkin/index': { q: encodeURIComponent(hallQr), scancode_time: '1764900000' },
    'pages/appointment/checkin/index': { token: encodeURIComponent(checkinToken) },
    'pages/pickup/authorize/index': { caseNumber: 'YS-20261124-000001' },
    'pages/login/index': { redirect: encodeURIComponent('/pages/queue/mine/index') },
  }
  return byRoute[route] ?? { id: SOME_ID, hallId: 'tianfu' }
}

const appJson = () => JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
const allPages = (): string[] => {
  const app = appJson()
  return [...app.pages, ...app.subPackages.flatMap((p: { root: string; pages: string[] }) => p.pages.map((page) => `${p.root}/${page}`))]
}

it('opens every page as the first page, signed out, with its parameters: its content or a way to sign in and come back, never a dead end', async () => {
  const problems: string[] = []
  for (const route of allPages()) {
    const { state, respond } = throughBff()
    const mp = createMiniProgram(DIST, respond)
    mp.launch(route)
    let page
    try {
      page = mp.openPage(route, paramsOf(route))
    } catch (error) {
      problems.push(`${route}: ${(error as Error).message}`)
      continue
    }
    // Settled: every request answered and rendered.
    await waitUntil(`${route} never settled`, () => mp.setDataPatches.length > 0 && state.pending === 0)
    await new Promise((resolve) => setTimeout(resolve, 150))
    await waitUntil(`${route} never settled`, () => state.pending === 0)
    const rendered = JSON.stringify(mp.setDataPatches)
    const last = JSON.stringify(mp.setDataPatches.slice(-3))
    const json = JSON.parse(fs.readFileSync(path.join(DIST, `${route}.json`), 'utf8'))
    if (!json.navigationBarTitleText) problems.push(`${route}: no title`)
    // WeChat shows its home button on a first page unless the page hides its navigation bar.
    if (json.navigationStyle === 'custom') problems.push(`${route}: custom navigation bar, no home button`)
    if (rendered.includes('page-state--error')) problems.push(`${route}: error state ${last.slice(0, 200)}`)
    if (/"v":"请先登录"/.test(rendered) && !/去登录|微信一键登录/.test(rendered)) problems.push(`${route}: says 请先登录 without a way to sign in`)
    if (rendered.includes('签到码无效')) problems.push(`${route}: did not read the hall QR`)
    page.onUnload?.call(page)
  }
  expect(problems).toEqual([])
  // No page takes WeChat's home button away.
  const scripts = fs
    .readdirSync(DIST, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js'))
  expect(scripts.filter((f) => /\.hideHomeButton\(/.test(fs.readFileSync(path.join(DIST, f), 'utf8')))).toEqual([])
}, 240_000)

it('the hall QR opened by WeChat’s own scanner lands on the check-in with the hall’s token', async () => {
  const [citizen] = await insertCitizens(server, 1)
  const taken = await take(server, citizen.token)
  expect(taken.statusCode).toBe(201)
  const me = (await api(server, citizen.token).get('/api/v1/me')).json()
  const { respond } = throughBff()
  const mp = createMiniProgram(DIST, respond)
  mp.storage.set('onetrip.session', JSON.stringify({ state: { token: citizen.token, me }, version: 0 }))
  mp.launch('pages/queue/checkin/index')
  const page = mp.openPage('pages/queue/checkin/index', paramsOf('pages/queue/checkin/index'))
  await waitUntil('the ticket to check in never showed', () => JSON.stringify(mp.setDataPatches).includes(`为 ${taken.json().number} 签到`))
  page.onUnload?.call(page)
})

it('walks the privacy consent: declining keeps the QR check-in and says why location is off; agreeing lets the location through', async () => {
  const [citizen] = await insertCitizens(server, 1)
  const taken = await take(server, citizen.token)
  const me = (await api(server, citizen.token).get('/api/v1/me')).json()
  const hall = (await api(server).get('/api/v1/halls')).json().halls.find((h: { id: string }) => h.id === 'tianfu')
  const { respond } = throughBff()
  const mp = createMiniProgram(DIST, respond, { getLocation: { latitude: hall.location.lat, longitude: hall.location.lng, accuracy: 20 } })
  mp.storage.set('onetrip.session', JSON.stringify({ state: { token: citizen.token, me }, version: 0 }))
  mp.launch('pages/queue/ticket/index')
  const page = mp.openPage('pages/queue/ticket/index', { id: taken.json().id })
  const rendered = () => JSON.stringify(mp.setDataPatches)
  await waitUntil('the ticket never showed its check-in', () => rendered().includes('定位签到'))
  expect(mp.privacy.listener).not.toBeNull()

  // 不同意: the location API fails as WeChat fails it, nothing reaches the BFF, the page says what still works.
  mp.tap(page, '定位签到（需在服务中心')
  await waitUntil('the consent sheet never showed', () => rendered().includes(PRIVACY_TEXT.title))
  expect(rendered()).toContain(PRIVACY_TEXT.guideLink)
  mp.tap(page, PRIVACY_TEXT.decline)
  await waitUntil('the decline was never explained', () => rendered().includes(PRIVACY_TEXT.declinedLocation))
  expect(mp.privacy.answers).toEqual(['exposureAuthorization', 'disagree'])
  expect(mp.requests.filter((r) => r.url.endsWith('/check-in'))).toEqual([])
  expect(rendered()).toContain('扫描大厅签到码')

  // 同意 (WeChat's agreePrivacyAuthorization button): the held API runs and the check-in goes to the BFF.
  mp.tap(page, '定位签到（需在服务中心')
  await waitUntil('the consent sheet never came back', () => mp.privacy.answers.length === 3)
  mp.tap(page, PRIVACY_TEXT.agree, 'agreeprivacyauthorization')
  await waitUntil('the location check-in never reached the BFF', () => mp.requests.some((r) => r.url.endsWith('/check-in')))
  expect(mp.privacy.answers).toEqual(['exposureAuthorization', 'disagree', 'exposureAuthorization', 'agree'])
  const checkIn = mp.requests.find((r) => r.url.endsWith('/check-in'))!
  expect(JSON.parse(String(checkIn.data))).toEqual({ location: { lat: hall.location.lat, lng: hall.location.lng, accuracy: 20 } })
  page.onUnload?.call(page)
})
