import type { AppConfig } from '../config'
import { templateEnvName, type SubscribeKind } from '../../src/domain/subscribe-templates'

export interface WechatSession {
  openid: string
  sessionKey: string
  unionid?: string
}

/** The WeChat server APIs the BFF uses; the base URL is configuration so tests run a stand-in server. */
export interface WechatClient {
  codeToSession(code: string): Promise<WechatSession>
  sendSubscribeMessage(input: { openid: string; templateKind: string; data: Record<string, unknown>; page?: string }): Promise<void>
}

export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message)
  }
}

type Fetch = typeof fetch

export function createWechatClient(config: AppConfig['wechat'], fetchImpl: Fetch = fetch): WechatClient {
  let accessToken: { value: string; expiresAt: number } | null = null
  const getJson = async (url: string, init?: RequestInit) => {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(5000) })
    const body = (await response.json()) as Record<string, unknown>
    if (typeof body.errcode === 'number' && body.errcode !== 0) throw new WechatError(body.errcode, String(body.errmsg ?? ''))
    return body
  }
  const token = async () => {
    if (accessToken && accessToken.expiresAt > Date.now()) return accessToken.value
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret })
    const body = await getJson(`${config.apiBase}/cgi-bin/token?${query}`)
    accessToken = { value: String(body.access_token), expiresAt: Date.now() + (Number(body.expires_in ?? 7200) - 300) * 1000 }
    return accessToken.value
  }
  return {
    async codeToSession(code) {
      const query = new URLSearchParams({
        appid: config.appId,
        secret: config.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      })
      const body = await getJson(`${config.apiBase}/sns/jscode2session?${query}`)
      if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') throw new WechatError(-1, 'no openid')
      return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid as string | undefined }
    },
    async sendSubscribeMessage({ openid, templateKind, data, page }) {
      // The kind names the message; WeChat knows it by the id the admin console issued for it.
      const templateId = config.templates[templateKind as SubscribeKind]
      if (!templateId) throw new WechatError(-1, `no template id configured for ${templateKind} (${templateEnvName(templateKind as SubscribeKind)})`)
      const accessTokenValue = await token()
      await getJson(`${config.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessTokenValue)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: openid, template_id: templateId, page, data }),
      })
    },
  }
}
