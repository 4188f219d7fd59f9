import crypto from 'node:crypto'
import http from 'node:http'
import type { FastifyInstance } from 'fastify'
import metricsPlugin from 'fastify-metrics'
import client from 'prom-client'
import type { AppContext } from './core/context'
import { jobHealth } from './core/jobs'
import { NEVER_SHED } from './core/load-shedding'
import { providerErrorCounts } from './core/provider-errors'
import { retentionTotals } from './modules/privacy/service'
import { queueLoadNow } from './modules/queue/service'

/** Requests, by route: from a few milliseconds (reads) to the upload deadline. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/**
 * Prometheus metrics (fastify-metrics over prom-client). Each app has its own registry (several apps share
 * a test process); metrics that other parts register process-wide (client.register, e.g. provider errors)
 * are merged in at scrape time. The database-backed gauges read the shared PostgreSQL, so every instance
 * reports the same queue and outbox; request latency and job lag are this instance's.
 */
export async function registerMetrics(app: FastifyInstance, ctx: Omit<AppContext, 'log'>): Promise<() => Promise<string>> {
  const registry = new client.Registry()
  await app.register(metricsPlugin, {
    endpoint: null,
    defaultMetrics: { enabled: true, register: registry, prefix: 'onetrip_' },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      routeBlacklist: ['/metrics', '/healthz', '/readyz'],
      overrides: {
        histogram: { name: 'onetrip_http_request_duration_seconds', help: 'BFF request latency by route', buckets: LATENCY_BUCKETS, registers: [registry] },
        summary: { registers: [registry] },
      },
    },
  })

  const gauge = (name: string, help: string, labelNames: string[], collect: (g: client.Gauge) => Promise<void> | void) =>
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset()
        await collect(this)
      },
    })

  const queue = sharedWithinScrape(() => queueLoadNow(ctx))
  gauge('onetrip_queue_waiting', 'Checked-in tickets waiting to be called, per hall and category (today)', ['hall', 'category'], async (g) => {
    for (const row of await queue()) g.set({ hall: row.hall_id, category: row.category_id }, row.waiting)
  })
  gauge('onetrip_queue_longest_wait_seconds', 'How long the first waiting ticket has waited, per hall and category', ['hall', 'category'], async (g) => {
    for (const row of await queue()) g.set({ hall: row.hall_id, category: row.category_id }, row.longest_wait_seconds)
  })

  const outbox = sharedWithinScrape(async () => {
    const { rows } = await ctx.db.query<{ backlog: number; oldest: number }>(
      `select count(*)::int as backlog, coalesce(extract(epoch from ($1::timestamptz - min(created_at))), 0)::float8 as oldest
         from outbox where delivered_at is null and failed_at is null`,
      [ctx.clock.now()],
    )
    return rows[0]
  })
  gauge('onetrip_outbox_backlog', 'WeChat messages waiting to be delivered (neither delivered nor given up)', [], async (g) => g.set((await outbox()).backlog))
  gauge('onetrip_outbox_oldest_age_seconds', 'Age of the oldest undelivered WeChat message', [], async (g) => g.set((await outbox()).oldest))

  gauge('onetrip_job_lag_seconds', 'How far each scheduled job is behind its interval on this instance (0 = on time)', ['job'], (g) => {
    const now = Date.now()
    for (const [job, health] of jobHealth) g.set({ job }, Math.max(0, (now - health.lastOkAt - health.everyMs) / 1000))
  })
  gauge('onetrip_job_failures', 'Failed runs of each scheduled job on this instance since it started', ['job'], (g) => {
    for (const [job, health] of jobHealth) g.set({ job }, health.failures)
  })

  new client.Counter({
    name: 'onetrip_provider_errors_total',
    help: 'Errors external providers answered (or timeouts), per provider and error code, on this instance',
    labelNames: ['provider', 'code'],
    registers: [registry],
    collect() {
      this.reset()
      for (const { provider, code, count } of providerErrorCounts()) this.inc({ provider, code }, count)
    },
  })

  new client.Counter({
    name: 'onetrip_retention_deleted_total',
    help: 'Records the retention job deleted because their retention period had passed, per retention kind, on this instance',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset()
      for (const { kind, count } of retentionTotals().deleted) this.inc({ kind }, count)
    },
  })
  gauge('onetrip_retention_last_sweep_timestamp_seconds', 'When the retention job last finished a sweep on this instance (Unix time)', [], (g) => {
    const at = retentionTotals().lastSweepAt
    if (at) g.set(at.getTime() / 1000)
  })

  return async () => client.Registry.merge([client.register, registry]).metrics()
}

/** One query for the gauges of one scrape (they are collected concurrently), fresh for the next scrape. */
function sharedWithinScrape<T>(load: () => Promise<T>): () => Promise<T> {
  let current: { at: number; value: Promise<T> } | null = null
  return () => {
    if (!current || Date.now() - current.at > 1000) current = { at: Date.now(), value: load() }
    return current.value
  }
}

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest()

/** Whether a request to the public /metrics carries the configured token (constant-time comparison). */
export function metricsTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  return presented !== undefined && crypto.timingSafeEqual(sha256(presented), sha256(token))
}

/** The /metrics route on the public port: only with METRICS_TOKEN configured, and only for its bearer. */
export function registerMetricsRoute(app: FastifyInstance, token: string | null, scrape: () => Promise<string>) {
  app.get('/metrics', { schema: { hide: true }, config: { auth: 'public', ...NEVER_SHED } }, async (request, reply) => {
    if (!token) return reply.code(404).send({ code: 'NOT_FOUND', message: '页面不存在' })
    if (!metricsTokenMatches(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ code: 'UNAUTHORIZED', message: '需要监控令牌' })
    }
    return reply.type(client.register.contentType).send(await scrape())
  })
}

/** An internal listener (METRICS_HOST:METRICS_PORT, loopback by default) that serves /metrics only, with no token. */
export async function startMetricsListener(host: string, port: number, scrape: () => Promise<string>): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') return void response.writeHead(404).end()
    scrape().then(
      (text) => response.writeHead(200, { 'content-type': client.register.contentType }).end(text),
      () => response.writeHead(503).end(),
    )
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()))
  return server
}
