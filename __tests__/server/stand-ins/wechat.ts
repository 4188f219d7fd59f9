/**
 * Stands in for WeChat's server API (api.weixin.qq.com): stable_token, jscode2session and subscribe
 * messages, answering with WeChat's errcodes. Like WeChat, it keeps one valid access_token per app:
 * stable_token returns it until it is force-refreshed, and a call with any other token gets 40001.
 */
import { startStandIn, type StandIn } from './http-stand-in'

export interface WechatStandIn extends StandIn {
  /** stable_token calls, with their force_refresh flag. */
  tokenCalls: { forceRefresh: boolean }[]
  /** Accepted subscribe messages, with the token each carried. */
  sent: { touser: string; template_id: string; token: string }[]
  /** What the next subscribe message to this openid gets instead of success (43101 refused, 45009 quota). */
  refusals: Map<string, number>
  /** WeChat stops accepting the current token (e.g. someone fetched one through /cgi-bin/token elsewhere). */
  invalidateToken(): void
}

export async function startWechatStandIn(app: { appId: string; appSecret: string }, options: { tokenDelayMs?: number } = {}): Promise<WechatStandIn> {
  let current: string | null = null
  let issued = 0
  const tokenCalls: WechatStandIn['tokenCalls'] = []
  const sent: WechatStandIn['sent'] = []
  const refusals = new Map<string, number>()
  const standIn = await startStandIn(async (request) => {
    const json = (body: unknown) => ({ status: 200, body })
    const params = request.method === 'POST' ? (JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>) : {}
    switch (request.url.pathname) {
      case '/cgi-bin/stable_token': {
        if (params.appid !== app.appId) return json({ errcode: 40013, errmsg: 'invalid appid' })
        if (params.secret !== app.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
        tokenCalls.push({ forceRefresh: params.force_refresh === true })
        // Slow enough that concurrent callers overlap, as they would against the real service.
        await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs ?? 200))
        if (!current || params.force_refresh === true) current = `stand-in-token-${++issued}`
        return json({ access_token: current, expires_in: 7200 })
      }
      case '/sns/jscode2session': {
        const code = request.url.searchParams.get('js_code') ?? ''
        if (request.url.searchParams.get('secret') !== app.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
        return code.startsWith('wx-') ? json({ openid: code.slice(3), session_key: `key-${code}` }) : json({ errcode: 40029, errmsg: 'invalid code' })
      }
      case '/cgi-bin/message/subscribe/send': {
        const token = request.url.searchParams.get('access_token') ?? ''
        if (!current || token !== current) return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        const refusal = refusals.get(String(params.touser))
        if (refusal) return json({ errcode: refusal, errmsg: refusal === 43101 ? 'user refuse to accept the msg' : 'reach max api daily quota limit' })
        sent.push({ touser: String(params.touser), template_id: String(params.template_id), token })
        return json({ errcode: 0, errmsg: 'ok' })
      }
      default:
        return { status: 404, body: { errcode: -1, errmsg: 'not found' } }
    }
  })
  return Object.assign(standIn, {
    tokenCalls,
    sent,
    refusals,
    invalidateToken() {
      current = `revoked-${current}`
    },
  })
}
