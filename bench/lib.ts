import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'
import { clockFrom } from '../server/core/clock'
import { consoleSmsGateway } from '../server/core/sms'
import { openRuntime, seedAll, type Runtime } from '../server/runtime'
import { currentLoginAgreement, LEGAL_DOCUMENTS } from '../src/domain/legal'

/** A Tuesday morning, so opening-hours rules let the load through whatever the hour. */
export const BENCH_CLOCK_START = '2026-11-24T09:00:00+08:00'

export interface BenchServer {
  baseUrl: string
  runtime: Runtime
  database: 'pglite' | 'postgres'
  close(): Promise<void>
}

/**
 * The BFF as deployed (logging at warn, rate limits off) on a fresh PGlite data directory, or on a fresh
 * schema of BENCH_DATABASE_URL when given, listening on a loopback port.
 */
export async function startBenchServer(options: { databaseUrl?: string | null } = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-bench-'))
  let databaseUrl = options.databaseUrl ?? null
  let dropSchema: (() => Promise<void>) | null = null
  if (databaseUrl) {
    const pg = (await import('pg')).default
    const schema = `bench_${Date.now().toString(36)}`
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    await admin.query('create extension if not exists pg_trgm schema public')
    await admin.query(`create schema ${schema}`)
    await admin.end()
    const scoped = new URL(databaseUrl)
    scoped.searchParams.set('options', `-c search_path=${schema},public`)
    const adminUrl = databaseUrl
    databaseUrl = scoped.toString()
    dropSchema = async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      await cleanup.query(`drop schema ${schema} cascade`)
      await cleanup.end()
    }
  }
  const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT: 'off', H5_DIR: '', LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) })
  const runtime = await openRuntime(config, { clock: clockFrom(BENCH_CLOCK_START), sms: consoleSmsGateway(() => undefined, false) })
  await seedAll(runtime)
  const app = await buildApp(runtime, { logger: { level: 'warn' } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    runtime,
    database: runtime.db.kind,
    async close() {
      await app.close()
      await runtime.db.close()
      await dropSchema?.()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface LoadResult {
  name: string
  connections: number
  durationSeconds: number
  requests: number
  throughputRps: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  errors: number
  non2xx: number
}

/** One autocannon run; `requests` may vary bodies/headers per request (see autocannon's `requests` option). */
export async function load(name: string, options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ ...options })
  return {
    name,
    connections: options.connections ?? 10,
    durationSeconds: result.duration,
    requests: result.requests.total,
    throughputRps: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p95: (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

/** The BFF's own ceiling on this machine: GET /healthz, measured in the same run as a feature's load. */
export const healthBaseline = (baseUrl: string, connections: number, duration = 5) =>
  load(`GET /healthz (${connections} connections)`, { url: `${baseUrl}/healthz`, connections, duration })

/** Logs users in through the API (SMS dev code) and binds real names; returns their bearer tokens. */
export async function makeCitizens(baseUrl: string, count: number, firstPhone = 15000000000): Promise<string[]> {
  const { idCardCheckChar } = await import('../src/domain/id-card')
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const phone = String(firstPhone + i)
    const post = (url: string, body: unknown, token?: string) =>
      fetch(baseUrl + url, {
        method: url.endsWith('real-name') ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, string>>)
    const sent = await post('/api/v1/auth/sms/send', { phone })
    const { token } = await post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: sent.devCode })
    const first17 = `510107${1950 + (Math.floor(i / 1000) % 50)}0101${String(i % 1000).padStart(3, '0')}`
    await post(
      '/api/v1/me/real-name',
      { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '测试', idNumber: first17 + idCardCheckChar(first17) },
      token,
    )
    tokens.push(token)
  }
  return tokens
}
