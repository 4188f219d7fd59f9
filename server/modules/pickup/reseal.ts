import type { AppContext } from '../../core/context'

/** Append-only tables holding values sealed with the data key: their key column and sealed columns. */
const SEALED_TABLES = [
  // The signed records' content: canonical data, signature PNG, PDF (migration 065).
  { table: 'authorization_records', key: 'authorization_id', columns: ['data_enc', 'signature_png_enc', 'pdf_enc'] },
  // China Post's scan texts (migration 132).
  { table: 'ems_tracking_events', key: 'id', columns: ['description_enc'] },
] as const
const BATCH = 50

/**
 * After a DATA_KEY rotation: re-seals the sealed values of the append-only pickup tables under the current data
 * key, so the previous key can be retired. Their guards (migrations 065, 132) accept exactly this change; the
 * signed records' hashes and the server's signature stay, so /verify still holds. Works in batches (a record
 * holds a PDF); idempotent: values already under the current key are left alone.
 */
export async function resealAuthorizationRecords(ctx: Pick<AppContext, 'db' | 'keys'>): Promise<number> {
  const { cipher } = ctx.keys
  const stale = (column: string) => `split_part(${column}, ':', 1) <> $1`
  let resealed = 0
  for (const { table, key, columns } of SEALED_TABLES) {
    for (;;) {
      const { rows } = await ctx.db.query<Record<string, string>>(
        `select ${key} as key, ${columns.join(', ')} from ${table} where ${columns.map(stale).join(' or ')} limit ${BATCH}`,
        [cipher.currentKeyId],
      )
      for (const row of rows) {
        const changed = columns.filter((column) => row[column].split(':', 1)[0] !== cipher.currentKeyId)
        await ctx.db.query(`update ${table} set ${changed.map((column, i) => `${column} = $${i + 2}`).join(', ')} where ${key} = $1`, [
          row.key,
          ...changed.map((column) => cipher.encrypt(cipher.decrypt(row[column]))),
        ])
      }
      resealed += rows.length
      if (rows.length < BATCH) break
    }
  }
  return resealed
}
