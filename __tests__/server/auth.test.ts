import { api, citizen, loginBySms, nextIdNumber, nextPhone, startTestServer, type TestServer } from './harness'
import { currentLoginAgreement, LEGAL_DOCUMENTS } from '../../src/domain/legal'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

describe('SMS login', () => {
  it('sends a code, logs in, and answers /me with a masked phone', async () => {
    const phone = nextPhone()
    const sent = await api(server).post('/api/v1/auth/sms/send', { phone })
    expect(sent.statusCode).toBe(200)
    expect(sent.json().devCode).toMatch(/^\d{6}$/)
    const login = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: sent.json().devCode })
    expect(login.statusCode).toBe(200)
    const { token, user } = login.json()
    expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url
    expect(user.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
    const me = await api(server, token).get('/api/v1/me')
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ phoneMasked: user.phoneMasked, realName: null, staff: [] })
  })

  it('refuses a wrong phone number with a Chinese message', async () => {
    const reply = await api(server).post('/api/v1/auth/sms/send', { phone: '12345' })
    expect(reply.statusCode).toBe(400)
    expect(reply.json()).toEqual({ code: 'INVALID_PHONE', message: '请输入正确的11位手机号码' })
  })

  it('enforces the resend interval', async () => {
    const phone = nextPhone()
    expect((await api(server).post('/api/v1/auth/sms/send', { phone })).statusCode).toBe(200)
    const again = await api(server).post('/api/v1/auth/sms/send', { phone })
    expect(again.statusCode).toBe(429)
    expect(again.json().message).toMatch(/秒后重试/)
    server.clock.advance(61_000)
    expect((await api(server).post('/api/v1/auth/sms/send', { phone })).statusCode).toBe(200)
  })

  it('limits wrong guesses and keeps counting across attempts', async () => {
    const phone = nextPhone()
    const code = (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode as string
    const wrong = code === '000000' ? '111111' : '000000'
    for (let left = 4; left >= 1; left--) {
      const reply = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: wrong })
      expect(reply.statusCode).toBe(400)
      expect(reply.json().message).toBe(`验证码不正确，还可尝试${left}次`)
    }
    expect((await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: wrong })).statusCode).toBe(429)
    // Even the right code is refused once the attempts are used up.
    expect((await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code })).statusCode).toBe(429)
  })

  it('expires codes after five minutes and accepts a code only once', async () => {
    const phone = nextPhone()
    const code = (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode
    server.clock.advance(5 * 60_000 + 1)
    const late = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code })
    expect(late.statusCode).toBe(400)
    expect(late.json().message).toBe('验证码已失效，请重新获取')

    const fresh = (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode
    expect((await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: fresh })).statusCode).toBe(200)
    expect((await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: fresh })).statusCode).toBe(400)
  })
})

describe('WeChat login', () => {
  it('exchanges a wx.login code for a session, keeping session_key on the server', async () => {
    const reply = await api(server).post('/api/v1/auth/wechat/login', { agreed: currentLoginAgreement(), code: 'wx-openid-abc' })
    expect(reply.statusCode).toBe(200)
    expect(reply.json().user).toMatchObject({ wechatBound: true, phoneMasked: null })
    expect(reply.body).not.toContain('session-key')
    const again = await api(server).post('/api/v1/auth/wechat/login', { agreed: currentLoginAgreement(), code: 'wx-openid-abc' })
    expect(again.json().user.id).toBe(reply.json().user.id)
  })

  it('refuses a code WeChat rejects', async () => {
    const reply = await api(server).post('/api/v1/auth/wechat/login', { agreed: currentLoginAgreement(), code: 'expired' })
    expect(reply.statusCode).toBe(401)
    expect(reply.json().message).toBe('微信登录失败，请重试')
  })
})

describe('sessions', () => {
  it('refuses calls without a token, with a logged-out token, and with an expired one', async () => {
    expect((await api(server).get('/api/v1/me')).statusCode).toBe(401)
    expect((await api(server).get('/api/v1/me')).json()).toEqual({ code: 'UNAUTHORIZED', message: '请先登录' })

    const token = await loginBySms(server)
    expect((await api(server, token).post('/api/v1/auth/logout')).statusCode).toBe(200)
    expect((await api(server, token).get('/api/v1/me')).statusCode).toBe(401)

    const other = await loginBySms(server)
    server.clock.advance(7 * 24 * 3_600_000 + 1000)
    expect((await api(server, other).get('/api/v1/me')).statusCode).toBe(401)
  })

  it('stores only a hash of the token', async () => {
    const token = await loginBySms(server)
    const { rows } = await server.db.query<{ n: number }>('select count(*)::int as n from sessions where token_hash = $1', [token])
    expect(rows[0].n).toBe(0)
  })
})

describe('real-name binding', () => {
  it('binds a valid ID number and shows it masked', async () => {
    const token = await loginBySms(server)
    const idNumber = nextIdNumber('19800315')
    const reply = await api(server, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '李四', idNumber })
    expect(reply.statusCode).toBe(200)
    expect(reply.json().realName).toEqual({
      nameMasked: '李*',
      idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
      sex: expect.any(String),
      age: 46,
    })
    expect(reply.body).not.toContain(idNumber)
  })

  it('refuses a wrong check digit with the reason', async () => {
    const token = await loginBySms(server)
    const reply = await api(server, token).put('/api/v1/me/real-name', {
      sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version,
      name: '王五',
      idNumber: '110105194912310021',
    })
    expect(reply.statusCode).toBe(400)
    expect(reply.json()).toEqual({ code: 'INVALID_ID_NUMBER', message: '身份证号码校验位不正确，请核对后重新输入' })
  })

  it('refuses an ID number already bound to another account without saying it is registered', async () => {
    const idNumber = nextIdNumber()
    const first = await loginBySms(server)
    expect(
      (await api(server, first).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '赵六', idNumber })).statusCode,
    ).toBe(200)
    const second = await loginBySms(server)
    const reply = await api(server, second).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '赵六', idNumber })
    // The development verifier proves nothing, so it never displaces a binding (identity-binding.test.ts).
    expect(reply.statusCode).toBe(422)
    expect(reply.json().code).toBe('REAL_NAME_NOT_VERIFIED')
  })

  it('keeps the ID number and phone encrypted at rest', async () => {
    const idNumber = nextIdNumber('19700101')
    const token = await loginBySms(server)
    await api(server, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '孙七', idNumber })
    const { rows } = await server.db.query<Record<string, unknown>>('select * from users')
    const dump = JSON.stringify(rows)
    expect(dump).not.toContain(idNumber)
    expect(dump).not.toContain('孙七')
    expect(dump).not.toMatch(/"1[3-9]\d{9}"/)
  })
})

describe('demo staff', () => {
  it('logs in a seeded window clerk with the staff role', async () => {
    const token = await loginBySms(server, '13900000001')
    const me = (await api(server, token).get('/api/v1/me')).json()
    expect(me.staff).toEqual([{ role: 'staff', hallId: 'tianfu', windowId: 'tianfu-w1' }])
    expect(me.realName.nameMasked).toBe('王**')
  })
})

describe('in-app messages', () => {
  it('lists only my messages and marks them read', async () => {
    const mine = await citizen(server)
    const me = (await api(server, mine).get('/api/v1/me')).json()
    await server.db.query(`insert into messages (user_id, kind, title, body, created_at) values ($1, 'test', '您的号已叫到', '请到3号窗口', $2)`, [
      me.id,
      server.clock.now(),
    ])
    const list = (await api(server, mine).get('/api/v1/me/messages')).json()
    expect(list.unread).toBe(1)
    expect(list.messages[0].title).toBe('您的号已叫到')
    const stranger = await citizen(server)
    expect((await api(server, stranger).get('/api/v1/me/messages')).json().messages).toEqual([])
    expect((await api(server, stranger).post(`/api/v1/me/messages/${list.messages[0].id}/read`)).statusCode).toBe(404)
    expect((await api(server, mine).post(`/api/v1/me/messages/${list.messages[0].id}/read`)).statusCode).toBe(200)
    expect((await api(server, mine).get('/api/v1/me/messages')).json().unread).toBe(0)
  })
})
