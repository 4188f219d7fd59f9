import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { websocketOrigin } from './http-config'

/** Methods and request headers the app uses, for CORS preflights from `CORS_ORIGINS`. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE']
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key']

/**
 * CSP connect-src of the H5 app the BFF serves: its own origin only. The public origin and its ws(s)
 * twin are named as well, because browsers before CSP 3 do not count ws: as 'self'.
 */
export function connectSources(publicBaseUrl: string): string[] {
  const origin = new URL(publicBaseUrl).origin
  return ["'self'", origin, websocketOrigin(origin)]
}

/** Answers Node's HTTP parser refuses before Fastify sees a request: same `{ code, message }` body as every other error. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', '请求头过大'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', '请求超时，请重试'],
}
const MALFORMED: [number, string, string] = [400, 'BAD_REQUEST', '请求格式不正确']

/** Fastify's `clientErrorHandler`: writes the answer and closes the connection. */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code, message] = (error.code && CLIENT_ERRORS[error.code]) || MALFORMED
  this.log.debug({ err: error }, 'client error')
  if (socket.writable) {
    const body = JSON.stringify({ code, message })
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nCache-Control: no-store\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}

/**
 * Every API answer may carry personal data, a token or a pickup code: no cache (browser, proxy, WebView)
 * may keep it. The static H5 assets keep their own caching.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return
    // A route's own stricter value (e.g. 'private, no-store' on PDFs) stays; anything else becomes no-store.
    if (!/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''))) reply.header('cache-control', 'no-store')
  })
}
