import { AppError } from './errors'
import { parseEndpoint, requireSettings, timeoutSetting } from './provider-settings'
import { countProviderError } from './provider-errors'
import { once, tencentClientConfig, tencentErrorCode, type TencentCloudSettings } from './tencent-cloud'

/** Where SMS codes go: Tencent Cloud SMS, Alibaba Cloud SMS, or (development) the console. */
export interface SmsGateway {
  /** Whether the code may be echoed back to the client (development convenience, never in production). */
  readonly echoesCode: boolean
  /** Resolves once the provider accepted the message; otherwise throws an AppError with a Chinese message (smsRefusal). */
  sendLoginCode(phone: string, code: string): Promise<void>
}

export const SMS_GATEWAY_KINDS = ['console', 'tencent', 'aliyun'] as const
export type SmsGatewayKind = (typeof SMS_GATEWAY_KINDS)[number]

/** Tencent Cloud SMS (短信 → 应用管理 / 签名管理 / 正文模板管理): the template has one variable, {1}, the code. */
export interface TencentSmsSettings extends TencentCloudSettings {
  sdkAppId: string
  signName: string
  templateId: string
}

/** Alibaba Cloud SMS (短信服务 → 签名管理 / 模板管理): the template has one variable, ${code}. */
export interface AliyunSmsSettings {
  accessKeyId: string
  accessKeySecret: string
  signName: string
  templateCode: string
  endpoint: string
  timeoutMs: number
}

export type SmsSettings = { kind: 'console' } | ({ kind: 'tencent' } & TencentSmsSettings) | ({ kind: 'aliyun' } & AliyunSmsSettings)

/**
 * Reads SMS_GATEWAY (default console) and the chosen provider's settings, naming every missing one.
 * Production refuses the console gateway: it sends no SMS, so real users could not log in.
 */
export function smsSettingsFrom(env: Record<string, string | undefined>, production: boolean): SmsSettings {
  const kind = (env.SMS_GATEWAY || 'console') as SmsGatewayKind
  if (!SMS_GATEWAY_KINDS.includes(kind)) throw new Error(`SMS_GATEWAY must be one of: ${SMS_GATEWAY_KINDS.join(', ')}`)
  const timeoutMs = timeoutSetting(env, 'SMS_TIMEOUT_MS', 5000)
  switch (kind) {
    case 'console':
      if (production) {
        throw new Error('SMS_GATEWAY: production needs a real SMS gateway (tencent or aliyun); the console gateway sends no SMS and is for development only')
      }
      return { kind }
    case 'tencent': {
      const s = requireSettings(env, 'SMS_GATEWAY=tencent', [
        'TENCENTCLOUD_SECRET_ID',
        'TENCENTCLOUD_SECRET_KEY',
        'TENCENTCLOUD_SMS_SDK_APP_ID',
        'TENCENTCLOUD_SMS_SIGN_NAME',
        'TENCENTCLOUD_SMS_TEMPLATE_ID',
      ])
      const endpoint = env.TENCENTCLOUD_SMS_ENDPOINT || 'https://sms.tencentcloudapi.com'
      parseEndpoint('TENCENTCLOUD_SMS_ENDPOINT', endpoint)
      return {
        kind,
        secretId: s.TENCENTCLOUD_SECRET_ID,
        secretKey: s.TENCENTCLOUD_SECRET_KEY,
        sdkAppId: s.TENCENTCLOUD_SMS_SDK_APP_ID,
        signName: s.TENCENTCLOUD_SMS_SIGN_NAME,
        templateId: s.TENCENTCLOUD_SMS_TEMPLATE_ID,
        region: env.TENCENTCLOUD_SMS_REGION || 'ap-guangzhou',
        endpoint,
        timeoutMs,
      }
    }
    case 'aliyun': {
      const s = requireSettings(env, 'SMS_GATEWAY=aliyun', [
        'ALIBABA_CLOUD_ACCESS_KEY_ID',
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        'ALIYUN_SMS_SIGN_NAME',
        'ALIYUN_SMS_TEMPLATE_CODE',
      ])
      const endpoint = env.ALIYUN_SMS_ENDPOINT || 'https://dysmsapi.aliyuncs.com'
      parseEndpoint('ALIYUN_SMS_ENDPOINT', endpoint)
      return {
        kind,
        accessKeyId: s.ALIBABA_CLOUD_ACCESS_KEY_ID,
        accessKeySecret: s.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
        signName: s.ALIYUN_SMS_SIGN_NAME,
        templateCode: s.ALIYUN_SMS_TEMPLATE_CODE,
        endpoint,
        timeoutMs,
      }
    }
  }
}

/** Provider error codes meaning "this phone got too many messages" (Tencent `LimitExceeded.*`, Aliyun flow control). */
const THROTTLE_CODES = /^(LimitExceeded\.|isv\.(BUSINESS_LIMIT_CONTROL|DAY_LIMIT_CONTROL|MONTH_LIMIT_CONTROL)$)/
/** Codes meaning the number itself cannot receive (malformed, blacklisted, unsubscribed). */
const PHONE_REJECTED_CODES =
  /^(InvalidParameterValue\.IncorrectPhoneNumber|FailedOperation\.PhoneNumberInBlacklist|UnsupportedOperation\.ContainDomesticAndInternationalPhoneNumber|isv\.MOBILE_NUMBER_ILLEGAL|isv\.BLACK_KEY_CONTROL_LIMIT)$/

/**
 * Counts a provider's refusal (provider-errors.ts) and turns it into what the user reads: too many
 * messages → 429, a number that cannot receive → 400, anything else (credentials, template, signature,
 * timeouts) → 503. Never a 500: the user can always do something about it, if only wait.
 */
export function smsRefusal(provider: string, code: string): AppError {
  countProviderError(provider, code)
  if (THROTTLE_CODES.test(code)) return new AppError(429, 'SMS_THROTTLED', '该手机号接收验证码过于频繁，请稍后再试')
  if (PHONE_REJECTED_CODES.test(code)) return new AppError(400, 'SMS_PHONE_REJECTED', '该手机号暂时无法接收短信，请核对号码或换用其他手机号')
  return new AppError(503, 'SMS_UNAVAILABLE', '短信服务暂不可用，请稍后再试')
}

/** Tencent Cloud SMS through tencentcloud-sdk-nodejs-sms (API 2021-01-11 SendSms, TC3-HMAC-SHA256 signed). */
export function tencentSmsGateway(settings: TencentSmsSettings): SmsGateway {
  // The SDKs load on first use: a BFF configured for another gateway never pays for loading them.
  const client = once(async () => {
    const { Client } = await import('tencentcloud-sdk-nodejs-sms/tencentcloud/services/sms/v20210111/sms_client')
    return new Client(tencentClientConfig(settings, 'TENCENTCLOUD_SMS_ENDPOINT'))
  })
  return {
    echoesCode: false,
    async sendLoginCode(phone, code) {
      let status: { Code?: string } | undefined
      try {
        const answer = await (
          await client()
        ).SendSms({
          PhoneNumberSet: [`+86${phone}`],
          SmsSdkAppId: settings.sdkAppId,
          SignName: settings.signName,
          TemplateId: settings.templateId,
          TemplateParamSet: [code],
        })
        status = answer.SendStatusSet?.[0]
      } catch (error) {
        throw smsRefusal('sms.tencent', tencentErrorCode(error))
      }
      // The request succeeds as a whole while each number carries its own status ("Ok" or an error code).
      if (status?.Code !== 'Ok') throw smsRefusal('sms.tencent', status?.Code || 'NoSendStatus')
    },
  }
}

/** Alibaba Cloud SMS through @alicloud/dysmsapi20170525 (SendSms, ACS3-HMAC-SHA256 signed). */
export function aliyunSmsGateway(settings: AliyunSmsSettings): SmsGateway {
  const { protocol, host } = parseEndpoint('ALIYUN_SMS_ENDPOINT', settings.endpoint)
  const sdk = once(async () => {
    const [{ default: Dysmsapi, SendSmsRequest }, { $OpenApiUtil }] = await Promise.all([
      import('@alicloud/dysmsapi20170525'),
      import('@alicloud/openapi-core'),
    ])
    const config = { accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret, endpoint: host, protocol }
    return { client: new Dysmsapi(new $OpenApiUtil.Config({ ...config, connectTimeout: settings.timeoutMs, readTimeout: settings.timeoutMs })), SendSmsRequest }
  })
  return {
    echoesCode: false,
    async sendLoginCode(phone, code) {
      let answer: string | undefined
      try {
        const { client, SendSmsRequest } = await sdk()
        const response = await client.sendSms(
          new SendSmsRequest({
            phoneNumbers: phone,
            signName: settings.signName,
            templateCode: settings.templateCode,
            templateParam: JSON.stringify({ code }),
          }),
        )
        answer = response.body?.code
      } catch (error) {
        const errorCode = (error as { code?: unknown }).code
        throw smsRefusal('sms.aliyun', typeof errorCode === 'string' && errorCode ? errorCode : 'network')
      }
      // Flow control and business refusals arrive as HTTP 200 with a Code other than OK.
      if (answer !== 'OK') throw smsRefusal('sms.aliyun', answer || 'NoCode')
    },
  }
}

/** 138****0001 */
const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`
/** ****84: enough to match a log line with the code on the login page, not enough to log in with. */
const maskCode = (code: string) => `${'*'.repeat(Math.max(code.length - 2, 0))}${code.slice(-2)}`

/**
 * Development only: logs that a code was sent (phone and code masked, docs/security.md) and lets the
 * login page show the code. It refuses to exist in production, so no code can reach a production log.
 */
export function consoleSmsGateway(log: (line: string) => void, production: boolean): SmsGateway {
  if (production) throw new Error('the console SMS gateway is for development only (SMS_GATEWAY)')
  return {
    echoesCode: true,
    async sendLoginCode(phone, code) {
      log(`[sms] login code for ${maskPhone(phone)}: ${maskCode(code)} (development: the login page shows the code)`)
    },
  }
}

/** The gateway a configuration names. */
export function smsGatewayFor(settings: SmsSettings, production: boolean, log: (line: string) => void): SmsGateway {
  switch (settings.kind) {
    case 'console':
      return consoleSmsGateway(log, production)
    case 'tencent':
      return tencentSmsGateway(settings)
    case 'aliyun':
      return aliyunSmsGateway(settings)
  }
}
