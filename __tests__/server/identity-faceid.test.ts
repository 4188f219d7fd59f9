/**
 * Issue 19: real-name binding asks Tencent Cloud FaceID (IdCardVerification, 二要素) through
 * tencentcloud-sdk-nodejs, against a local stand-in that verifies the TC3-HMAC-SHA256 signature and
 * answers like the service: Result 0 一致, -1 不一致, -7 over the daily limit, API errors, no answer.
 */
import { loadConfig } from '../../server/config'
import { identityVerifierFor } from '../../server/core/identity'
import { providerErrorCounts } from '../../server/core/provider-errors'
import { api, loginBySms, nextIdNumber, startTestServer, type TestServer } from './harness'
import { startTencentCloudStandIn, type TencentAnswer, type TencentStandIn } from './stand-ins/tencent-cloud'
import { LEGAL_DOCUMENTS } from '../../src/domain/legal'

jest.setTimeout(120_000)

/** The authority's register: ID number → name. */
const register = new Map<string, string>()
/** Answers other than the register's verdict, per ID number. */
const special = new Map<string, TencentAnswer>()
const errorCount = (code: string) => providerErrorCounts().find((e) => e.provider === 'identity.tencent-faceid' && e.code === code)?.count ?? 0

let standIn: TencentStandIn
let server: TestServer
const env = (over: Record<string, string> = {}) => ({
  IDENTITY_VERIFIER: 'tencent-faceid',
  TENCENTCLOUD_SECRET_ID: 'AKIDhall',
  TENCENTCLOUD_SECRET_KEY: 'hall-secret',
  TENCENTCLOUD_FACEID_ENDPOINT: standIn.url,
  IDENTITY_TIMEOUT_MS: '1500',
  ...over,
})

beforeAll(async () => {
  standIn = await startTencentCloudStandIn({
    secrets: { AKIDhall: 'hall-secret' },
    answer: (action, params) => {
      if (action !== 'IdCardVerification') return { error: 'InvalidAction' }
      const idCard = String(params.IdCard)
      const answer = special.get(idCard)
      if (answer) return answer
      if (!register.has(idCard)) return { response: { Result: '-5', Description: '证件库中无此身份证记录' } }
      return register.get(idCard) === params.Name
        ? { response: { Result: '0', Description: '姓名和身份证号一致' } }
        : { response: { Result: '-1', Description: '姓名和身份证号不一致' } }
    },
  })
  const config = loadConfig(env())
  server = await startTestServer({ env: { IDENTITY_TIMEOUT_MS: '1500' }, overrides: { identity: identityVerifierFor(config.identity.verifier) } })
})
afterAll(async () => {
  await server?.close()
  await standIn?.close()
})

const bind = (token: string, name: string, idNumber: string) =>
  api(server, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name, idNumber })

it('binds a name and ID number the authority confirms, recording only the strength and the verifier', async () => {
  const idNumber = nextIdNumber('19800101')
  register.set(idNumber, '李娜')
  const token = await loginBySms(server)
  const bound = await bind(token, '李娜', idNumber)
  expect(bound.statusCode).toBe(200)
  expect(standIn.calls.at(-1)).toEqual({ action: 'IdCardVerification', params: { IdCard: idNumber, Name: '李娜' } })
  const { id } = (await api(server, token).get('/api/v1/me')).json()
  const { rows } = await server.db.query<Record<string, unknown>>('select * from users where id = $1', [id])
  expect(rows[0]).toMatchObject({ real_name_strength: 'name_id_match', real_name_verifier: 'tencent-faceid' })
  // The provider's answer is not kept anywhere on the account.
  expect(JSON.stringify(rows[0])).not.toMatch(/一致|Result|stand-in-/)
})

it('a pair the authority does not confirm is refused with the neutral message; nothing is bound', async () => {
  const idNumber = nextIdNumber('19800101')
  register.set(idNumber, '李娜')
  const token = await loginBySms(server)
  const refused = await bind(token, '李四', idNumber)
  expect(refused.statusCode).toBe(422)
  expect(refused.json().code).toBe('REAL_NAME_NOT_VERIFIED')
  const unknown = await bind(token, '李四', nextIdNumber('19800101'))
  expect(unknown.statusCode).toBe(422)
})

it('over the daily limit (Result -7), an API error or no answer: 503 with a Chinese message, counted, nothing bound', async () => {
  const token = await loginBySms(server)
  const limited = nextIdNumber('19800101')
  special.set(limited, { response: { Result: '-7', Description: '身份证号码认证次数超过当日限制' } })
  const before = errorCount('Result-7')
  const reply = await bind(token, '王五', limited)
  expect(reply.statusCode).toBe(503)
  expect(reply.json().message).toBe('实名核验服务暂时不可用，未作任何修改，请稍后再试')
  expect(errorCount('Result-7')).toBe(before + 1)

  const throttled = nextIdNumber('19800101')
  special.set(throttled, { error: 'RequestLimitExceeded' })
  expect((await bind(token, '王五', throttled)).statusCode).toBe(503)
  expect(errorCount('RequestLimitExceeded')).toBeGreaterThan(0)

  const hung = nextIdNumber('19800101')
  special.set(hung, 'hang')
  expect((await bind(token, '王五', hung)).statusCode).toBe(503)
  expect((await api(server, token).get('/api/v1/me')).json().realName).toBeFalsy()
})

it('invalid credentials fail the signature check and are counted', async () => {
  const verifier = identityVerifierFor(loadConfig(env({ TENCENTCLOUD_SECRET_KEY: 'wrong' })).identity.verifier)
  const before = errorCount('AuthFailure.SignatureFailure')
  await expect(verifier.verify({ name: '李娜', idNumber: nextIdNumber() }, new AbortController().signal)).rejects.toThrow()
  expect(errorCount('AuthFailure.SignatureFailure')).toBe(before + 1)
})

it('names the settings a hall has not configured', () => {
  expect(() => loadConfig({ IDENTITY_VERIFIER: 'tencent-faceid' })).toThrow(
    'IDENTITY_VERIFIER=tencent-faceid needs TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY',
  )
})
