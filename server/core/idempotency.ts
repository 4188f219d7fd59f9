import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from './db'
import { conflict, unprocessable } from './errors'

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/
const STALE_PENDING_MS = 60_000

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null
  }
}

/**
 * A POST carrying `Idempotency-Key` from a signed-in user runs once: a replay with the same key gets
 * the first answer back, a replay while the first is still running gets 409. Business uniqueness
 * constraints in each feature stay the real guarantee; this only makes retries safe and quiet.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', null)

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key']
    if (request.method !== 'POST' || !request.user || typeof header !== 'string') return
    if (!KEY_PATTERN.test(header)) throw unprocessable('BAD_IDEMPOTENCY_KEY', 'Idempotency-Key 格式不正确')
    const scope = request.user.id
    const route = `${request.method} ${request.url}`
    await db.query(`delete from idempotency_keys where scope = $1 and key = $2 and status_code is null and created_at < now() - $3 * interval '1 millisecond'`, [
      scope,
      header,
      STALE_PENDING_MS,
    ])
    const inserted = await db.query(
      `insert into idempotency_keys (scope, key, route) values ($1, $2, $3) on conflict do nothing`,
      [scope, header, route],
    )
    if (inserted.rowCount === 1) {
      request.idempotency = { scope, key: header }
      return
    }
    const { rows } = await db.query<{ route: string; status_code: number | null; response: unknown }>(
      'select route, status_code, response from idempotency_keys where scope = $1 and key = $2',
      [scope, header],
    )
    const previous = rows[0]
    if (!previous) throw conflict('IDEMPOTENCY_RETRY', '请求冲突，请重试')
    if (previous.route !== route) throw unprocessable('IDEMPOTENCY_KEY_REUSED', '该请求标识已用于其他操作')
    if (previous.status_code === null) throw conflict('REQUEST_IN_PROGRESS', '请求正在处理，请勿重复提交')
    reply.header('idempotent-replayed', 'true')
    return reply.code(previous.status_code).type('application/json; charset=utf-8').send(JSON.stringify(previous.response))
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency
    if (!pending) return payload
    request.idempotency = null
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await db.query('delete from idempotency_keys where scope = $1 and key = $2', [pending.scope, pending.key])
    } else {
      await db.query('update idempotency_keys set status_code = $3, response = $4::jsonb where scope = $1 and key = $2', [
        pending.scope,
        pending.key,
        reply.statusCode,
        payload === '' ? 'null' : payload,
      ])
    }
    return payload
  })
}
