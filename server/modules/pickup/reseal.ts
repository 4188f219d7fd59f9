import type { AppContext } from '../../core/context'

const SEALED = ['data_enc', 'signature_png_enc', 'pdf_enc'] as const
const BATCH = 50

/**
 * After a DATA_KEY rotation: re-seals the signed records' content (canonical data, signature PNG, PDF)
 * under the current data key, so the previous key can be retired. Migration 065 lets the append-only
 * guard accept exactly this change; the hashes and the server's signature stay, so /verify still holds.
 * Works in batches (a record holds a PDF); idempotent: values already under the current key are left alone.
 */
export async function resealAuthorizationRecords(ctx: Pick<AppContext, 'db' | 'keys'>): Promise<number> {
  const { cipher } = ctx.keys
  const stale = (column: string) => `split_part(${column}, ':', 1) <> $1`
  let resealed = 0
  for (;;) {
    const { rows } = await ctx.db.query<Record<(typeof SEALED)[number] | 'authorization_id', string>>(
      `select authorization_id, ${SEALED.join(', ')} from authorization_records where ${SEALED.map(stale).join(' or ')} limit ${BATCH}`,
      [cipher.currentKeyId],
    )
    for (const row of rows) {
      const columns = SEALED.filter((column) => row[column].split(':', 1)[0] !== cipher.currentKeyId)
      await ctx.db.query(`update authorization_records set ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} where authorization_id = $1`, [
        row.authorization_id,
        ...columns.map((column) => cipher.encrypt(cipher.decrypt(row[column]))),
      ])
    }
    resealed += rows.length
    if (rows.length < BATCH) return resealed
  }
}
