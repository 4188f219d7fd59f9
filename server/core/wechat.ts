import type { AppConfig } from '../config'
import { templateEnvName, type SubscribeKind } from '../../src/domain/subscribe-templates'
import type { Clock } from './clock'
import type { PersonalDataCipher } from './crypto'
import type { Db, Queryable } from './db'
import { countProviderError } from './provider-errors'

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

/** access_token rejected as invalid or expired: refresh once and retry. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001])
/** A token closer than this to its expiry is refreshed before use, so no call goes out with a token about to lapse. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000

type Fetch = typeof fetch

export interface WechatDeps {
  db: Db
  cipher: PersonalDataCipher
  clock: Clock
  fetchImpl?: Fetch
}

/**
 * WeChat server API client. The access_token lives in the database (wechat_access_tokens), shared by
 * every instance: it is refreshed by one instance at a time under an advisory lock, through
 * `stable_token` (which returns the same token to every caller until it expires, unlike `/cgi-bin/token`,
 * whose every call invalidates the last one). A call WeChat answers with 40001 (token invalid) forces one
 * refresh and is retried once; a refresh another instance already did is used, not repeated.
 */
export function createWechatClient(config: AppConfig['wechat'], deps: WechatDeps): WechatClient {
  const fetchImpl = deps.fetchImpl ?? fetch
  const getJson = async (url: string, init?: RequestInit) => {
    let body: Record<string, unknown>
    try {
      const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(5000) })
      body = (await response.json()) as Record<string, unknown>
    } catch (error) {
      countProviderError('wechat', 'network')
      throw error
    }
    if (typeof body.errcode === 'number' && body.errcode !== 0) {
      countProviderError('wechat', String(body.errcode))
      throw new WechatError(body.errcode, String(body.errmsg ?? ''))
    }
    return body
  }

  const freshToken = async (q: Queryable): Promise<string | null> => {
    const { rows } = await q.query<{ token_sealed: string; expires_at: Date }>('select token_sealed, expires_at from wechat_access_tokens where app_id = $1', [
      config.appId,
    ])
    const row = rows[0]
    return row && row.expires_at.getTime() - deps.clock.now().getTime() > REFRESH_BEFORE_EXPIRY_MS ? deps.cipher.decrypt(row.token_sealed) : null
  }

  /** A token other than `rejected` (null: any fresh one), fetching a new one only if the database has none. */
  const refresh = (rejected: string | null) =>
    deps.db.tx(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`wechat_access_token:${config.appId}`])
      const stored = await freshToken(tx)
      if (stored && stored !== rejected) return stored
      const body = await getJson(`${config.apiBase}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret, force_refresh: rejected !== null }),
      })
      const token = String(body.access_token)
      const now = deps.clock.now()
      await tx.query(
        `insert into wechat_access_tokens (app_id, token_sealed, expires_at, refreshed_at) values ($1, $2, $3, $4)
         on conflict (app_id) do update set token_sealed = excluded.token_sealed, expires_at = excluded.expires_at, refreshed_at = excluded.refreshed_at`,
        [config.appId, deps.cipher.encrypt(token), new Date(now.getTime() + Number(body.expires_in ?? 7200) * 1000), now],
      )
      return token
    })

  const withToken = async (call: (token: string) => Promise<unknown>) => {
    const token = (await freshToken(deps.db)) ?? (await refresh(null))
    try {
      await call(token)
    } catch (error) {
      if (!(error instanceof WechatError && TOKEN_REJECTED.has(error.errcode))) throw error
      await call(await refresh(token))
    }
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
      await withToken((token) =>
        getJson(`${config.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: openid, template_id: templateId, page, data }),
        }),
      )
    },
  }
}
