/**
 * 长辈版 remembered per account (issue 16): the choice is stored on the user, returned by /me and by every
 * login, so it follows the user to another device; the endpoint refuses strangers and malformed choices.
 */
import { api, loginBySms, nextPhone, startTestServer, type TestServer } from './harness'
import { currentLoginAgreement } from '../../src/domain/legal'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
}, 60_000)
afterAll(() => server?.close())

const me = async (token: string) => (await api(server, token).get('/api/v1/me')).json()

it('a new account has not chosen; the choice is kept and comes back with the next login on another device', async () => {
  const phone = nextPhone()
  const token = await loginBySms(server, phone)
  expect((await me(token)).elderMode).toBeNull()

  const on = await api(server, token).put('/api/v1/me/preferences', { elderMode: true })
  expect(on.statusCode).toBe(200)
  expect(on.json().elderMode).toBe(true)

  // Another device, past the SMS resend interval: a new login answers the profile with the choice.
  server.clock.advance(5 * 60_000)
  const sent = await api(server).post('/api/v1/auth/sms/send', { phone })
  const login = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: sent.json().devCode })
  expect(login.json().user.elderMode).toBe(true)

  const off = await api(server, login.json().token).put('/api/v1/me/preferences', { elderMode: false })
  expect(off.json().elderMode).toBe(false)
  expect((await me(token)).elderMode).toBe(false)
})

it('refuses a stranger, and a malformed or padded choice with a Chinese message, changing nothing', async () => {
  expect((await api(server).put('/api/v1/me/preferences', { elderMode: true })).statusCode).toBe(401)
  const token = await loginBySms(server)
  const malformed = await api(server, token).put('/api/v1/me/preferences', { elderMode: '是' })
  expect(malformed.statusCode).toBe(400)
  expect(malformed.json().message).toContain('长辈版')
  const padded = await api(server, token).put('/api/v1/me/preferences', { elderMode: true, theme: 'dark' })
  expect(padded.statusCode).toBe(400)
  expect((await me(token)).elderMode).toBeNull()
})
