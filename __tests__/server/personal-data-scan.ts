import type { Db } from '../../server/core/db'

/**
 * The personal-data scan: every base table of the schema read whole, each row in its text form (text,
 * JSON/JSONB as written, arrays, bytea as hex). security-idempotency.test.ts looks for secrets in it;
 * privacy.test.ts checks the export and account deletion against it.
 */
export async function baseTables(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  )
  return rows.map((r) => r.table_name)
}

export const rowTexts = async (db: Db, table: string): Promise<string[]> =>
  (await db.query<{ row: string }>(`select t::text as row from "${table}" t`)).rows.map((r) => r.row)

/** Every way a secret can sit in a row's text form: as is, JSON-escaped (\uXXXX), or as bytea hex. */
export function forms(secret: string): string[] {
  const escape = (hex: (code: number) => string) => secret.replace(/[^\x20-\x7e]/g, (c) => `\\u${hex(c.charCodeAt(0))}`)
  const lower = escape((code) => code.toString(16).padStart(4, '0'))
  const upper = escape((code) => code.toString(16).padStart(4, '0').toUpperCase())
  return [...new Set([secret, lower, upper, Buffer.from(secret, 'utf8').toString('hex')])]
}

/** `table → labels of the secrets found in it`, over every table. */
export async function tablesHolding(db: Db, secrets: Record<string, string>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {}
  for (const table of await baseTables(db)) {
    const dump = (await rowTexts(db, table)).join('\n')
    const labels = Object.entries(secrets)
      .filter(([, secret]) => forms(secret).some((form) => dump.includes(form)))
      .map(([label]) => label)
    if (labels.length) found[table] = labels
  }
  return found
}

/** Every `table.column` with a foreign key to `users`, from the catalogue. */
export async function userReferenceColumns(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ ref: string }>(
    `select c.conrelid::regclass::text || '.' || a.attname as ref
       from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and c.confrelid = 'users'::regclass order by 1`,
  )
  return rows.map((r) => r.ref)
}
