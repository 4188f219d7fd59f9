import { loadConfig } from '../../server/config'
import { checkDigitOnlyVerifier, claimDisplaces, identitySettingsFrom, type IdentityStrength, type IdentityVerifier } from '../../server/core/identity'
import { api, loginBySms, nextIdNumber, startTestServer, type TestServer } from './harness'
import { LEGAL_DOCUMENTS } from '../../src/domain/legal'

/**
 * Stands in for the identity authority: it knows which name goes with which ID number and answers
 * with the strength it is set to; it can also fail, hang, or behave like the development verifier.
 */
class StandInAuthority implements IdentityVerifier {
  readonly id = 'stand-in-authority'
  readonly records = new Map<string, string>()
  mode: 'authority' | 'check-digit-only' | 'fail' | 'hang' = 'authority'
  authorityStrength: IdentityStrength = 'name_id_match'
  /** How long a hang lasts before it answers 'match' anyway (a late answer must bind nothing). */
  hangMs = 1500
  calls = 0

  get strength(): IdentityStrength {
    return this.mode === 'check-digit-only' ? 'check_digit' : this.authorityStrength
  }

  async verify(input: { name: string; idNumber: string }, signal: AbortSignal) {
    this.calls++
    if (this.mode === 'check-digit-only') return checkDigitOnlyVerifier.verify(input, signal)
    if (this.mode === 'fail') throw new Error('authority answered HTTP 502')
    if (this.mode === 'hang') return new Promise<'match'>((resolve) => setTimeout(() => resolve('match'), this.hangMs))
    return this.records.get(input.idNumber) === input.name ? 'match' : 'mismatch'
  }
}

const authority = new StandInAuthority()
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ env: { IDENTITY_TIMEOUT_MS: '300' }, overrides: { identity: authority } })
}, 60_000)
afterAll(() => server?.close())
beforeEach(() => {
  authority.mode = 'authority'
  authority.authorityStrength = 'name_id_match'
})

const bind = (token: string, name: string, idNumber: string) =>
  api(server, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name, idNumber })
const me = async (token: string) => (await api(server, token).get('/api/v1/me')).json()
const messages = async (token: string) =>
  (await api(server, token).get('/api/v1/me/messages')).json().messages as { kind: string; title: string; body: string }[]

async function bindingColumns(token: string) {
  const { id } = await me(token)
  const { rows } = await server.db.query<Record<string, unknown>>(
    `select real_name_enc, id_number_enc, id_number_index, birth_date, sex, real_name_verified_at, real_name_strength, real_name_verifier from users where id = $1`,
    [id],
  )
  return rows[0]
}

const NEUTRAL = {
  code: 'REAL_NAME_NOT_VERIFIED',
  message: '实名认证未通过：请核对姓名与身份证号是否与身份证一致；如确为本人仍无法认证，请携带身份证到服务中心窗口办理',
}

describe('squatting and reclaiming an ID number', () => {
  it('a squatter bound with the check-digit verifier is displaced by the owner verified by the authority, and is told', async () => {
    const idNumber = nextIdNumber('19850612')
    authority.records.set(idNumber, '王芳')

    authority.mode = 'check-digit-only'
    const squatter = await loginBySms(server)
    expect((await bind(squatter, '冒名', idNumber)).statusCode).toBe(200)
    expect(await bindingColumns(squatter)).toMatchObject({ real_name_strength: 'check_digit', real_name_verifier: 'stand-in-authority' })

    // The development verifier proves nothing, so its claim never displaces anyone: neutral refusal.
    const owner = await loginBySms(server)
    const devClaim = await bind(owner, '王芳', idNumber)
    expect(devClaim.statusCode).toBe(422)
    expect(devClaim.json()).toEqual(NEUTRAL)

    authority.mode = 'authority'
    const reclaim = await bind(owner, '王芳', idNumber)
    expect(reclaim.statusCode).toBe(200)
    expect(reclaim.json().realName.nameMasked).toBe('王*')
    expect(await bindingColumns(owner)).toMatchObject({ real_name_strength: 'name_id_match' })

    expect((await me(squatter)).realName).toBeNull()
    expect(Object.values(await bindingColumns(squatter)).every((v) => v === null)).toBe(true)
    const told = (await messages(squatter)).find((m) => m.kind === 'identity_displaced')
    expect(told?.title).toBe('实名认证已解除')
    expect(told?.body).toContain('服务中心窗口')
    // The squatter's realname-only features close at once (the audience check reads the binding).
    expect((await api(server, squatter).post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-A' })).statusCode).toBe(403)

    const { rows } = await server.db.query<{ detail: Record<string, string> }>(
      `select detail from audit_log where action = 'identity.displaced' and target = $1`,
      [`user:${(await me(squatter)).id}`],
    )
    expect(rows).toEqual([{ detail: { displacedStrength: 'check_digit', claimStrength: 'name_id_match', verifier: 'stand-in-authority' } }])
    expect(JSON.stringify(rows)).not.toContain(idNumber)

    // Taking it back with the wrong name fails the authority: same neutral answer.
    const retake = await bind(squatter, '冒名', idNumber)
    expect(retake.statusCode).toBe(422)
    expect(retake.json()).toEqual(NEUTRAL)
  })

  it('displaces only with a verification at least as strong as the holder’s', async () => {
    const idNumber = nextIdNumber('19770203')
    authority.records.set(idNumber, '陈刚')
    authority.authorityStrength = 'face_match'
    const first = await loginBySms(server)
    expect((await bind(first, '陈刚', idNumber)).statusCode).toBe(200)

    // Name + number alone (anyone who knows them passes) cannot displace a face-verified holder.
    authority.authorityStrength = 'name_id_match'
    const second = await loginBySms(server)
    const weaker = await bind(second, '陈刚', idNumber)
    expect(weaker.statusCode).toBe(422)
    expect(weaker.json()).toEqual(NEUTRAL)
    expect((await me(first)).realName).not.toBeNull()

    authority.authorityStrength = 'face_match'
    expect((await bind(second, '陈刚', idNumber)).statusCode).toBe(200)
    expect((await me(first)).realName).toBeNull()
  })

  it('the displacement rule: real verifier, at least as strong', () => {
    expect(claimDisplaces('check_digit', 'check_digit')).toBe(false)
    expect(claimDisplaces('check_digit', null)).toBe(false)
    expect(claimDisplaces('name_id_match', null)).toBe(true)
    expect(claimDisplaces('name_id_match', 'check_digit')).toBe(true)
    expect(claimDisplaces('name_id_match', 'name_id_match')).toBe(true)
    expect(claimDisplaces('name_id_match', 'face_match')).toBe(false)
    expect(claimDisplaces('face_match', 'face_match')).toBe(true)
  })
})

describe('a bind never tells whether an ID number is registered', () => {
  it('answers "taken" and "verification failed" with the same status and body', async () => {
    authority.mode = 'check-digit-only'
    const taken = nextIdNumber('19920808')
    expect((await bind(await loginBySms(server), '刘洋', taken)).statusCode).toBe(200)
    const takenReply = await bind(await loginBySms(server), '刘洋', taken)

    authority.mode = 'authority'
    const unknown = nextIdNumber('19920808')
    const failedReply = await bind(await loginBySms(server), '刘洋', unknown)

    expect(takenReply.statusCode).toBe(422)
    expect(failedReply.statusCode).toBe(takenReply.statusCode)
    expect(failedReply.body).toBe(takenReply.body)
    expect(takenReply.body).not.toMatch(/已绑定|已被|其他账号|TAKEN/)
  })

  it('two accounts claiming one free number at once: exactly one is bound', async () => {
    authority.mode = 'check-digit-only'
    const idNumber = nextIdNumber('19660101')
    const tokens = await Promise.all(Array.from({ length: 4 }, () => loginBySms(server)))
    const replies = await Promise.all(tokens.map((t) => bind(t, '周强', idNumber)))
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 422, 422, 422])
    const { rows } = await server.db.query<{ n: number }>(
      'select count(*)::int as n from users where id_number_index is not null and real_name_verifier = $1 and id = any($2)',
      ['stand-in-authority', await Promise.all(tokens.map(async (t) => (await me(t)).id))],
    )
    expect(rows[0].n).toBe(1)
  })
})

describe('a bound identity is changed only at a window', () => {
  it('refuses another name or another number, and a repeat of the same binding changes nothing', async () => {
    const idNumber = nextIdNumber('19880417')
    authority.records.set(idNumber, '黄磊')
    const token = await loginBySms(server)
    expect((await bind(token, '黄磊', idNumber)).statusCode).toBe(200)
    const before = await bindingColumns(token)

    const rename = await bind(token, '黄小磊', idNumber)
    expect(rename.statusCode).toBe(409)
    expect(rename.json()).toEqual({
      code: 'REAL_NAME_BOUND',
      message: '您已完成实名认证，姓名和身份证号不能在线修改；如需变更，请携带身份证到服务中心窗口办理',
    })

    const other = nextIdNumber('19880417')
    authority.records.set(other, '黄磊')
    expect((await bind(token, '黄磊', other)).statusCode).toBe(409)

    const calls = authority.calls
    const repeat = await bind(token, '黄磊', idNumber)
    expect(repeat.statusCode).toBe(200)
    expect(authority.calls).toBe(calls)
    expect(await bindingColumns(token)).toEqual(before)
    expect((await me(token)).realName.nameMasked).toBe('黄*')
  })
})

describe('when the verifier cannot answer', () => {
  it('a failing verifier: 503 with a Chinese message, nothing bound', async () => {
    authority.mode = 'fail'
    const token = await loginBySms(server)
    const reply = await bind(token, '马丽', nextIdNumber())
    expect(reply.statusCode).toBe(503)
    expect(reply.json()).toEqual({ code: 'IDENTITY_UNAVAILABLE', message: '实名核验服务暂时不可用，未作任何修改，请稍后再试' })
    expect(Object.values(await bindingColumns(token)).every((v) => v === null)).toBe(true)
  })

  it('a hanging verifier: 503 after the timeout, and its late answer binds nothing', async () => {
    authority.mode = 'hang'
    const token = await loginBySms(server)
    const started = Date.now()
    const reply = await bind(token, '马丽', nextIdNumber())
    expect(reply.statusCode).toBe(503)
    expect(Date.now() - started).toBeLessThan(authority.hangMs)
    await new Promise((resolve) => setTimeout(resolve, authority.hangMs))
    expect(Object.values(await bindingColumns(token)).every((v) => v === null)).toBe(true)
    expect((await me(token)).realName).toBeNull()
  })

  it('a malformed number never reaches the verifier', async () => {
    const calls = authority.calls
    const reply = await bind(await loginBySms(server), '马丽', '110105194912310021')
    expect(reply.statusCode).toBe(400)
    expect(reply.json().code).toBe('INVALID_ID_NUMBER')
    expect(authority.calls).toBe(calls)
  })
})

describe('the database keeps a binding whole', () => {
  it('refuses a half-written binding', async () => {
    const token = await loginBySms(server)
    const { id } = await me(token)
    await expect(server.db.query(`update users set id_number_index = 'x', real_name_strength = 'face_match' where id = $1`, [id])).rejects.toThrow(
      /users_real_name_whole/,
    )
    await expect(server.db.query(`update users set real_name_strength = 'face_match' where id = $1`, [id])).rejects.toThrow(/users_real_name_strength_bound/)
  })
})

describe('production', () => {
  it('refuses to start with the check-digit-only verifier', () => {
    expect(() => identitySettingsFrom({}, true)).toThrow(/IDENTITY_VERIFIER: production needs a real identity verification provider/)
    expect(() => identitySettingsFrom({ IDENTITY_VERIFIER: 'check-digit-only' }, true)).toThrow(/development only/)
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY: Buffer.alloc(32, 1).toString('base64') })).toThrow(/IDENTITY_VERIFIER: production needs/)
    expect(() => identitySettingsFrom({ IDENTITY_VERIFIER: 'no-such-provider' }, false)).toThrow(/IDENTITY_VERIFIER must be one of/)
    expect(identitySettingsFrom({}, false)).toEqual({ kind: 'check-digit-only' })
  })
})
