import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { citizen } from './harness'
import { createCase, startReviewServer, storedFiles, twoPagePdf, upload } from './review-helpers'
import { BODY_DEADLINE_MS, CONNECTION_IDLE_MS, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../server/core/timeouts'

/**
 * Finding 4 of 2026-12: a multipart part whose `filename*` decodes to contain a line break, with a
 * 16–32 KB body, was never answered (busboy skips the part and stops consuming the body). Each such
 * upload now gets 400 within seconds, and the server closes idle, slow and endless requests.
 */
jest.setTimeout(180_000)

type Answer = { status: number | null; body: string; ms: number }

/** Sends a complete multipart upload over a raw socket and waits (up to `waitMs`) for the status line. */
function rawUpload(port: number, token: string, url: string, disposition: string, bodyBytes: number, waitMs = 60_000): Promise<Answer> {
  const boundary = `----onetrip${bodyBytes}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`
  const body = Buffer.concat([Buffer.from(head), Buffer.alloc(bodyBytes, 0x41), Buffer.from(`\r\n--${boundary}--\r\n`)])
  const started = Date.now()
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let got = ''
    const finish = (status: number | null) => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ status, body: got.slice(got.indexOf('\r\n\r\n') + 4), ms: Date.now() - started })
    }
    const timer = setTimeout(() => finish(null), waitMs)
    socket.on('data', (chunk) => {
      got += chunk.toString('utf8')
      const status = /^HTTP\/1\.1 (\d+)/.exec(got)
      const length = /content-length: (\d+)/i.exec(got)
      const bodyAt = got.indexOf('\r\n\r\n')
      if (status && length && bodyAt > 0 && Buffer.byteLength(got.slice(bodyAt + 4)) >= Number(length[1])) finish(Number(status[1]))
    })
    socket.on('error', () => undefined)
    socket.on('close', () => finish(/^HTTP\/1\.1 (\d+)/.exec(got) ? Number(/^HTTP\/1\.1 (\d+)/.exec(got)![1]) : null))
    socket.write(
      `POST ${url} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    socket.write(body)
  })
}

let s: Awaited<ReturnType<typeof startReviewServer>>
let port: number
let token: string
let caseId: string

beforeAll(async () => {
  s = await startReviewServer()
  await s.server.app.listen({ port: 0, host: '127.0.0.1' })
  port = (s.server.app.server.address() as AddressInfo).port
  token = await citizen(s.server)
  caseId = (await createCase(s.server, token)).id
}, 120_000)

afterAll(async () => {
  s.server.app.server.closeAllConnections()
  await s.close()
})

const url = () => `/api/v1/cases/${caseId}/materials/M01/files`

describe('malformed multipart uploads', () => {
  it('answers one upload whose filename* decodes to a line break with 400 within seconds', async () => {
    const answer = await rawUpload(port, token, url(), "filename*=UTF-8''a%0Ab.pdf", 20_000)
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toEqual({ code: 'UPLOAD_MALFORMED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    expect(answer.ms).toBeLessThan(10_000)
  })

  it('answers 50 such uploads in parallel (16–32 KB bodies, CR and LF) with 4xx, each promptly, and stores nothing', async () => {
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rawUpload(port, token, url(), `filename*=UTF-8''evil${i}${i % 2 ? '%0D' : '%0A'}name.pdf`, 16 * 1024 + i * 330)),
    )
    const statuses = answers.map((a) => a.status)
    const slowest = Math.max(...answers.map((a) => a.ms))
    process.stdout.write(`50 malformed uploads: statuses ${[...new Set(statuses)].join(',')}, slowest ${slowest} ms, all in ${Date.now() - started} ms\n`)
    expect(statuses.every((status) => status !== null && status >= 400 && status < 500)).toBe(true)
    expect(slowest).toBeLessThan(20_000)
    expect(storedFiles(s.filesDir).filter((f) => !f.includes('.staging'))).toEqual([])
  })

  it('still accepts a well-formed upload afterwards', async () => {
    const ok = await upload(s.server, token, caseId, 'M01', await twoPagePdf(), 'id.pdf', { contentType: 'application/pdf' })
    expect(ok.statusCode).toBe(201)
  })
})

describe('server deadlines', () => {
  it('sets finite idle, headers and request timeouts on the server for every route', () => {
    const server = s.server.app.server
    expect(server.timeout).toBe(CONNECTION_IDLE_MS)
    expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS)
    expect(server.requestTimeout).toBe(REQUEST_TIMEOUT_MS)
    for (const ms of [server.timeout, server.headersTimeout, server.requestTimeout]) {
      expect(ms).toBeGreaterThan(0)
      expect(ms).toBeLessThanOrEqual(5 * 60_000)
    }
  })

  it('answers a request whose headers never finish, and a JSON body that stops halfway, with 408 after their deadlines', async () => {
    /** Opens a socket, writes `head`, then sends nothing more; resolves with the status and when the server closed. */
    const stall = (head: string) =>
      new Promise<{ status: number | null; body: string; ms: number }>((resolve) => {
        const started = Date.now()
        const socket = net.connect(port, '127.0.0.1')
        let got = ''
        socket.on('data', (chunk) => (got += chunk.toString()))
        socket.on('error', () => undefined)
        socket.on('close', () => {
          const status = /^HTTP\/1\.1 (\d+)/.exec(got)
          resolve({ status: status ? Number(status[1]) : null, body: got.slice(got.indexOf('\r\n\r\n') + 4), ms: Date.now() - started })
        })
        socket.write(head)
      })
    const [headers, body] = await Promise.all([
      stall('GET /api/v1/halls HTTP/1.1\r\nHost: localhost\r\nX-Slow: '),
      stall(
        `POST /api/v1/cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"itemId":`,
      ),
    ])
    expect(headers.status).toBe(408)
    expect(headers.ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 1000)
    expect(headers.ms).toBeLessThan(HEADERS_TIMEOUT_MS + 15_000)
    expect(body.status).toBe(408)
    expect(body.body).toContain('"code":"REQUEST_TIMEOUT"')
    expect(body.ms).toBeGreaterThanOrEqual(BODY_DEADLINE_MS - 1000)
    expect(body.ms).toBeLessThan(BODY_DEADLINE_MS + 10_000)
  })
})
