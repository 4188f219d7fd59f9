/**
 * Consent (issues 16 and 23): every sign-in carries the current 《用户服务协议》 and 《隐私政策》 versions and
 * is recorded; an older consent is asked for again; real-name binding needs its own consent to process the
 * ID number (PIPL art. 29); withdrawing it removes the account's identity, withdrawing the 《隐私政策》 starts
 * 注销账号. Phone change: a code sent to the new phone, the unique index refusing a phone another account holds.
 */
import { LEGAL_DOCUMENTS, currentLoginAgreement } from '../../src/domain/legal'
import { api, citizen, loginBySms, nextIdNumber, nextPhone, startTestServer, type TestServer } from './harness'

jest.setTimeout(120_000)

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

const MINUTE = 60_000
const smsCode = async (phone: string) => (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode as string
const meOf = async (token: string) => (await api(server, token).get('/api/v1/me')).json()
const consentRows = async (userId: string) =>
  (
    await server.db.query<{ document: string; version: string; channel: string; withdrawn_at: Date | null }>(
      'select document, version, channel, withdrawn_at from consent_records where user_id = $1 order by accepted_at, document',
      [userId],
    )
  ).rows
const auditActions = async (userId: string) =>
  (await server.db.query<{ action: string }>('select action from audit_log where target = $1 order by created_at', [`user:${userId}`])).rows.map(
    (r) => r.action,
  )

describe('sign-in consent', () => {
  it('refuses a sign-in without the agreed versions or with an older one, without using up the code', async () => {
    const phone = nextPhone()
    const code = await smsCode(phone)
    const missing = await api(server).post('/api/v1/auth/sms/login', { phone, code })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toMatch(/同意的协议/)
    const stale = await api(server).post('/api/v1/auth/sms/login', { phone, code, agreed: { ...currentLoginAgreement(), privacy: 'privacy-2026-06' } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toEqual({ code: 'CONSENT_OUTDATED', message: '《隐私政策》已更新，请阅读并勾选同意最新版本后再继续' })
    const login = await api(server).post('/api/v1/auth/sms/login', { phone, code, agreed: currentLoginAgreement() })
    expect(login.statusCode).toBe(200)
    expect(login.json().user.consentsDue).toEqual([])
  })

  it('records each document once per version with the channel, however often the person signs in', async () => {
    const phone = nextPhone()
    const token = await loginBySms(server, phone)
    server.clock.advance(2 * MINUTE)
    await loginBySms(server, phone)
    const { id } = await meOf(token)
    const rows = await consentRows(id)
    expect(rows.map((r) => [r.document, r.version, r.channel])).toEqual([
      ['privacy', LEGAL_DOCUMENTS.privacy.version, 'sms_login'],
      ['terms', LEGAL_DOCUMENTS.terms.version, 'sms_login'],
    ])
    const list = (await api(server, token).get('/api/v1/me/consents')).json()
    expect(list.due).toEqual([])
    expect(list.records).toHaveLength(2)
    expect(list.records[0]).toMatchObject({ title: expect.stringMatching(/^《/), current: true, withdrawnAt: null })
  })

  it('requires the versions on the WeChat sign-in too, and records them there', async () => {
    const refused = await api(server).post('/api/v1/auth/wechat/login', { code: 'wx-consent-openid' })
    expect(refused.statusCode).toBe(400)
    const login = await api(server).post('/api/v1/auth/wechat/login', { code: 'wx-consent-openid', agreed: currentLoginAgreement() })
    expect(login.statusCode).toBe(200)
    expect((await consentRows(login.json().user.id)).map((r) => r.channel)).toEqual(['wechat_login', 'wechat_login'])
  })

  it('asks again when the current version is newer than the last consent, and records the new one in the app', async () => {
    const token = await loginBySms(server)
    const { id } = await meOf(token)
    // The person agreed to an older 《隐私政策》 (the version in force before this one).
    await server.db.query(`update consent_records set version = 'privacy-2026-06' where user_id = $1 and document = 'privacy'`, [id])
    expect((await meOf(token)).consentsDue).toEqual(['privacy'])
    expect((await api(server, token).get('/api/v1/me/consents')).json().due).toEqual(['privacy'])

    const old = await api(server, token).post('/api/v1/me/consents', { accepted: [{ document: 'privacy', version: 'privacy-2026-06' }] })
    expect(old.statusCode).toBe(409)
    expect(old.json().code).toBe('CONSENT_OUTDATED')
    server.clock.advance(MINUTE)
    const accepted = await api(server, token).post('/api/v1/me/consents', { accepted: [{ document: 'privacy', version: LEGAL_DOCUMENTS.privacy.version }] })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().due).toEqual([])
    expect(
      accepted
        .json()
        .records.filter((r: { document: string }) => r.document === 'privacy')
        .map((r: { current: boolean }) => r.current),
    ).toEqual([true, false])
    expect((await consentRows(id)).find((r) => r.channel === 'in_app')).toMatchObject({ document: 'privacy', version: LEGAL_DOCUMENTS.privacy.version })
    expect((await meOf(token)).consentsDue).toEqual([])
  })
})

describe('the ID number needs its own consent (PIPL art. 29)', () => {
  const bind = (token: string, body: object) => api(server, token).put('/api/v1/me/real-name', { name: '周芷若', idNumber: nextIdNumber(), ...body })

  it('refuses a binding without it or with an older version, and records it with the binding', async () => {
    const token = await loginBySms(server)
    expect((await bind(token, {})).statusCode).toBe(400)
    const stale = await bind(token, { sensitiveConsent: 'sensitive-id-2026-06' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().message).toContain('《敏感个人信息（身份证号）处理规则》')
    expect((await meOf(token)).realName).toBeNull()

    const bound = await bind(token, { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version })
    expect(bound.statusCode).toBe(200)
    expect(bound.json().consentsDue).toEqual([])
    const rows = await consentRows(bound.json().id)
    expect(rows.find((r) => r.document === 'sensitive')).toMatchObject({ version: LEGAL_DOCUMENTS.sensitive.version, channel: 'real_name', withdrawn_at: null })
  })

  it('asks for it when an identity is bound without a live consent', async () => {
    const token = await citizen(server)
    const { id } = await meOf(token)
    await server.db.query(`delete from consent_records where user_id = $1 and document = 'sensitive'`, [id])
    expect((await meOf(token)).consentsDue).toEqual(['sensitive'])
  })

  it('withdrawing it removes the identity from the account, keeps the record of the consent, and is audited', async () => {
    const token = await citizen(server)
    const { id } = await meOf(token)
    const withdrawn = await api(server, token).post('/api/v1/me/consents/sensitive/withdrawal')
    expect(withdrawn.statusCode).toBe(200)
    expect(withdrawn.json().records.find((r: { document: string }) => r.document === 'sensitive').withdrawnAt).not.toBeNull()
    const me = await meOf(token)
    expect(me.realName).toBeNull()
    expect(me.consentsDue).toEqual([])
    const { rows } = await server.db.query(
      'select real_name_enc, id_number_enc, id_number_index, birth_date, sex, real_name_verified_at from users where id = $1',
      [id],
    )
    expect(Object.values(rows[0]).every((v) => v === null)).toBe(true)
    expect(await auditActions(id)).toContain('me.sensitive_consent_withdrawn')
    // Nothing left to withdraw.
    const again = await api(server, token).post('/api/v1/me/consents/sensitive/withdrawal')
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toMatch(/没有可撤回/)
    // The person may bind again, with a new consent.
    expect(
      (await api(server, token).put('/api/v1/me/real-name', { name: '张三', idNumber: nextIdNumber(), sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version }))
        .statusCode,
    ).toBe(200)
  })
})

describe('withdrawing consent to the 《隐私政策》', () => {
  it('starts 注销账号 and signs out; signing in again agrees anew and cancels it', async () => {
    const phone = nextPhone()
    const token = await loginBySms(server, phone)
    const { id } = await meOf(token)
    const withdrawn = await api(server, token).post('/api/v1/me/consents/privacy/withdrawal', { confirm: true })
    expect(withdrawn.statusCode).toBe(201)
    expect(withdrawn.json().status).toBe('requested')
    expect((await api(server, token).get('/api/v1/me')).statusCode).toBe(401)
    expect((await consentRows(id)).find((r) => r.document === 'privacy')!.withdrawn_at).not.toBeNull()
    expect(await auditActions(id)).toContain('privacy.deletion_requested')

    server.clock.advance(2 * MINUTE)
    const again = await loginBySms(server, phone)
    expect((await meOf(again)).id).toBe(id)
    const privacy = (await consentRows(id)).filter((r) => r.document === 'privacy')
    expect(privacy.map((r) => r.withdrawn_at === null)).toEqual([false, true])
    expect((await api(server, again).get('/api/v1/me/privacy')).json().deletion.status).toBe('cancelled')
  })

  it('needs the confirmation, and an account already being deleted is signed out', async () => {
    const token = await loginBySms(server)
    const other = await loginBySms(server)
    expect((await api(server, token).post('/api/v1/me/privacy/deletion', { confirm: true })).statusCode).toBe(201)
    // Signed out everywhere: the withdrawal would need a new sign-in, which cancels the request first.
    expect((await api(server, token).post('/api/v1/me/consents/privacy/withdrawal', { confirm: true })).statusCode).toBe(401)
    expect((await api(server, other).post('/api/v1/me/consents/privacy/withdrawal', {})).statusCode).toBe(400)
  })
})

describe('phone change', () => {
  const sendTo = (token: string, phone: string) => api(server, token).post('/api/v1/me/phone/code', { phone })
  const change = (token: string, phone: string, code: string) => api(server, token).put('/api/v1/me/phone', { phone, code })

  it('moves the account to the new phone with the code sent to it: blind index and sealed number change, audited', async () => {
    const oldPhone = nextPhone()
    const token = await loginBySms(server, oldPhone)
    const { id } = await meOf(token)
    const newPhone = nextPhone()
    const sent = await sendTo(token, newPhone)
    expect(sent.statusCode).toBe(200)
    const code = sent.json().devCode as string
    const wrong = code === '000000' ? '111111' : '000000'
    const refused = await change(token, newPhone, wrong)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toBe('验证码不正确，还可尝试4次')

    const changed = await change(token, newPhone, code)
    expect(changed.statusCode).toBe(200)
    expect(changed.json().phoneMasked).toBe(`${newPhone.slice(0, 3)}****${newPhone.slice(7)}`)
    const { cipher } = server.runtime.keys
    const { rows } = await server.db.query<{ phone_index: string; phone_enc: string }>('select phone_index, phone_enc from users where id = $1', [id])
    expect(rows[0].phone_index).toBe(cipher.blindIndex(`phone:${newPhone}`))
    expect(cipher.decrypt(rows[0].phone_enc)).toBe(newPhone)
    expect(await auditActions(id)).toContain('auth.phone_changed')
    const detail = (await server.db.query(`select detail::text as d from audit_log where action = 'auth.phone_changed' and target = $1`, [`user:${id}`]))
      .rows[0]
    expect(JSON.stringify(detail)).not.toContain(newPhone)
    // The code is used up; the new phone signs in to the same account, the old one to a new account.
    expect((await change(token, newPhone, code)).statusCode).toBe(400)
    server.clock.advance(2 * MINUTE)
    expect((await meOf(await loginBySms(server, newPhone))).id).toBe(id)
    expect((await meOf(await loginBySms(server, oldPhone))).id).not.toBe(id)
  })

  it("refuses another account's phone after the code proves it, and changes nothing", async () => {
    const taken = nextPhone()
    await loginBySms(server, taken)
    const token = await loginBySms(server)
    const before = await meOf(token)
    server.clock.advance(2 * MINUTE)
    const code = (await sendTo(token, taken)).json().devCode
    const reply = await change(token, taken, code)
    expect(reply.statusCode).toBe(409)
    expect(reply.json().code).toBe('PHONE_TAKEN')
    expect((await meOf(token)).phoneMasked).toBe(before.phoneMasked)
  })

  it('holds the unique index when a first sign-in and a phone change race for the same phone', async () => {
    const target = nextPhone()
    const token = await loginBySms(server)
    const { id } = await meOf(token)
    const loginCode = await smsCode(target)
    server.clock.advance(2 * MINUTE)
    const changeCode = (await sendTo(token, target)).json().devCode
    const [login, changed] = await Promise.all([
      api(server).post('/api/v1/auth/sms/login', { phone: target, code: loginCode, agreed: currentLoginAgreement() }),
      change(token, target, changeCode),
    ])
    expect(login.statusCode).toBe(200)
    const holders = await server.db.query<{ id: string }>('select id from users where phone_index = $1', [
      server.runtime.keys.cipher.blindIndex(`phone:${target}`),
    ])
    expect(holders.rows).toHaveLength(1)
    // Either the change won (the sign-in entered the changed account) or the sign-in created the account first (409).
    if (changed.statusCode === 200) expect(login.json().user.id).toBe(id)
    else expect([changed.statusCode, changed.json().code, holders.rows[0].id]).toEqual([409, 'PHONE_TAKEN', login.json().user.id])
  })

  it('shares the login limits and never accepts a code of the other purpose or of another account', async () => {
    const token = await loginBySms(server)
    const other = await loginBySms(server)
    const target = nextPhone()
    const sent = await sendTo(token, target)
    expect(sent.statusCode).toBe(200)
    // Resend interval, across purposes: neither a login code nor another phone-change code within a minute.
    expect((await api(server).post('/api/v1/auth/sms/send', { phone: target })).statusCode).toBe(429)
    expect((await sendTo(token, target)).statusCode).toBe(429)
    // The phone-change code neither signs in nor changes another account's phone.
    expect((await api(server).post('/api/v1/auth/sms/login', { phone: target, code: sent.json().devCode, agreed: currentLoginAgreement() })).statusCode).toBe(
      400,
    )
    expect((await change(other, target, sent.json().devCode)).statusCode).toBe(400)
    // A login code does not change a phone.
    server.clock.advance(2 * MINUTE)
    const login = await smsCode(target)
    expect((await change(token, target, login)).json().code).toBe('SMS_CODE_WRONG')
    expect((await api(server, token).put('/api/v1/me/phone', { phone: '12345', code: '123456' })).statusCode).toBe(400)
  })
})
