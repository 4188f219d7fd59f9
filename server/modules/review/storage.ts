import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** An upload written in full to a private staging area: not visible under any key yet. */
export interface StagedFile {
  path: string
  size: number
  sha256: string
}

/**
 * Where uploaded files live, addressed only by keys the BFF generates (never by anything the user sent).
 * Flow: `stage` the incoming bytes → inspect them → commit the database row → `put` (a rename) →
 * on any failure before that, `discard`. A cut-off upload therefore leaves neither a row nor a file.
 */
export interface FileStorage {
  stage(source: Readable): Promise<StagedFile>
  discard(staged: StagedFile): Promise<void>
  put(key: string, staged: StagedFile): Promise<void>
  get(key: string): Promise<{ stream: Readable; size: number } | null>
  delete(key: string): Promise<void>
  /** Removes staged files older than `olderThanMs` (left by a crash between commit and rename). */
  sweepStaging(olderThanMs: number): Promise<number>
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export const newStorageKey = () => crypto.randomUUID()

/** The local-disk storage: `<root>/<first two key chars>/<key>`, staging in `<root>/.staging` (same disk, so rename is atomic). */
export function localDiskStorage(root: string): FileStorage {
  const stagingDir = path.join(root, '.staging')
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('invalid storage key')
    return path.join(root, key.slice(0, 2), key)
  }
  const removeQuietly = (file: string) => fs.promises.rm(file, { force: true })

  return {
    async stage(source) {
      await fs.promises.mkdir(stagingDir, { recursive: true })
      const file = path.join(stagingDir, `${crypto.randomUUID()}.part`)
      const hash = crypto.createHash('sha256')
      let size = 0
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          size += chunk.length
          done(null, chunk)
        },
      })
      try {
        await pipeline(source, meter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }))
      } catch (error) {
        await removeQuietly(file)
        throw error
      }
      return { path: file, size, sha256: hash.digest('hex') }
    },
    discard: (staged) => removeQuietly(staged.path),
    async put(key, staged) {
      const target = pathOf(key)
      await fs.promises.mkdir(path.dirname(target), { recursive: true })
      await fs.promises.rename(staged.path, target)
    },
    async get(key) {
      const file = pathOf(key)
      try {
        const stat = await fs.promises.stat(file)
        return { stream: fs.createReadStream(file), size: stat.size }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    delete: (key) => removeQuietly(pathOf(key)),
    async sweepStaging(olderThanMs) {
      let removed = 0
      const entries = await fs.promises.readdir(stagingDir).catch(() => [] as string[])
      const cutoff = Date.now() - olderThanMs
      for (const entry of entries) {
        const file = path.join(stagingDir, entry)
        const stat = await fs.promises.stat(file).catch(() => null)
        if (stat && stat.mtimeMs < cutoff) {
          await removeQuietly(file)
          removed++
        }
      }
      return removed
    },
  }
}

const storages = new Map<string, FileStorage>()

/** The storage of a data directory (`${dataDir}/files`). */
export function storageFor(dataDir: string): FileStorage {
  let storage = storages.get(dataDir)
  if (!storage) {
    storage = localDiskStorage(path.join(dataDir, 'files'))
    storages.set(dataDir, storage)
  }
  return storage
}
