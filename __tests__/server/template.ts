import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadConfig, type AppConfig } from '../../server/config'
import { ManualClock } from '../../server/core/clock'
import { openPglite, openPostgres, type Db } from '../../server/core/db'
import { migrate } from '../../server/core/migrate'
import { openRuntime, seedAll } from '../../server/runtime'

/**
 * Template databases for the server suites. The jest globalSetup migrates and seeds once per run and
 * keeps the result; each suite then starts from a copy instead of paying initdb, every migration and
 * the seed again:
 * - PGlite: `dumpDataDir()` tarballs in a temporary directory, opened with `loadDataDir`;
 * - PostgreSQL: template databases, copied with `create database … template …`.
 * Three stages are kept: `empty` (a bare cluster, for tests that migrate by hand), `migrated` (for
 * suites whose options change what the seed writes) and `seeded` (everyone else).
 */

/** A Tuesday, 10:00 in Shanghai: the hall is open. The seeded template's clock. */
export const TUESDAY_10AM = '2026-11-24T10:00:00+08:00'

/** Where the test runtime keeps its keys (the seed encrypts with them). */
export const TEST_DATA_DIR = path.join(os.tmpdir(), 'onetrip-test-keys')

export type Stage = 'empty' | 'migrated' | 'seeded'

/** The configuration every test server starts from; `env` overrides it. */
export const testConfig = (env: Record<string, string> = {}): AppConfig => loadConfig({ DATA_DIR: TEST_DATA_DIR, RATE_LIMIT: 'off', H5_DIR: '', ...env })

/**
 * Whether the seeded template holds exactly what seeding would write for these options. The seeds read
 * the database, the keys (from DATA_DIR) and the clock only, so another `now` or another DATA_DIR
 * needs a database seeded afresh.
 */
export function seededTemplateFits(config: AppConfig, now: string): boolean {
  return config.dataDir === TEST_DATA_DIR && new Date(now).getTime() === new Date(TUESDAY_10AM).getTime()
}

/** Set by the globalSetup, read in the jest workers (they inherit the environment). */
const TEMPLATES_ENV = 'ONETRIP_TEST_TEMPLATES'

interface Templates {
  /** PGlite: the directory holding `<stage>.tar`. */
  pgliteDir?: string
  /** PostgreSQL: the template database per stage (empty is served by a fresh schema). */
  postgres?: { url: string; databases: Record<Exclude<Stage, 'empty'>, string> }
}

function templates(): Templates | null {
  const raw = process.env[TEMPLATES_ENV]
  return raw ? (JSON.parse(raw) as Templates) : null
}

export interface TestDatabase {
  db: Db
  /** The connection string of this suite's database (PostgreSQL only). */
  url: string | null
  drop(): Promise<void>
}

/** Migrates and seeds the way a test server does, with the template's clock and keys. */
async function seed(db: Db): Promise<void> {
  const runtime = await openRuntime(testConfig(), { db, clock: new ManualClock(TUESDAY_10AM) })
  await seedAll(runtime)
}

const dbUrl = (url: string, database: string) => {
  const scoped = new URL(url)
  scoped.pathname = `/${database}`
  return scoped.toString()
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Dumps an interrupted run left behind (its teardown never ran); a day old is surely no live run's. */
function removeAbandonedDumps(): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000
  for (const entry of fs.readdirSync(os.tmpdir())) {
    const dir = path.join(os.tmpdir(), entry)
    if (entry.startsWith('onetrip-tpl-') && fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** globalSetup: builds the templates for this jest run (PostgreSQL when `postgresUrl` is given). */
export async function buildTemplates(postgresUrl: string | null): Promise<void> {
  const run = crypto.randomBytes(4).toString('hex')
  const built: Templates = {}
  if (postgresUrl) {
    const databases = { migrated: `onetrip_tpl_${run}_m`, seeded: `onetrip_tpl_${run}_s` }
    built.postgres = { url: postgresUrl, databases }
    process.env[TEMPLATES_ENV] = JSON.stringify(built) // so a failed build is still dropped by the teardown
    await admin(postgresUrl, (client) => client.query(`create database ${databases.migrated}`))
    const migrated = await openPostgres(dbUrl(postgresUrl, databases.migrated), 2)
    await migrate(migrated).finally(() => migrated.close())
    await admin(postgresUrl, (client) => client.query(`create database ${databases.seeded} template ${databases.migrated}`))
    const seeded = await openPostgres(dbUrl(postgresUrl, databases.seeded), 2)
    await seed(seeded).finally(() => seeded.close())
  } else {
    removeAbandonedDumps()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `onetrip-tpl-${run}-`))
    built.pgliteDir = dir
    process.env[TEMPLATES_ENV] = JSON.stringify(built)
    const lite = await openPglite(null)
    try {
      const dump = async (stage: Stage) => fs.writeFileSync(path.join(dir, `${stage}.tar`), Buffer.from(await (await lite.dumpDataDir()).arrayBuffer()))
      await dump('empty')
      await migrate(lite)
      await dump('migrated')
      await seed(lite)
      await dump('seeded')
    } finally {
      await lite.close()
    }
  }
}

/** globalTeardown: removes this run's templates. */
export async function dropTemplates(): Promise<void> {
  const built = templates()
  if (!built) return
  if (built.pgliteDir) fs.rmSync(built.pgliteDir, { recursive: true, force: true })
  const postgres = built.postgres
  if (postgres) {
    await admin(postgres.url, async (client) => {
      for (const database of [postgres.databases.seeded, postgres.databases.migrated]) {
        await client.query(`drop database if exists ${database} with (force)`)
      }
    })
  }
  delete process.env[TEMPLATES_ENV]
}

/** A fresh PostgreSQL schema on `url` (with pg_trgm in public): an empty database for one suite. */
async function freshSchema(url: string): Promise<TestDatabase> {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`
  await admin(url, async (client) => {
    await client.query('create extension if not exists pg_trgm schema public')
    await client.query(`create schema ${schema}`)
  })
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema},public`)
  const db = await openPostgres(scoped.toString(), 20)
  return {
    db,
    url: scoped.toString(),
    async drop() {
      await db.close()
      await admin(url, (client) => client.query(`drop schema ${schema} cascade`))
    },
  }
}

/** A copy of a template database for one suite, dropped (whoever is still connected) by `drop`. */
async function copyOf(url: string, template: string): Promise<TestDatabase> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`
  await admin(url, (client) => client.query(`create database ${name} template ${template}`))
  const scoped = dbUrl(url, name)
  const db = await openPostgres(scoped, 20)
  return {
    db,
    url: scoped,
    async drop() {
      await db.close()
      await admin(url, (client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}

async function pglite(stage: Stage, dir: string | undefined): Promise<TestDatabase> {
  const file = dir ? path.join(dir, `${stage}.tar`) : null
  const db = file && fs.existsSync(file) ? await openPglite(null, { loadDataDir: new Blob([fs.readFileSync(file)]) }) : await openPglite(null)
  return { db, url: null, drop: () => db.close() }
}

/**
 * Opens one suite's database at `stage`. `fromTemplate` says whether it came from a template; when
 * it did not (no globalSetup ran, e.g. a script imports the harness), the caller migrates and seeds.
 */
export async function openStage(postgresUrl: string | null, stage: Stage): Promise<TestDatabase & { fromTemplate: boolean }> {
  const built = templates()
  if (postgresUrl) {
    const postgres = built?.postgres
    if (stage === 'empty' || !postgres || postgres.url !== postgresUrl) return { ...(await freshSchema(postgresUrl)), fromTemplate: stage === 'empty' }
    return { ...(await copyOf(postgresUrl, postgres.databases[stage])), fromTemplate: true }
  }
  const dir = built?.pgliteDir
  const fromTemplate = stage === 'empty' || Boolean(dir && fs.existsSync(path.join(dir, `${stage}.tar`)))
  return { ...(await pglite(stage, dir)), fromTemplate }
}
