import type { AppContext } from '../../core/context'
import { storageFor } from './storage-for'

/** The same test as case_history's guard (migration 120). */
const NEVER_SUBMITTED = `c.status in ('draft', 'expired', 'withdrawn') and c.submitted_at is null and c.first_submitted_at is null`

/**
 * Cases that were never submitted are no administrative record: they go, files included, when their
 * owner's account is deleted or when they pass the draft retention period (modules/privacy). The rows
 * go in one transaction (case_history allows deleting the history of a never-submitted case, migration
 * 120); the stored files are removed after it commits, so a failure leaves an orphan file at worst,
 * never a row without its file.
 */
export async function deleteUnsubmittedCases(ctx: AppContext, which: { userId: string } | { untouchedBefore: Date }): Promise<number> {
  const filter = 'userId' in which ? 'c.user_id = $1' : 'c.updated_at < $1'
  const storageKeys = await ctx.db.tx(async (q) => {
    const { rows: cases } = await q.query<{ id: string }>(`select c.id from cases c where ${filter} and ${NEVER_SUBMITTED} for update`, [
      'userId' in which ? which.userId : which.untouchedBefore,
    ])
    if (!cases.length) return null
    const ids = cases.map((c) => c.id)
    const { rows: files } = await q.query<{ storage_key: string }>('select storage_key from case_files where case_id = any($1::uuid[])', [ids])
    await q.query('delete from case_history where case_id = any($1::uuid[])', [ids])
    await q.query('delete from cases where id = any($1::uuid[])', [ids])
    return { count: ids.length, keys: files.map((f) => f.storage_key) }
  })
  if (!storageKeys) return 0
  const storage = storageFor(ctx)
  for (const key of storageKeys.keys) await storage.delete(key).catch((error) => ctx.log.warn({ err: error, key }, 'could not delete a stored file'))
  return storageKeys.count
}

/** The plain bytes of a stored upload (for the owner's data export); null when the file is missing. */
export async function storedFileBytes(ctx: AppContext, storageKey: string): Promise<Buffer | null> {
  const stored = await storageFor(ctx).get(storageKey)
  if (!stored) return null
  const chunks: Buffer[] = []
  for await (const chunk of stored.stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
