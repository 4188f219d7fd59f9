/**
 * The hall screen's QR is a plain link under one path prefix (`/q/`), so WeChat's own scanner can be
 * told to open the mini-program for it (扫普通链接二维码打开小程序); any other scanner is sent on to
 * the H5 check-in page.
 */
import { api, startTestServer, type TestServer } from './harness'
import { currentLoginAgreement } from '../../src/domain/legal'

let server: TestServer
let token: string
let url: string

beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://onetrip.example.cn' } })
  const sent = await api(server).post('/api/v1/auth/sms/send', { phone: '13900000001' })
  const staff = (await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone: '13900000001', code: sent.json().devCode })).json()
    .token
  const code = (await api(server, staff).get('/api/v1/staff/halls/tianfu/checkin-code')).json()
  token = code.token
  url = code.url
}, 60_000)
afterAll(() => server?.close())

it('the screen encodes <PUBLIC_BASE_URL>/q/checkin?token=…', () => {
  expect(url).toBe(`https://onetrip.example.cn/q/checkin?token=${encodeURIComponent(token)}`)
})

it('any other scanner is sent on to the H5 check-in page with the token', async () => {
  const reply = await server.app.inject({ method: 'GET', url: new URL(url).pathname + new URL(url).search })
  expect(reply.statusCode).toBe(302)
  expect(reply.headers.location).toBe(`/#/pages/queue/checkin/index?token=${encodeURIComponent(token)}`)
})

it('refuses what is not a hall check-in code with a Chinese 400', async () => {
  for (const query of ['?token=https%3A%2F%2Fevil.example%2F', '?token=', '']) {
    const reply = await server.app.inject({ method: 'GET', url: `/q/checkin${query}` })
    expect(reply.statusCode).toBe(400)
    expect(reply.json().message).toMatch(/[\u4e00-\u9fa5]/)
  }
})
