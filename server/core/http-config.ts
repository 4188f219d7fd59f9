import net from 'node:net'

/**
 * Which peers may tell the BFF the client's address (X-Forwarded-For) and the original host and
 * scheme: none by default, so per-IP rate limits key on the socket's address and cannot be spoofed.
 * TRUST_PROXY is a hop count ("1": the nearest proxy) or a comma-separated list of addresses and CIDRs
 * (proxy-addr's names loopback, linklocal and uniquelocal too).
 */
export type TrustProxy = false | number | string[]

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true
  const [address, prefix, ...rest] = entry.split('/')
  const family = net.isIP(address)
  if (!family || rest.length) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim()
  if (text === '' || text === '0') return false
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    if (hops > 10) throw new Error('TRUST_PROXY: a hop count must be between 0 and 10')
    return hops
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const wrong = entries.filter((entry) => !isAddressOrCidr(entry))
  if (wrong.length) throw new Error(`TRUST_PROXY must be a hop count or a list of addresses/CIDRs; not understood: ${wrong.join(', ')}`)
  return entries
}

/**
 * The origin (and optional path prefix) citizens reach the BFF at, from PUBLIC_BASE_URL; every absolute
 * URL the BFF hands out (the hall check-in QR code …) starts with it, never with request headers.
 * Development default: http://localhost:PORT. Production requires it, on https.
 */
export function parsePublicBaseUrl(value: string | undefined, port: number, production: boolean): string {
  if (!value) {
    if (production) throw new Error('PUBLIC_BASE_URL must be set in production (the https address citizens open, e.g. https://onetrip.example.cn)')
    return `http://localhost:${port}`
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error('PUBLIC_BASE_URL must be an absolute http(s) URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('PUBLIC_BASE_URL must be an absolute http(s) URL')
  if (production && url.protocol !== 'https:') throw new Error('PUBLIC_BASE_URL must use https in production')
  if (url.username || url.password || url.search || url.hash) throw new Error('PUBLIC_BASE_URL must not carry credentials, a query or a fragment')
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** ws:// or wss:// for the same host as an http(s) origin: what the H5 app's live updates connect to. */
export const websocketOrigin = (httpOrigin: string) => httpOrigin.replace(/^http/, 'ws')

/** Fastify's `trustProxy` option for a TrustProxy setting (a hop count trusts that many nearest hops). */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust
  return trust
}
