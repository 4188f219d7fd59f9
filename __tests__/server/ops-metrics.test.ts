/**
 * Operations: /metrics in Prometheus format (token on the public port, or an internal listener), load
 * shedding under event-loop pressure, and a production start that names every missing secret.
 */
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/config'
import { startJobs } from '../../server/core/jobs'
import { countProviderError } from '../../server/core/provider-errors'
import { startMetricsListener } from '../../server/metrics'
import { applyRetention } from '../../server/modules/privacy/service'
import { shanghaiDate } from '../../src/domain/time'
import { citizen, startTestServer, type TestServer } from './harness'

jest.setTimeout(120_000)

const TOKEN = 'metrics-token-for-the-test-0123456789'

const scrape = (server: TestServer, authorization?: string) =>
  server.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} })

/** The value of one sample line (`name{labels} value`), or null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const present = (match[2] ?? '').split(',')
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3])
  }
  return null
}

describe('/metrics', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } })
  })
  afterAll(() => server.close())

  it('refuses a scrape without the token or with another one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token-wrong', `Basic ${TOKEN}`]) {
      const reply = await scrape(server, authorization)
      expect(reply.statusCode).toBe(401)
      expect(reply.body).not.toContain('onetrip_')
    }
  })

  it('reports request latency per route, the queue per hall and category, the outbox, jobs and provider errors', async () => {
    const token = await citizen(server)
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200)

    const now = server.clock.now()
    const { rows: users } = await server.db.query<{ id: string }>(`insert into users (wechat_openid) values ('openid-metrics') returning id`)
    const category = (await server.db.query<{ id: string; code: string }>(`select id, code from queue_categories where hall_id = 'tianfu' order by id limit 1`))
      .rows[0]
    const tenMinutesAgo = new Date(now.getTime() - 10 * 60_000)
    await server.db.query(
      `insert into queue_tickets (hall_id, category_id, service_date, number, user_id, source, status, issued_at, checked_in_at, checkin_method, queued_at)
       values ('tianfu', $1, $2, $3, $4, 'remote', 'waiting', $5, $5, 'qr', $5)`,
      [category.id, shanghaiDate(now), `${category.code}901`, users[0].id, tenMinutesAgo],
    )
    const dayAgo = new Date(now.getTime() - 86_400_000)
    await server.db.query(
      `insert into outbox (dedupe_key, user_id, channel, template_kind, payload, created_at, next_attempt_at)
       values ('metrics-1', $1, 'wechat_subscribe', 'queue_called', '{"data":{}}', $2, $2)`,
      [users[0].id, dayAgo],
    )
    countProviderError('sms.tencent', 'LimitExceeded.PhoneNumberDailyLimit')

    let runs = 0
    const stopJobs = startJobs({ ...server.runtime, log: server.app.log }, [
      {
        name: 'metrics-test-failing-job',
        everyMs: 20,
        run: async () => {
          runs++
          throw new Error('fails on purpose')
        },
      },
    ])
    while (runs < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    await stopJobs()

    const reply = await scrape(server, `Bearer ${TOKEN}`)
    expect(reply.statusCode).toBe(200)
    expect(reply.headers['content-type']).toContain('text/plain')
    const text = reply.body
    expect(sample(text, 'onetrip_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/me', status_code: '200' })).toBe(1)
    expect(text).toContain('onetrip_http_request_duration_seconds_bucket{le="0.005"')
    expect(sample(text, 'onetrip_queue_waiting', { hall: 'tianfu', category: category.id })).toBe(1)
    expect(sample(text, 'onetrip_queue_longest_wait_seconds', { hall: 'tianfu', category: category.id })).toBe(600)
    expect(sample(text, 'onetrip_outbox_backlog')).toBe(1)
    expect(sample(text, 'onetrip_outbox_oldest_age_seconds')).toBe(86_400)
    expect(sample(text, 'onetrip_job_failures', { job: 'metrics-test-failing-job' })).toBeGreaterThanOrEqual(2)
    expect(sample(text, 'onetrip_job_lag_seconds', { job: 'metrics-test-failing-job' })).not.toBeNull()
    expect(sample(text, 'onetrip_provider_errors_total', { provider: 'sms.tencent', code: 'LimitExceeded.PhoneNumberDailyLimit' })).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'onetrip_process_resident_memory_bytes')).toBeGreaterThan(0)
  })
})

describe('/metrics: the retention job', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } })
  })
  afterAll(() => server.close())

  it('counts what each sweep deleted, per retention kind, and when it last ran', async () => {
    const before = await scrape(server, `Bearer ${TOKEN}`)
    const counted = (text: string, kind: string) => sample(text, 'onetrip_retention_deleted_total', { kind }) ?? 0
    const now = server.clock.now()
    const longAgo = new Date(now.getTime() - 3 * 86_400_000)
    for (const n of [1, 2, 3]) {
      await server.db.query(`insert into sms_codes (phone_index, code_hash, sent_at, expires_at) values ($1, 'h', $2, $2)`, [`metrics-${n}`, longAgo])
    }
    await applyRetention({ ...server.runtime, log: server.app.log })
    const after = (await scrape(server, `Bearer ${TOKEN}`)).body
    expect(counted(after, 'sms_code') - counted(before.body, 'sms_code')).toBe(3)
    expect(sample(after, 'onetrip_retention_deleted_total', { kind: 'session' })).not.toBeNull()
    expect(sample(after, 'onetrip_retention_last_sweep_timestamp_seconds')).toBeGreaterThan(0)
  })
})

describe('/metrics without a token', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('is not served on the public port at all, only by the internal listener', async () => {
    expect((await scrape(server)).statusCode).toBe(404)
    expect((await scrape(server, `Bearer ${TOKEN}`)).statusCode).toBe(404)

    const internal = await startMetricsListener('127.0.0.1', 0, () => server.app.scrapeMetrics())
    try {
      const base = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`
      const reply = await fetch(`${base}/metrics`)
      expect(reply.status).toBe(200)
      expect(await reply.text()).toContain('# TYPE onetrip_outbox_backlog gauge')
      expect((await fetch(`${base}/api/v1/me`)).status).toBe(404)
    } finally {
      internal.close()
    }
  })
})

describe('load shedding', () => {
  let server: TestServer
  beforeAll(async () => {
    // A 1 ms allowance: a few hundred milliseconds of blocked event loop put the instance under pressure.
    server = await startTestServer({ env: { SHED_EVENT_LOOP_DELAY_MS: '1', SHED_RETRY_AFTER_S: '7' } })
  })
  afterAll(() => server.close())

  const blockEventLoop = (ms: number) => {
    const until = Date.now() + ms
    while (Date.now() < until);
  }

  it('answers 503 with a Chinese message and Retry-After while the event loop stalls, and serves again after', async () => {
    const deadline = Date.now() + 60_000
    let shed = null
    while (!shed && Date.now() < deadline) {
      blockEventLoop(300)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const reply = await server.app.inject({ method: 'GET', url: '/api/v1/halls' })
      if (reply.statusCode === 503) shed = reply
    }
    expect(shed).not.toBeNull()
    expect(shed!.json()).toEqual({ code: 'FST_UNDER_PRESSURE', message: '服务繁忙，请稍后再试' })
    expect(shed!.headers['retry-after']).toBe('7')
    // Liveness is never shed: a busy instance is not a dead one.
    blockEventLoop(300)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)

    let served = false
    while (!served && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      served = (await server.app.inject({ method: 'GET', url: '/api/v1/halls' })).statusCode === 200
    }
    expect(served).toBe(true)
  })
})

describe('a production start', () => {
  it('refuses with every missing secret and every stand-in named at once, in English', () => {
    let message = ''
    try {
      loadConfig({ NODE_ENV: 'production' })
    } catch (error) {
      message = (error as Error).message
    }
    for (const expected of [
      'DATA_KEY must be set in production',
      'BLIND_INDEX_KEY must be set in production',
      'SIGNING_KEY_PEM must be set in production',
      'WECHAT_APP_ID must be set in production',
      'WECHAT_APP_SECRET must be set in production',
      'SMS_GATEWAY',
      'IDENTITY_VERIFIER',
      'EMS_TRACKING',
      'PUBLIC_BASE_URL',
    ]) {
      expect(message).toContain(expected)
    }
  })

  it('names bad operations and storage settings too', () => {
    const refusal = () => loadConfig({ METRICS_TOKEN: 'short', SHED_EVENT_LOOP_DELAY_MS: 'soon', STORAGE: 's3' })
    expect(refusal).toThrow('METRICS_TOKEN must be at least 24 characters')
    expect(refusal).toThrow('SHED_EVENT_LOOP_DELAY_MS must be an integer')
    expect(refusal).toThrow('STORAGE=s3 needs S3_BUCKET')
  })
})
