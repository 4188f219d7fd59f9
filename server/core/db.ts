import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import pg from 'pg'

export interface QueryResult<T> {
  rows: T[]
  rowCount: number
}

/** Anything that runs SQL: the database itself or an open transaction. Repositories take one of these. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** Runs `work` in one transaction; retried on serialization failures and deadlocks. */
  tx<T>(work: (q: Queryable) => Promise<T>): Promise<T>
  /** Runs a multi-statement script (migrations). */
  exec(sql: string): Promise<void>
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

const RETRYABLE = new Set(['40001', '40P01'])
const MAX_ATTEMPTS = 5

async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      const code = (error as { code?: string }).code
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
    }
  }
}

// node-postgres returns int8 (count(*), sums) as strings; PGlite returns numbers. Make both numbers.
pg.types.setTypeParser(20, (value) => Number(value))

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: poolSize })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  })
  const asQueryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params as unknown[])
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 }
    },
  })
  const listeners: pg.Client[] = []
  return {
    kind: 'postgres',
    ...asQueryable(pool),
    tx: (work) =>
      withRetry(async () => {
        const client = await pool.connect()
        try {
          await client.query('begin')
          const result = await work(asQueryable(client))
          await client.query('commit')
          return result
        } catch (error) {
          await client.query('rollback').catch(() => undefined)
          throw error
        } finally {
          client.release()
        }
      }),
    async exec(sql) {
      await pool.query(sql)
    },
    async listen(channel, onMessage) {
      const client = new pg.Client({ connectionString })
      await client.connect()
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '')
      })
      client.on('error', () => undefined)
      await client.query(`listen ${pg.escapeIdentifier(channel)}`)
      listeners.push(client)
      return async () => {
        listeners.splice(listeners.indexOf(client), 1)
        await client.end().catch(() => undefined)
      }
    },
    async close() {
      await Promise.all(listeners.map((client) => client.end().catch(() => undefined)))
      await pool.end()
    },
  }
}

/**
 * The embedded database: one connection in this process, so its own queue serialises every statement.
 * `loadDataDir` starts it from a `dumpDataDir()` tarball instead of an empty cluster (the test template).
 */
export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<Db & { dumpDataDir(): Promise<Blob> }> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const lite = await PGlite.create({ dataDir: dataDir ?? undefined, loadDataDir: options.loadDataDir, extensions: { pg_trgm } })
  const asQueryable = (client: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query<T>(sql, params as unknown[])
      // PGlite reports affectedRows 0 for a SELECT; node-postgres counts the rows returned.
      return { rows: result.rows, rowCount: Math.max(result.rows.length, result.affectedRows ?? 0) }
    },
  })
  return {
    kind: 'pglite',
    ...asQueryable(lite),
    tx: (work) => withRetry(() => lite.transaction((tx) => work(asQueryable(tx)))),
    async exec(sql) {
      await lite.exec(sql)
    },
    async listen(channel, onMessage) {
      return lite.listen(channel, onMessage)
    },
    async close() {
      await lite.close()
    },
    dumpDataDir: () => lite.dumpDataDir('none'),
  }
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(path.join(options.dataDir, 'pglite'))
}
