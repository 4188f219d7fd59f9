import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './db'

const MIGRATIONS_DIR = path.join(__dirname, '..', 'db', 'migrations')
// Any constant works; every instance must use the same one so only one migrates at a time.
const MIGRATION_LOCK = 727_001

/**
 * Applies every migration not yet applied, in file-name order, all in one transaction under an advisory
 * lock: a failing migration leaves none of the pending ones applied, and concurrent instances wait for
 * the first to finish and then find nothing left to do.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
  const applied: string[] = []
  await db.tx(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())')
    const done = new Set((await tx.query<{ name: string }>('select name from schema_migrations')).rows.map((row) => row.name))
    for (const file of files) {
      if (done.has(file)) continue
      const sql = fs.readFileSync(path.join(dir, file), 'utf8')
      // Statements run one by one so the script works the same through PGlite and node-postgres.
      for (const statement of splitSql(sql)) await tx.query(statement)
      await tx.query('insert into schema_migrations (name) values ($1)', [file])
      applied.push(file)
    }
  })
  return applied
}

/** Splits on semicolons that end a line, outside dollar-quoted bodies. */
export function splitSql(sql: string): string[] {
  const statements: string[] = []
  let current = ''
  let inDollar = false
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--') && !inDollar) continue
    const dollarCount = (line.match(/\$\$/g) ?? []).length
    if (dollarCount % 2 === 1) inDollar = !inDollar
    current += line + '\n'
    if (!inDollar && line.trimEnd().endsWith(';')) {
      statements.push(current.trim())
      current = ''
    }
  }
  if (current.trim()) statements.push(current.trim())
  return statements
}
