/**
 * Issue 13 #2, #9, #10, #11, #12: proxies are trusted only when configured, absolute URLs come from
 * PUBLIC_BASE_URL, CORS preflights allow the methods and headers the app uses, API answers are never
 * cached, the bearer scheme is case-insensitive, low-level refusals use the { code, message } body,
 * and the CSP lets the page connect to its own origin only.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/config'
import { parsePublicBaseUrl, parseTrustProxy } from '../../server/core/http-config'
import { api, citizen, loginBySms, nextPhone, startTestServer, type TestServer } from './harness'
import { caseWithLicence, clerk, signaturePng } from './pickup-helpers'
import { screenCheckinToken } from './queue-helpers'
import { currentLoginAgreement } from '../../src/domain/legal'

jest.setTimeout(180_000)

const PUBLIC_BASE_URL = 'https://onetrip.example.cn'
const APP_ORIGIN = 'https://app.example.cn'
const CHINESE = /[\u4e00-\u9fff]/

let plain: TestServer
let proxied: TestServer
let h5Dir: string

beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-h5-'))
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>OneTrip</title>')
  fs.writeFileSync(path.join(h5Dir, 'app.js'), 'console.log("onetrip")\n')
  plain = await startTestServer({ env: { RATE_LIMIT: 'on', PUBLIC_BASE_URL, CORS_ORIGINS: APP_ORIGIN, H5_DIR: h5Dir } })
  proxied = await startTestServer({ env: { RATE_LIMIT: 'on', TRUST_PROXY: '127.0.0.1', PUBLIC_BASE_URL } })
}, 180_000)
afterAll(async () => {
  await plain?.close()
  await proxied?.close()
  fs.rmSync(h5Dir, { recursive: true, force: true })
})

/** An SMS send from `remoteAddress` (the TCP peer) claiming to forward for `forwardedFor`. */
const smsSend = (server: TestServer, remoteAddress: string, forwardedFor: string) =>
  server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sms/send',
    remoteAddress,
    payload: { phone: nextPhone() },
    headers: { 'x-forwarded-for': forwardedFor },
  })

const spoofed = (i: number) => `203.0.113.${i + 1}`

describe('proxies (#2)', () => {
  it('rate-limits 15 SMS sends from one peer although each claims another X-Forwarded-For', async () => {
    const answers = []
    for (let i = 0; i < 15; i++) answers.push((await smsSend(plain, '198.51.100.7', spoofed(i))).statusCode)
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(200))
    expect(answers.slice(10)).toEqual(Array(5).fill(429))
  })

  it('uses the forwarded address when TRUST_PROXY names the peer, and only then', async () => {
    const fromTrusted = []
    for (let i = 0; i < 15; i++) fromTrusted.push((await smsSend(proxied, '127.0.0.1', spoofed(100 + i))).statusCode)
    expect(fromTrusted).toEqual(Array(15).fill(200))
    // A peer that is not the configured proxy cannot pick its address through the header.
    const fromStranger = []
    for (let i = 0; i < 12; i++) fromStranger.push((await smsSend(proxied, '198.51.100.9', spoofed(200 + i))).statusCode)
    expect(fromStranger.filter((status) => status === 429)).toHaveLength(2)
  })

  it('builds the hall check-in QR URL from PUBLIC_BASE_URL, whatever Host and X-Forwarded-Host/-Proto say', async () => {
    for (const server of [plain, proxied]) {
      const staff = await loginBySms(server, '13900000001')
      const reply = await api(server, staff).get('/api/v1/staff/halls/tianfu/checkin-code', {
        host: 'evil.example',
        'x-forwarded-host': 'attacker.example',
        'x-forwarded-proto': 'javascript',
      })
      expect(reply.statusCode).toBe(200)
      const { url, token } = reply.json()
      expect(url.startsWith(`${PUBLIC_BASE_URL}/`)).toBe(true)
      expect(url).toContain(encodeURIComponent(token))
      expect(url).not.toMatch(/evil|attacker|javascript/)
    }
    expect(await screenCheckinToken(proxied, await loginBySms(proxied, '13900000002'))).toBeTruthy()
  })

  it('reads TRUST_PROXY as none, a hop count or addresses/CIDRs, and PUBLIC_BASE_URL as an http(s) origin', () => {
    expect(parseTrustProxy(undefined)).toBe(false)
    expect(parseTrustProxy('')).toBe(false)
    expect(parseTrustProxy('2')).toBe(2)
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1,loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'loopback'])
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/)
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/)
    expect(loadConfig({ PORT: '4000' }).publicBaseUrl).toBe('http://localhost:4000')
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(parsePublicBaseUrl('https://onetrip.example.cn/', 3000, true)).toBe('https://onetrip.example.cn')
    expect(parsePublicBaseUrl('https://gov.example.cn/onetrip/', 3000, true)).toBe('https://gov.example.cn/onetrip')
    expect(() => parsePublicBaseUrl('javascript://evil.example/%0aalert(1)', 3000, false)).toThrow(/PUBLIC_BASE_URL/)
    expect(() => parsePublicBaseUrl('http://onetrip.example.cn', 3000, true)).toThrow(/https/)
    expect(() => parsePublicBaseUrl(undefined, 3000, true)).toThrow(/PUBLIC_BASE_URL must be set/)
  })
})

describe('CORS (#9)', () => {
  const preflight = (origin: string, method: string) =>
    plain.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/me/real-name',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    })

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'DELETE'])('allows %s with the headers the app sends from an allowed origin', async (method) => {
    const reply = await preflight(APP_ORIGIN, method)
    expect(reply.statusCode).toBe(204)
    expect(reply.headers['access-control-allow-origin']).toBe(APP_ORIGIN)
    const methods = String(reply.headers['access-control-allow-methods'])
      .split(',')
      .map((m) => m.trim())
    expect(methods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']))
    const headers = String(reply.headers['access-control-allow-headers'])
      .toLowerCase()
      .split(',')
      .map((h) => h.trim())
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']))
  })

  it('gives another origin nothing', async () => {
    const reply = await preflight('https://evil.example', 'PUT')
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('no-store (#10)', () => {
  it('marks /me, the login token, the authorization with its pickup code and errors as not to be stored', async () => {
    const phone = nextPhone()
    const sent = await api(plain).post('/api/v1/auth/sms/send', { phone })
    const login = await api(plain).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: sent.json().devCode })
    expect(login.statusCode).toBe(200)
    const token = await citizen(plain, { name: '公孙策' })
    const caseNumber = await caseWithLicence(plain, token, await clerk(plain))
    const signed = await api(plain, token).post(
      '/api/v1/authorizations',
      { caseNumber, method: 'agent', agent: { name: '展昭', idNumber: '11010519491231002X', phone: '13911112222' }, signaturePng: await signaturePng() },
      { 'idempotency-key': 'no-store-check-0001' },
    )
    expect(signed.statusCode).toBe(201)
    const replayed = await api(plain, token).post('/api/v1/authorizations', {}, { 'idempotency-key': 'no-store-check-0001' })
    const answers = {
      'sms send': sent,
      login,
      me: await api(plain, token).get('/api/v1/me'),
      'sign authorization': signed,
      authorization: await api(plain, token).get(`/api/v1/authorizations/${signed.json().id}`),
      'idempotent replay or refusal': replayed,
      'anonymous 401': await api(plain).get('/api/v1/me'),
      'unknown API path 404': await api(plain).get('/api/v1/nothing-here'),
    }
    expect(answers.authorization.json().pickupCode).toBeTruthy()
    const missing = Object.entries(answers)
      .filter(([, reply]) => reply.headers['cache-control'] !== 'no-store')
      .map(([name, reply]) => `${name}: ${reply.headers['cache-control']}`)
    expect(missing).toEqual([])
  })

  it('leaves the static H5 assets their own caching', async () => {
    const asset = await plain.app.inject({ method: 'GET', url: '/app.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toMatch(/max-age=3600/)
  })
})

describe('bearer and low-level refusals (#11)', () => {
  it('accepts the bearer scheme in any case', async () => {
    const token = await loginBySms(plain)
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const reply = await plain.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `${scheme} ${token}` } })
      expect([scheme, reply.statusCode]).toEqual([scheme, 200])
    }
    const wrongScheme = await plain.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Basic ${token}` } })
    expect(wrongScheme.statusCode).toBe(401)
  })

  const expectErrorBody = (reply: { statusCode: number; headers: Record<string, unknown>; json(): { code: string; message: string } }, status: number) => {
    expect(reply.statusCode).toBe(status)
    const body = reply.json()
    expect(Object.keys(body).sort()).toEqual(['code', 'message'])
    expect(body.message).toMatch(CHINESE)
    expect(reply.headers['cache-control']).toBe('no-store')
  }

  it('answers broken JSON, a wrong content type and an oversized body with { code, message }', async () => {
    const post = (payload: string | Buffer, contentType: string) =>
      plain.app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', remoteAddress: '192.0.2.50', payload, headers: { 'content-type': contentType } })
    expectErrorBody(await post('{"phone": "1380000",', 'application/json'), 400)
    expectErrorBody(await post('phone=13800000000', 'application/x-www-form-urlencoded'), 415)
    expectErrorBody(await post('phone 13800000000', 'text/plain'), 415)
    expectErrorBody(await post(JSON.stringify({ phone: 'x'.repeat(300 * 1024) }), 'application/json'), 413)
  })

  describe('on a listening socket', () => {
    let port: number
    beforeAll(async () => {
      await plain.app.listen({ port: 0, host: '127.0.0.1' })
      port = (plain.app.server.address() as net.AddressInfo).port
    })

    /** Writes raw bytes and collects everything until the server closes the connection. */
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1')
        let answer = ''
        socket.setEncoding('utf8')
        socket.on('data', (chunk) => (answer += chunk))
        socket.on('error', reject)
        socket.on('close', () => resolve(answer))
        socket.end(request)
      })
    const parse = (answer: string) => {
      const [head, body] = answer.split('\r\n\r\n')
      return { status: Number(head.split(' ')[1]), head, body: JSON.parse(body) as { code: string; message: string } }
    }

    it('answers an oversized header block with 431 and { code, message }', async () => {
      const answer = parse(await raw(`GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`))
      expect(answer.status).toBe(431)
      expect(answer.body).toEqual({ code: 'HEADERS_TOO_LARGE', message: '请求头过大' })
      expect(answer.head).toMatch(/content-type: application\/json/i)
    })

    it('answers a request Node cannot parse with 400 and { code, message }', async () => {
      const answer = parse(await raw('GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n'))
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({ code: 'BAD_REQUEST', message: '请求格式不正确' })
      const garbage = parse(await raw('\u0001\u0002 NOT HTTP\r\n\r\n'))
      expect(garbage.status).toBe(400)
      expect(garbage.body.message).toMatch(CHINESE)
    })
  })
})

describe('CSP (#12)', () => {
  it('lets the page connect to its own origin only: no ws: or wss: to any host', async () => {
    const reply = await plain.app.inject({ method: 'GET', url: '/healthz' })
    const csp = String(reply.headers['content-security-policy'])
    const connect = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('connect-src'))!
    expect(connect.split(/\s+/).slice(1)).toEqual(["'self'", PUBLIC_BASE_URL, 'wss://onetrip.example.cn'])
    expect(csp).not.toMatch(/(^|\s)wss?:(\s|;|$)/)
  })
})
