import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from './clock'
import { canonicalJson } from './canonical-json'
import { sha256Hex, type ServerKeys } from './crypto'
import type { Db } from './db'
import type { Job } from './jobs'
import { conflict, unprocessable } from './errors'

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/
const STALE_PENDING_MS = 60_000
/** How long a stored answer can be replayed; the expiry job deletes older rows. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null
  }
}

/** Fingerprint of the request a key was first used for: method, path with query, canonical body. */
const requestHash = (request: FastifyRequest) => sha256Hex(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)

/** Multipart bodies are streamed by the handler, so there is no body to fingerprint before it runs. */
const isMultipart = (request: FastifyRequest) => (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')

/**
 * A JSON POST carrying `Idempotency-Key` from a signed-in user runs once: a replay of the same request
 * with the same key gets the first answer back, a replay while the first is still running gets 409,
 * the same key with another method, path or body gets 422. The stored answer is sealed with the data
 * key (it may hold personal data) and expires after 24 hours. Business uniqueness constraints in
 * each feature stay the real guarantee; this only makes retries safe and quiet.
 */
export function registerIdempotency(app: FastifyInstance, ctx: { db: Db; clock: Clock; keys: ServerKeys }): void {
  const { db, clock, keys } = ctx
  app.decorateRequest('idempotency', null)

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key']
    if (request.method !== 'POST' || !request.user || typeof header !== 'string' || isMultipart(request)) return
    if (!KEY_PATTERN.test(header)) throw unprocessable('BAD_IDEMPOTENCY_KEY', 'Idempotency-Key 格式不正确')
    const scope = request.user.id
    const now = clock.now()
    const hash = requestHash(request)
    // A pending row whose request died long ago, or an answer past its 24 hours, no longer holds the key.
    await db.query(`delete from idempotency_keys where scope = $1 and key = $2 and ((status_code is null and created_at < $3) or created_at < $4)`, [
      scope,
      header,
      new Date(now.getTime() - STALE_PENDING_MS),
      new Date(now.getTime() - IDEMPOTENCY_TTL_MS),
    ])
    const inserted = await db.query(
      `insert into idempotency_keys (scope, key, route, request_hash, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [scope, header, `${request.method} ${request.routeOptions.url ?? request.url}`, hash, now],
    )
    if (inserted.rowCount === 1) {
      request.idempotency = { scope, key: header }
      return
    }
    const { rows } = await db.query<{ request_hash: string; status_code: number | null; response_sealed: string | null }>(
      'select request_hash, status_code, response_sealed from idempotency_keys where scope = $1 and key = $2',
      [scope, header],
    )
    const previous = rows[0]
    if (!previous) throw conflict('IDEMPOTENCY_RETRY', '请求冲突，请重试')
    if (previous.request_hash !== hash) throw unprocessable('IDEMPOTENCY_KEY_REUSED', '该请求标识已用于内容不同的另一请求，请使用新的请求标识')
    if (previous.status_code === null) throw conflict('REQUEST_IN_PROGRESS', '请求正在处理，请勿重复提交')
    reply.header('idempotent-replayed', 'true')
    const body = previous.response_sealed ? keys.cipher.decrypt(previous.response_sealed) : ''
    return reply.code(previous.status_code).type('application/json; charset=utf-8').send(body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency
    if (!pending) return payload
    request.idempotency = null
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await db.query('delete from idempotency_keys where scope = $1 and key = $2', [pending.scope, pending.key])
    } else {
      await db.query('update idempotency_keys set status_code = $3, response_sealed = $4 where scope = $1 and key = $2', [
        pending.scope,
        pending.key,
        reply.statusCode,
        payload === '' ? null : keys.cipher.encrypt(payload),
      ])
    }
    return payload
  })
}

/** Deletes stored answers older than 24 hours; a conditional delete, so running it twice changes nothing more. */
export const idempotencyExpiryJob: Job = {
  name: 'idempotency-expiry',
  everyMs: 10 * 60_000,
  async run(ctx) {
    await ctx.db.query('delete from idempotency_keys where created_at < $1', [new Date(ctx.clock.now().getTime() - IDEMPOTENCY_TTL_MS)])
  },
}
