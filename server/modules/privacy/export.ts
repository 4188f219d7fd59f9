import { strToU8, zipSync } from 'fflate'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { storedFileBytes } from '../review/service'
import { ACTING_USER_COLUMNS, PERSONAL_TABLES } from './registry'
import * as repo from './repository'
import { writeExportZip } from './export-files'

type Row = Record<string, unknown>

const SEALED_SUFFIX = '_enc'
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_')

/**
 * The person's rows of every table in the registry, readable: sealed columns decrypted (and named
 * without `_enc`), the service's own secrets left out, other people's ids (the staff member who acted,
 * the author of an audit entry about the person) withheld. `files` are the plain bytes of uploads, signatures and authorization PDFs, by zip path.
 */
export async function collectPersonalData(ctx: Pick<AppContext, 'keys'>, q: Queryable, userId: string) {
  const tables: Record<string, Row[]> = {}
  const sealedFiles: { path: string; sealed: string }[] = []
  const uploads: { path: string; storageKey: string }[] = []
  for (const entry of PERSONAL_TABLES) {
    const { rows } = await q.query<Row>(`select * from ${entry.table} where ${entry.where}`, [userId])
    tables[entry.table] = rows.map((raw) => {
      const row: Row = {}
      for (const [column, value] of Object.entries(raw)) {
        if (entry.omit?.includes(column)) continue
        if ((column === entry.subjectColumn || ACTING_USER_COLUMNS.includes(`${entry.table}.${column}`)) && value !== userId) row[column] = null
        else if (column.endsWith(SEALED_SUFFIX)) row[column.slice(0, -SEALED_SUFFIX.length)] = typeof value === 'string' ? unseal(ctx, value) : null
        else row[column] = value
      }
      if (entry.table === 'case_files') {
        const file = `files/cases/${raw.case_id}/${raw.id}-${safeName(String(raw.original_name))}`
        uploads.push({ path: file, storageKey: String(raw.storage_key) })
        row.file = file
      }
      if (entry.table === 'authorization_records') {
        const dir = `files/authorizations/${raw.authorization_id}`
        sealedFiles.push(
          { path: `${dir}/signature.png`, sealed: String(raw.signature_png_enc) },
          { path: `${dir}/authorization.pdf`, sealed: String(raw.pdf_enc) },
        )
        row.signatureFile = `${dir}/signature.png`
        row.pdfFile = `${dir}/authorization.pdf`
      }
      return row
    })
  }
  return { tables, sealedFiles, uploads }
}

function unseal(ctx: Pick<AppContext, 'keys'>, sealed: string): unknown {
  try {
    const plain = ctx.keys.cipher.decrypt(sealed)
    return plain.startsWith('{') || plain.startsWith('[') ? JSON.parse(plain) : plain
  } catch {
    return '[无法解密]'
  }
}

/** Builds the zip of one claimed export: `data.json` (every table's rows) plus the files. */
export async function buildExportZip(ctx: AppContext, q: Queryable, exportRow: repo.ExportRow): Promise<Uint8Array> {
  const { tables, sealedFiles, uploads } = await collectPersonalData(ctx, q, exportRow.user_id)
  const entries: Record<string, Uint8Array> = {}
  for (const upload of uploads) {
    const bytes = await storedFileBytes(ctx, upload.storageKey)
    if (bytes) entries[upload.path] = bytes
  }
  for (const file of sealedFiles) entries[file.path] = Buffer.from(ctx.keys.cipher.decrypt(file.sealed), 'base64')
  const document = { generatedAt: ctx.clock.now().toISOString(), userId: exportRow.user_id, tables }
  entries['data.json'] = strToU8(JSON.stringify(document, null, 2))
  return zipSync(entries, { level: 6 })
}

/** Prepares pending exports one by one; a failure marks that export failed and the owner may ask again. */
export async function prepareExports(ctx: AppContext): Promise<number> {
  let prepared = 0
  for (;;) {
    const done = await ctx.db.tx(async (q) => {
      const claimed = await repo.claimPendingExport(q)
      if (!claimed) return null
      const days = (await repo.retentionPolicies(q)).find((p) => p.kind === 'privacy_export')?.retention_days ?? 3
      try {
        const zip = await buildExportZip(ctx, q, claimed)
        await writeExportZip(ctx, claimed.id, zip)
        const readyAt = ctx.clock.now()
        await repo.finishExport(q, claimed.id, { readyAt, expiresAt: new Date(readyAt.getTime() + days * 86_400_000), sizeBytes: zip.length })
      } catch (error) {
        ctx.log.error({ err: error, exportId: claimed.id }, 'privacy export failed')
        await repo.finishExport(q, claimed.id, 'failed')
      }
      return claimed.id
    })
    if (!done) return prepared
    prepared++
  }
}
