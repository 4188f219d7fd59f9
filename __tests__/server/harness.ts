import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp, type App } from '../../server/app'
import { ManualClock } from '../../server/core/clock'
import { openPostgres, type Db } from '../../server/core/db'
import { openRuntime, seedAll, type Runtime } from '../../server/runtime'
import { idCardCheckChar } from '../../src/domain/id-card'
import { consoleSmsGateway, type SmsGateway } from '../../server/core/sms'
import { WechatError, type WechatClient } from '../../server/core/wechat'
import type { IdentityVerifier } from '../../server/core/identity'
import { TUESDAY_10AM, openStage, seededTemplateFits, testConfig, type TestDatabase } from './template'
import { currentLoginAgreement, LEGAL_DOCUMENTS } from '../../src/domain/legal'

export { TUESDAY_10AM }

/**
 * The server suites run against PGlite by default and against PostgreSQL when TEST_DATABASE_URL is set.
 * Each suite gets its own database (PGlite in memory, or its own PostgreSQL database), copied from the
 * run's migrated and seeded template (see template.ts).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null

export interface TestServer {
  app: App
  runtime: Runtime
  clock: ManualClock
  db: Db
  close(): Promise<void>
}

/** Opens an empty database for one suite: PGlite in memory, or a fresh schema on TEST_DATABASE_URL. */
export async function openTestDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  const { db, drop } = await openStage(TEST_DATABASE_URL, 'empty')
  return { db, drop }
}

export interface TestServerOptions {
  now?: string
  env?: Record<string, string>
  database?: { db: Db; drop(): Promise<void> }
  overrides?: { wechat?: WechatClient; identity?: IdentityVerifier; sms?: SmsGateway }
}

/**
 * The database a server with these options starts on: a copy of the seeded template when seeding
 * would write the same, else of the migrated one (seeded afresh by the server).
 */
async function databaseFor(options: Omit<TestServerOptions, 'database'>): Promise<TestDatabase & { seeded: boolean }> {
  const fits = seededTemplateFits(testConfig(options.env), options.now ?? TUESDAY_10AM)
  const database = await openStage(TEST_DATABASE_URL, fits ? 'seeded' : 'migrated')
  return { ...database, seeded: fits && database.fromTemplate }
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ? { ...options.database, seeded: false } : await databaseFor(options)
  return startOn(database, options)
}

async function startOn(database: { db: Db; drop(): Promise<void>; seeded: boolean }, options: TestServerOptions): Promise<TestServer> {
  const clock = new ManualClock(options.now ?? TUESDAY_10AM)
  const config = testConfig(options.env)
  const runtime = await openRuntime(config, {
    db: database.db,
    clock,
    sms: consoleSmsGateway(() => undefined, false),
    wechat: fakeWechat(),
    ...options.overrides,
  })
  if (!database.seeded) await seedAll(runtime)
  const app = await buildApp(runtime, { logger: false })
  await app.ready()
  return {
    app,
    runtime,
    clock,
    db: database.db,
    async close() {
      await app.close()
      await database.drop()
    },
  }
}

export type Reply = LightMyRequestResponse & { body: string }

/** Shorthand for JSON calls with an optional bearer token. */
export function api(server: TestServer, token?: string) {
  const call = (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    })
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => call('POST', url, payload ?? {}, headers),
    put: (url: string, payload?: unknown) => call('PUT', url, payload ?? {}),
    delete: (url: string) => call('DELETE', url),
  }
}

/**
 * Stands in for WeChat's servers: `wx-<openid>` codes log in as that openid, anything else is the
 * "invalid code" WeChat answers (errcode 40029); subscribe messages are recorded.
 */
export function fakeWechat(): WechatClient & { sent: { openid: string; templateKind: string }[] } {
  const sent: { openid: string; templateKind: string }[] = []
  return {
    sent,
    async codeToSession(code) {
      if (!code.startsWith('wx-')) throw new WechatError(40029, 'invalid code')
      return { openid: code.slice(3), sessionKey: `session-key-${code}` }
    },
    async sendSubscribeMessage({ openid, templateKind }) {
      sent.push({ openid, templateKind })
    },
  }
}

let phoneCounter = 0
/** A unique mainland mobile number per call within a test process. */
export const nextPhone = () => `137${String(process.pid % 10000).padStart(4, '0')}${String(++phoneCounter).padStart(4, '0')}`

/** Logs a new user in by SMS and returns the bearer token. */
export async function loginBySms(server: TestServer, phone = nextPhone()): Promise<string> {
  const sent = await api(server).post('/api/v1/auth/sms/send', { phone })
  if (sent.statusCode !== 200) throw new Error(`sms send failed: ${sent.body}`)
  const login = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: sent.json().devCode })
  if (login.statusCode !== 200) throw new Error(`sms login failed: ${login.body}`)
  return login.json().token
}

let idCounter = 0
/** A fresh valid ID number per call: the sequence varies, and the birth year after every 1,000. */
export function nextIdNumber(birth = '19900101'): string {
  const n = idCounter++
  const year = Number(birth.slice(0, 4)) - Math.floor(n / 1000)
  const first17 = `510107${year}${birth.slice(4)}${String(n % 1000).padStart(3, '0')}`
  return first17 + idCardCheckChar(first17)
}

/** A logged-in user with a verified real name: what most citizen features require. */
export async function citizen(server: TestServer, options: { birth?: string; name?: string } = {}): Promise<string> {
  return bindRealName(server, await loginBySms(server), options)
}

/** Binds a verified real name (with the consent to process the ID number) to a signed-in account; returns its token. */
export async function bindRealName(server: TestServer, token: string, options: { birth?: string; name?: string } = {}): Promise<string> {
  const bound = await api(server, token).put('/api/v1/me/real-name', {
    sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version,
    name: options.name ?? '张三',
    idNumber: nextIdNumber(options.birth),
  })
  if (bound.statusCode !== 200) throw new Error(`real-name failed: ${bound.body}`)
  return token
}

/** Logs in one of the seeded demo staff accounts. */
export const staffLogin = (server: TestServer, phone: string) => loginBySms(server, phone)

/**
 * Several BFF instances sharing one PostgreSQL schema, each with its own connection pool and no shared
 * memory: what a deployment behind a load balancer looks like. Needs TEST_DATABASE_URL.
 */
export async function startTestCluster(count: number, options: Omit<TestServerOptions, 'database'> = {}) {
  if (!TEST_DATABASE_URL) throw new Error('startTestCluster needs TEST_DATABASE_URL')
  const shared = await databaseFor(options)
  const sharedUrl = shared.url as string
  const servers: TestServer[] = [await startOn({ db: shared.db, drop: async () => undefined, seeded: shared.seeded }, options)]
  for (let i = 1; i < count; i++) {
    const db = await openPostgres(sharedUrl, 20)
    // The first instance has seeded the shared database already.
    servers.push(await startOn({ db, drop: () => db.close(), seeded: true }, options))
  }
  return {
    servers,
    async close() {
      for (const server of servers) await server.close()
      await shared.drop()
    },
  }
}

/** Runs the test body only when PostgreSQL is configured, and says so when it is not. */
export const describeWithPostgres = TEST_DATABASE_URL
  ? describe
  : (name: string, body: () => void) =>
      describe(name, () => {
        it.skip('needs PostgreSQL: set TEST_DATABASE_URL (.ci/run always does; npm test fails under CI when this is skipped)', body)
      })
