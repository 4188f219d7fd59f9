import { PassThrough } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { AppError } from './errors'

/**
 * Server-wide deadlines, so no connection can be held open forever (docs/security.md).
 * - connection idle: a socket that sends nothing for this long is closed;
 * - headers: the request line and headers must arrive within this;
 * - request: the whole request, body included. It is sized for the largest upload (10 MB) on a slow
 *   mobile link (≈35 KB/s); JSON bodies are at most 256 KB, so for them it is generous by far.
 * Node checks the request and headers deadlines every `connectionsCheckingInterval`.
 */
export const CONNECTION_IDLE_MS = 60_000
export const HEADERS_TIMEOUT_MS = 20_000
export const REQUEST_TIMEOUT_MS = 5 * 60_000

/** The Fastify constructor options that apply them. */
export const SERVER_TIMEOUTS = {
  connectionTimeout: CONNECTION_IDLE_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 5_000 },
}

/** A JSON body (≤ 256 KB) must arrive within this once its headers have: ≈8.5 KB/s at the limit. */
export const BODY_DEADLINE_MS = 30_000

/**
 * Holds request bodies the framework parses (JSON) to BODY_DEADLINE_MS: a client that trickles or stops
 * sending its body gets 408 `{ code, message }` and the connection is closed. Multipart uploads are read
 * by their handler and stay under the server's whole-request deadline (and the upload watch).
 */
export function registerBodyDeadline(app: FastifyInstance, deadlineMs = BODY_DEADLINE_MS): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    const length = request.headers['content-length']
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
    if (!hasBody || request.raw.complete || request.headers['content-type']?.toLowerCase().startsWith('multipart/')) return payload
    const limited = new PassThrough()
    const timer = setTimeout(() => {
      if (reply.sent) return
      reply.header('connection', 'close')
      limited.destroy(new AppError(408, 'REQUEST_TIMEOUT', '请求超时，请重试'))
    }, deadlineMs)
    timer.unref()
    const done = () => clearTimeout(timer)
    // The framework may answer without reading the body at all (415, 413, an empty body): the deadline ends with
    // the exchange, not only with the body, or it would fire later on a stream nobody listens to.
    payload.on('end', done)
    limited.on('close', done)
    reply.raw.on('close', done)
    request.raw.on('close', done)
    // Once the parser has stopped listening, a late error must not become an uncaught exception.
    limited.on('error', () => undefined)
    payload.on('error', (error) => limited.destroy(error))
    return payload.pipe(limited)
  })
}
