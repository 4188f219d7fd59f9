import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { AppContext } from '../../core/context'
import { decryptingStream, encryptingStream } from '../../core/file-crypto'

/** Prepared exports live under DATA_DIR/exports, encrypted at rest like uploads (core/file-crypto.ts). */
const exportsDir = (ctx: Pick<AppContext, 'config'>) => path.join(ctx.config.dataDir, 'exports')
const fileOf = (ctx: Pick<AppContext, 'config'>, id: string) => path.join(exportsDir(ctx), `${id}.zip`)

export async function writeExportZip(ctx: Pick<AppContext, 'config' | 'keys'>, id: string, zip: Uint8Array): Promise<void> {
  await fs.promises.mkdir(exportsDir(ctx), { recursive: true })
  const file = fileOf(ctx, id)
  const partial = `${file}.part`
  await pipeline(Readable.from([Buffer.from(zip)]), encryptingStream(ctx.keys.files), fs.createWriteStream(partial, { mode: 0o600 }))
  await fs.promises.rename(partial, file)
}

/** A stream of the zip's plain bytes, or null when the file is gone. */
export function readExportZip(ctx: Pick<AppContext, 'config' | 'keys'>, id: string): Readable | null {
  const file = fileOf(ctx, id)
  if (!fs.existsSync(file)) return null
  return fs.createReadStream(file).pipe(decryptingStream(ctx.keys.files))
}

export const deleteExportZip = (ctx: Pick<AppContext, 'config'>, id: string) => fs.promises.rm(fileOf(ctx, id), { force: true })
