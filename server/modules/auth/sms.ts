/** Where SMS codes go. Production plugs in a real gateway; development logs the code. */
export interface SmsGateway {
  /** Whether the code may be echoed back to the client (development convenience, never in production). */
  readonly echoesCode: boolean
  sendLoginCode(phone: string, code: string): Promise<void>
}

export function consoleSmsGateway(log: (line: string) => void, production: boolean): SmsGateway {
  return {
    echoesCode: !production,
    async sendLoginCode(phone, code) {
      log(`[sms] login code for ${phone.slice(0, 3)}****${phone.slice(7)}: ${code}`)
    },
  }
}
