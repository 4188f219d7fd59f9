/**
 * Issue 19: login codes reach phones through Tencent Cloud SMS or Alibaba Cloud SMS. Each SDK talks to a
 * local stand-in that verifies its request signature and fails the way the provider fails; every failure
 * becomes a Chinese message with a 4xx/503 (never 500) and a counted provider error.
 */
import { loadConfig } from '../../server/config'
import { providerErrorCounts } from '../../server/core/provider-errors'
import { smsGatewayFor, type SmsGateway } from '../../server/core/sms'
import { api, nextPhone, startTestServer, type TestServer } from './harness'
import { startAliyunStandIn, type AliyunStandIn } from './stand-ins/aliyun'
import { startTencentCloudStandIn, type TencentAnswer, type TencentStandIn } from './stand-ins/tencent-cloud'
import { currentLoginAgreement } from '../../src/domain/legal'

jest.setTimeout(120_000)

const errorCount = (provider: string, code: string) => providerErrorCounts().find((e) => e.provider === provider && e.code === code)?.count ?? 0

/** What the stand-in answers for the next SendSms, per phone (by default: sent). */
const tencentOutcome = new Map<string, TencentAnswer>()

describe('Tencent Cloud SMS', () => {
  let standIn: TencentStandIn
  const env = (over: Record<string, string> = {}) => ({
    SMS_GATEWAY: 'tencent',
    TENCENTCLOUD_SECRET_ID: 'AKIDhall',
    TENCENTCLOUD_SECRET_KEY: 'hall-secret',
    TENCENTCLOUD_SMS_SDK_APP_ID: '1400000001',
    TENCENTCLOUD_SMS_SIGN_NAME: '天府新区政务服务',
    TENCENTCLOUD_SMS_TEMPLATE_ID: '100001',
    TENCENTCLOUD_SMS_ENDPOINT: standIn.url,
    SMS_TIMEOUT_MS: '1000',
    ...over,
  })
  const gateway = (over: Record<string, string> = {}): SmsGateway => smsGatewayFor(loadConfig(env(over)).smsGateway, false, () => undefined)

  beforeAll(async () => {
    standIn = await startTencentCloudStandIn({
      secrets: { AKIDhall: 'hall-secret' },
      answer: (_action, params) => {
        const phone = (params.PhoneNumberSet as string[])[0]
        const outcome = tencentOutcome.get(phone)
        if (outcome && (outcome === 'hang' || 'error' in outcome)) return outcome
        const code = outcome ? String((outcome.response as { code: string }).code) : 'Ok'
        return { response: { SendStatusSet: [{ SerialNo: 's-1', PhoneNumber: phone, Fee: 1, Code: code, Message: code, IsoCode: 'CN' }] } }
      },
    })
  })
  afterAll(() => standIn.close())

  it('sends the code with the configured app, signature and template, signed with TC3-HMAC-SHA256', async () => {
    const phone = nextPhone()
    await gateway().sendLoginCode(phone, '480213')
    const call = standIn.calls.at(-1)!
    expect(call.action).toBe('SendSms')
    expect(call.params).toEqual({
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: '1400000001',
      SignName: '天府新区政务服务',
      TemplateId: '100001',
      TemplateParamSet: ['480213'],
    })
    expect(gateway().echoesCode).toBe(false)
  })

  it('a phone over its daily limit gets 429 and a Chinese message; the error is counted', async () => {
    const phone = nextPhone()
    tencentOutcome.set(`+86${phone}`, { response: { code: 'LimitExceeded.PhoneNumberDailyLimit' } })
    const before = errorCount('sms.tencent', 'LimitExceeded.PhoneNumberDailyLimit')
    await expect(gateway().sendLoginCode(phone, '111111')).rejects.toMatchObject({ statusCode: 429, message: '该手机号接收验证码过于频繁，请稍后再试' })
    expect(errorCount('sms.tencent', 'LimitExceeded.PhoneNumberDailyLimit')).toBe(before + 1)
  })

  it('a wrong secret key fails the signature check: 503, counted as AuthFailure.SignatureFailure', async () => {
    const before = errorCount('sms.tencent', 'AuthFailure.SignatureFailure')
    await expect(gateway({ TENCENTCLOUD_SECRET_KEY: 'leaked-and-rotated' }).sendLoginCode(nextPhone(), '111111')).rejects.toMatchObject({
      statusCode: 503,
      message: '短信服务暂不可用，请稍后再试',
    })
    expect(errorCount('sms.tencent', 'AuthFailure.SignatureFailure')).toBe(before + 1)
    await expect(gateway({ TENCENTCLOUD_SECRET_ID: 'AKIDunknown' }).sendLoginCode(nextPhone(), '111111')).rejects.toMatchObject({ statusCode: 503 })
    expect(errorCount('sms.tencent', 'AuthFailure.SecretIdNotFound')).toBeGreaterThan(0)
  })

  it('a provider that does not answer times out into 503', async () => {
    const phone = nextPhone()
    tencentOutcome.set(`+86${phone}`, 'hang')
    const before = errorCount('sms.tencent', 'network')
    await expect(gateway().sendLoginCode(phone, '111111')).rejects.toMatchObject({ statusCode: 503 })
    expect(errorCount('sms.tencent', 'network')).toBe(before + 1)
  })

  it('names every setting a hall has not configured', () => {
    expect(() => loadConfig({ SMS_GATEWAY: 'tencent', TENCENTCLOUD_SECRET_ID: 'x' })).toThrow(
      'SMS_GATEWAY=tencent needs TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SMS_SDK_APP_ID, TENCENTCLOUD_SMS_SIGN_NAME, TENCENTCLOUD_SMS_TEMPLATE_ID',
    )
  })

  describe('through the login endpoint', () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startTestServer({ overrides: { sms: gateway() } })
    })
    afterAll(() => server.close())

    it('answers 429 with the message, returns no code, and lets the user ask again at once once the provider recovers', async () => {
      const phone = nextPhone()
      tencentOutcome.set(`+86${phone}`, { response: { code: 'LimitExceeded.PhoneNumberOneHourLimit' } })
      const refused = await api(server).post('/api/v1/auth/sms/send', { phone })
      expect(refused.statusCode).toBe(429)
      expect(refused.json()).toMatchObject({ message: '该手机号接收验证码过于频繁，请稍后再试' })
      tencentOutcome.delete(`+86${phone}`)
      // The undelivered code does not hold the 60-second resend interval.
      const sent = await api(server).post('/api/v1/auth/sms/send', { phone })
      expect(sent.statusCode).toBe(200)
      expect(sent.json().devCode).toBeUndefined()
      const delivered = standIn.calls.filter((c) => (c.params.PhoneNumberSet as string[])[0] === `+86${phone}`)
      const code = (delivered.at(-1)!.params.TemplateParamSet as string[])[0]
      const login = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code })
      expect(login.statusCode).toBe(200)
    })

    it('a provider outage is a 503 with a Chinese message, not a 500', async () => {
      const phone = nextPhone()
      tencentOutcome.set(`+86${phone}`, { error: 'InternalError.Timeout' })
      const refused = await api(server).post('/api/v1/auth/sms/send', { phone })
      expect(refused.statusCode).toBe(503)
      expect(refused.json()).toMatchObject({ message: '短信服务暂不可用，请稍后再试' })
    })
  })
})

describe('Alibaba Cloud SMS', () => {
  let standIn: AliyunStandIn
  const outcome = new Map<string, { code: string } | 'hang'>()
  const gateway = (over: Record<string, string> = {}) =>
    smsGatewayFor(
      loadConfig({
        SMS_GATEWAY: 'aliyun',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIhall',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'hall-secret',
        ALIYUN_SMS_SIGN_NAME: '天府新区政务服务',
        ALIYUN_SMS_TEMPLATE_CODE: 'SMS_100001',
        ALIYUN_SMS_ENDPOINT: standIn.url,
        SMS_TIMEOUT_MS: '1000',
        ...over,
      }).smsGateway,
      false,
      () => undefined,
    )

  beforeAll(async () => {
    standIn = await startAliyunStandIn({
      secrets: { LTAIhall: 'hall-secret' },
      answer: (_action, params) => outcome.get(params.PhoneNumbers) ?? { code: 'OK' },
    })
  })
  afterAll(() => standIn.close())

  it('sends the code with the configured signature and template, signed with ACS3-HMAC-SHA256', async () => {
    const phone = nextPhone()
    await gateway().sendLoginCode(phone, '480213')
    const call = standIn.calls.at(-1)!
    expect(call.action).toBe('SendSms')
    expect(call.params).toMatchObject({ PhoneNumbers: phone, SignName: '天府新区政务服务', TemplateCode: 'SMS_100001', TemplateParam: '{"code":"480213"}' })
  })

  it('flow control (isv.BUSINESS_LIMIT_CONTROL) is a 429 with a Chinese message, counted', async () => {
    const phone = nextPhone()
    outcome.set(phone, { code: 'isv.BUSINESS_LIMIT_CONTROL' })
    const before = errorCount('sms.aliyun', 'isv.BUSINESS_LIMIT_CONTROL')
    await expect(gateway().sendLoginCode(phone, '111111')).rejects.toMatchObject({ statusCode: 429, message: '该手机号接收验证码过于频繁，请稍后再试' })
    expect(errorCount('sms.aliyun', 'isv.BUSINESS_LIMIT_CONTROL')).toBe(before + 1)
  })

  it('an unknown AccessKey and a wrong secret are 503s counted under the gateway’s codes', async () => {
    const unknown = errorCount('sms.aliyun', 'InvalidAccessKeyId.NotFound')
    await expect(gateway({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIgone' }).sendLoginCode(nextPhone(), '111111')).rejects.toMatchObject({
      statusCode: 503,
      message: '短信服务暂不可用，请稍后再试',
    })
    expect(errorCount('sms.aliyun', 'InvalidAccessKeyId.NotFound')).toBe(unknown + 1)
    const mismatch = errorCount('sms.aliyun', 'SignatureDoesNotMatch')
    await expect(gateway({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong' }).sendLoginCode(nextPhone(), '111111')).rejects.toMatchObject({ statusCode: 503 })
    expect(errorCount('sms.aliyun', 'SignatureDoesNotMatch')).toBe(mismatch + 1)
  })

  it('a gateway that does not answer times out into 503', async () => {
    const phone = nextPhone()
    outcome.set(phone, 'hang')
    await expect(gateway().sendLoginCode(phone, '111111')).rejects.toMatchObject({ statusCode: 503 })
  })
})
