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
