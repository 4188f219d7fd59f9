import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FileKeyWrapper } from '../../core/crypto'
import { decryptingStream, encryptingStream, plainSize, readHeader, rewrapFile } from '../../core/file-crypto'

/** An upload written in full to a private staging area: not visible under any key yet. */
export interface StagedFile {
  path: string
  /** Size and SHA-256 of the plain bytes. */
  size: number
  sha256: string
}

/**
 * Where uploaded files live, addressed only by keys the BFF generates (never by anything the user sent),
 * encrypted at rest (server/core/file-crypto.ts: AES-256-GCM, a per-file key wrapped by the data key).
 * Flow: `stage` the incoming bytes → inspect them (`readStaged`) → commit the database row → `put` (a
 * rename) → on any failure before that, `discard`. A cut-off upload therefore leaves neither a row nor a file.
 */
export interface FileStorage {
  /** Encrypts the incoming bytes into staging; `onChunk` is called for every chunk received. */
  stage(source: Readable, onChunk?: () => void): Promise<StagedFile>
  /** The plain bytes of a staged file, in one buffer of exactly its size (for inspection). */
  readStaged(staged: StagedFile): Promise<Buffer>
  discard(staged: StagedFile): Promise<void>
  put(key: string, staged: StagedFile): Promise<void>
  /** A stream of the plain bytes and their size. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>
  delete(key: string): Promise<void>
  /** Removes staged files older than `olderThanMs` (left by a crash between commit and rename). */
  sweepStaging(olderThanMs: number): Promise<number>
  /**
   * Brings every stored file under the current data key: rewraps keys wrapped by an older key (after a
   * DATA_KEY rotation) and encrypts files stored before encryption at rest.
   */
  rewrapAll(): Promise<Record<'current' | 'rewrapped' | 'sealed' | 'unreadable', number>>
  /** Releases connections (the bucket's client); the local disk holds none. */
  close?(): void
}

/** A pass-through that measures the plain bytes on their way to encryption: size and SHA-256. */
export function plainMeter(onChunk?: () => void): Transform & { measured(): { size: number; sha256: string } } {
  const hash = crypto.createHash('sha256')
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      size += chunk.length
      onChunk?.()
      done(null, chunk)
    },
  })
  return Object.assign(meter, { measured: () => ({ size, sha256: hash.digest('hex') }) })
}

/** Collects a decrypted stream into one buffer of exactly `size` bytes (staged files are inspected whole). */
export async function readExactly(plain: Readable, size: number): Promise<Buffer> {
  const out = Buffer.alloc(size)
  let at = 0
  for await (const chunk of plain) {
    if (at + (chunk as Buffer).length > out.length) throw new Error('staged file larger than recorded')
    at += (chunk as Buffer).copy(out, at)
  }
  if (at !== out.length) throw new Error('staged file shorter than recorded')
  return out
}

export const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export const newStorageKey = () => crypto.randomUUID()

const SWEEP_CLOCK = '.sweep-clock'

/** The local-disk storage: `<root>/<first two key chars>/<key>`, staging in `<root>/.staging` (same disk, so rename is atomic). */
export function localDiskStorage(root: string, wrapper: FileKeyWrapper): FileStorage {
  const stagingDir = path.join(root, '.staging')
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('invalid storage key')
    return path.join(root, key.slice(0, 2), key)
  }
  const removeQuietly = (file: string) => fs.promises.rm(file, { force: true })
  const decrypted = (file: string) => fs.createReadStream(file).pipe(decryptingStream(wrapper))

  return {
    async stage(source, onChunk) {
      await fs.promises.mkdir(stagingDir, { recursive: true })
      const file = path.join(stagingDir, `${crypto.randomUUID()}.part`)
      const meter = plainMeter(onChunk)
      try {
        await pipeline(source, meter, encryptingStream(wrapper), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }))
      } catch (error) {
        await removeQuietly(file)
        throw error
      }
      return { path: file, ...meter.measured() }
    },
    readStaged: (staged) => readExactly(decrypted(staged.path), staged.size),
    discard: (staged) => removeQuietly(staged.path),
    async put(key, staged) {
      const target = pathOf(key)
      await fs.promises.mkdir(path.dirname(target), { recursive: true })
      await fs.promises.rename(staged.path, target)
    },
    async get(key) {
      const file = pathOf(key)
      try {
        const [stat, header] = await Promise.all([fs.promises.stat(file), readHeader(file)])
        return { stream: decrypted(file), size: plainSize(stat.size, header.frameBytes) }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    delete: (key) => removeQuietly(pathOf(key)),
    async sweepStaging(olderThanMs) {
      let removed = 0
      const entries = await fs.promises.readdir(stagingDir).catch(() => [] as string[])
      if (entries.length === 0) return 0
      // Age is judged by the file system's own clock (the mtime of a marker written now), not the process
      // clock: mtimes come from the kernel (or the file server), which the BFF's clock may not match.
      const marker = path.join(stagingDir, SWEEP_CLOCK)
      await fs.promises.writeFile(marker, '')
      const cutoff = (await fs.promises.stat(marker)).mtimeMs - olderThanMs
      for (const entry of entries) {
        if (entry === SWEEP_CLOCK) continue
        const file = path.join(stagingDir, entry)
        const stat = await fs.promises.stat(file).catch(() => null)
        if (stat && stat.mtimeMs < cutoff) {
          await removeQuietly(file)
          removed++
        }
      }
      return removed
    },
    async rewrapAll() {
      const counts = { current: 0, rewrapped: 0, sealed: 0, unreadable: 0 }
      const shards = await fs.promises.readdir(root).catch(() => [] as string[])
      for (const shard of shards.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
        for (const key of await fs.promises.readdir(path.join(root, shard))) {
          if (!KEY.test(key)) continue
          // A file deleted meanwhile is simply gone; one under a key no longer in the ring stays as it is.
          const outcome = await rewrapFile(path.join(root, shard, key), wrapper).catch((error: NodeJS.ErrnoException) =>
            error.code === 'ENOENT' ? null : ('unreadable' as const),
          )
          if (outcome) counts[outcome]++
        }
      }
      return counts
    },
  }
}
