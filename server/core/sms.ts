/** Where SMS codes go. Production plugs in a real gateway; development logs that a code was sent. */
export interface SmsGateway {
  /** Whether the code may be echoed back to the client (development convenience, never in production). */
  readonly echoesCode: boolean
  sendLoginCode(phone: string, code: string): Promise<void>
}

/** Gateways this build can talk to. The real Tencent Cloud / Aliyun adapters come with the integrations issue. */
export const SMS_GATEWAY_KINDS = ['console'] as const
export type SmsGatewayKind = (typeof SMS_GATEWAY_KINDS)[number]

/**
 * Reads SMS_GATEWAY (default console). Production refuses to start with the console gateway: it sends
 * no SMS, so real users could not log in, and no real gateway adapter is integrated yet.
 */
export function smsGatewayKind(value: string | undefined, production: boolean): SmsGatewayKind {
  const kind = (value || 'console') as SmsGatewayKind
  if (!SMS_GATEWAY_KINDS.includes(kind))
    throw new Error(`SMS_GATEWAY must be one of: ${SMS_GATEWAY_KINDS.join(', ')} (no real SMS gateway adapter is integrated yet)`)
  if (production && kind === 'console') {
    throw new Error(
      'SMS_GATEWAY: production needs a real SMS gateway (Tencent Cloud or Aliyun SMS); the console gateway sends no SMS ' +
        'and is for development only, and no real gateway adapter is integrated yet',
    )
  }
  return kind
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
export function smsGatewayFor(kind: SmsGatewayKind, production: boolean, log: (line: string) => void): SmsGateway {
  switch (kind) {
    case 'console':
      return consoleSmsGateway(log, production)
  }
}
