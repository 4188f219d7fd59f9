import crypto from 'node:crypto'
import fs from 'node:fs'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { WRAPPED_FILE_KEY_BYTES, type FileKeyWrapper } from './crypto'

/**
 * Files at rest: AES-256-GCM under a random per-file key, in frames so a file of any size streams
 * through a fixed amount of memory.
 *
 *   header  'OTF1' | wrapped file key (68, see FileKeyWrapper) | frame size (u32 BE) | nonce prefix (7)
 *   frames  ciphertext (frame size, the last one shorter) | GCM tag (16)
 *
 * Frame i is sealed with nonce = prefix | i (u32 BE) | last-flag (1 byte) and the fixed part of the header
 * as associated data, so frames cannot be reordered, dropped or truncated unnoticed (the STREAM
 * construction). Only the wrapped key changes on rotation; the frames are copied as they are.
 */
const MAGIC = Buffer.from('OTF1', 'latin1')
export const FRAME_BYTES = 64 * 1024
const TAG_BYTES = 16
const PREFIX_BYTES = 7
const WRAPPED_AT = MAGIC.length
const FRAME_SIZE_AT = WRAPPED_AT + WRAPPED_FILE_KEY_BYTES
const PREFIX_AT = FRAME_SIZE_AT + 4
export const HEADER_BYTES = PREFIX_AT + PREFIX_BYTES

interface Header {
  wrapped: Buffer
  frameBytes: number
  prefix: Buffer
  /** Associated data of every frame: what rotation never changes. */
  aad: Buffer
}

function parseHeader(header: Buffer): Header {
  if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not an encrypted file')
  const frameBytes = header.readUInt32BE(FRAME_SIZE_AT)
  if (frameBytes < 1 || frameBytes > 16 * 1024 * 1024) throw new Error('invalid frame size')
  const prefix = header.subarray(PREFIX_AT, HEADER_BYTES)
  return { wrapped: header.subarray(WRAPPED_AT, FRAME_SIZE_AT), frameBytes, prefix, aad: Buffer.concat([MAGIC, header.subarray(FRAME_SIZE_AT, HEADER_BYTES)]) }
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12)
  prefix.copy(n, 0)
  n.writeUInt32BE(index, PREFIX_BYTES)
  n[11] = last ? 1 : 0
  return n
}

/** Collects incoming chunks and hands out whole frames, keeping the final (possibly short) one for flush. */
class Framer {
  private chunks: Buffer[] = []
  private length = 0
  constructor(private readonly frame: number) {}
  push(chunk: Buffer) {
    this.chunks.push(chunk)
    this.length += chunk.length
  }
  /** The next frame when more than one frame is held (so it is certainly not the last). */
  takeFull(): Buffer | null {
    if (this.length <= this.frame) return null
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length)
    const out = all.subarray(0, this.frame)
    const rest = all.subarray(this.frame)
    this.chunks = rest.length ? [rest] : []
    this.length = rest.length
    return out
  }
  rest(): Buffer {
    const out = Buffer.concat(this.chunks, this.length)
    this.chunks = []
    this.length = 0
    return out
  }
}

/** A transform that encrypts a plain byte stream into the format above under a fresh file key. */
export function encryptingStream(wrapper: FileKeyWrapper, frameBytes = FRAME_BYTES): Transform {
  const fileKey = crypto.randomBytes(32)
  const header = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(header, 0)
  wrapper.wrap(fileKey).copy(header, WRAPPED_AT)
  header.writeUInt32BE(frameBytes, FRAME_SIZE_AT)
  crypto.randomBytes(PREFIX_BYTES).copy(header, PREFIX_AT)
  const { prefix, aad } = parseHeader(header)
  const framer = new Framer(frameBytes)
  let index = 0
  const seal = (plain: Buffer, last: boolean) => {
    const cipher = crypto.createCipheriv('aes-256-gcm', fileKey, nonce(prefix, index++, last)).setAAD(aad)
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  }
  let started = false
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        started = true
        this.push(header)
      }
      framer.push(chunk)
      for (let frame = framer.takeFull(); frame; frame = framer.takeFull()) this.push(seal(frame, false))
      done()
    },
    flush(done: TransformCallback) {
      if (!started) this.push(header)
      this.push(seal(framer.rest(), true))
      fileKey.fill(0)
      done()
    },
  })
}

/** A transform that decrypts the format above; fails on any altered, reordered or missing byte. */
export function decryptingStream(wrapper: FileKeyWrapper): Transform {
  let head: Buffer | null = Buffer.alloc(0)
  let parsed: (Header & { key: Buffer }) | null = null
  let framer: Framer | null = null
  let index = 0
  const open = (sealed: Buffer, last: boolean) => {
    const { key, prefix, aad } = parsed!
    if (sealed.length < TAG_BYTES) throw new Error('truncated encrypted file')
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce(prefix, index++, last)).setAAD(aad)
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
  }
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        if (head) {
          head = Buffer.concat([head, chunk])
          if (head.length < HEADER_BYTES) return done()
          const header = parseHeader(head.subarray(0, HEADER_BYTES))
          parsed = { ...header, key: wrapper.unwrap(header.wrapped) }
          framer = new Framer(header.frameBytes + TAG_BYTES)
          chunk = head.subarray(HEADER_BYTES)
          head = null
        }
        framer!.push(chunk)
        for (let frame = framer!.takeFull(); frame; frame = framer!.takeFull()) this.push(open(frame, false))
        done()
      } catch (error) {
        done(error as Error)
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!parsed) throw new Error('truncated encrypted file')
        this.push(open(framer!.rest(), true))
        parsed.key.fill(0)
        done()
      } catch (error) {
        done(error as Error)
      }
    },
  })
}

/** The plain size of an encrypted file of `storedBytes`, from its frame size. */
export function plainSize(storedBytes: number, frameBytes: number): number {
  const body = storedBytes - HEADER_BYTES
  const frames = Math.max(1, Math.ceil(body / (frameBytes + TAG_BYTES)))
  return body - frames * TAG_BYTES
}

/** Reads the header of an encrypted file (by path, or from an open handle). */
export async function readHeader(file: string | fs.promises.FileHandle): Promise<{ wrapped: Buffer; frameBytes: number; raw: Buffer }> {
  const handle = typeof file === 'string' ? await fs.promises.open(file, 'r') : file
  try {
    const raw = Buffer.alloc(HEADER_BYTES)
    const { bytesRead } = await handle.read(raw, 0, HEADER_BYTES, 0)
    const header = parseHeader(raw.subarray(0, bytesRead))
    return { wrapped: header.wrapped, frameBytes: header.frameBytes, raw }
  } finally {
    if (typeof file === 'string') await handle.close()
  }
}

/**
 * The header of an encrypted file with its file key rewrapped under the current data key, or null when it
 * already is. The frames after the header stay valid as they are: rotation rewrites only these bytes.
 */
export function rewrappedHeader(raw: Buffer, wrapper: FileKeyWrapper): Buffer | null {
  const { wrapped } = parseHeader(raw)
  if (wrapper.keyIdOf(wrapped) === wrapper.currentKeyId) return null
  const fileKey = wrapper.unwrap(wrapped)
  const header = Buffer.from(raw.subarray(0, HEADER_BYTES))
  wrapper.wrap(fileKey).copy(header, WRAPPED_AT)
  fileKey.fill(0)
  return header
}

/** Writes `source` to a temporary file beside `file`, syncs it and renames it over `file`. */
async function replaceFile(file: string, write: (out: fs.WriteStream) => Promise<void>): Promise<void> {
  const temp = `${file}.rewrap-${crypto.randomUUID()}`
  try {
    await write(fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }))
    const handle = await fs.promises.open(temp, 'r+')
    await handle.sync().finally(() => handle.close())
    await fs.promises.rename(temp, file)
  } catch (error) {
    await fs.promises.rm(temp, { force: true })
    throw error
  }
}

async function isEncrypted(handle: fs.promises.FileHandle): Promise<boolean> {
  const magic = Buffer.alloc(MAGIC.length)
  await handle.read(magic, 0, MAGIC.length, 0)
  return magic.equals(MAGIC)
}

/**
 * Brings one stored file under the current data key. A file written before encryption at rest (plain
 * bytes, no header) is encrypted ('sealed'); a file whose key is wrapped by an older data key gets the
 * key rewrapped — the new header and the unchanged frames go to a temporary file that replaces the
 * original by rename, so a crash leaves either the old or the new file ('rewrapped').
 */
export async function rewrapFile(file: string, wrapper: FileKeyWrapper): Promise<'current' | 'rewrapped' | 'sealed'> {
  // One handle for the check and the copy: another instance renaming a new file in meanwhile cannot make
  // this one encrypt an already encrypted file.
  const handle = await fs.promises.open(file, 'r')
  try {
    const source = (start = 0) => handle.createReadStream({ start, autoClose: false })
    if (!(await isEncrypted(handle))) {
      await replaceFile(file, (out) => pipeline(source(), encryptingStream(wrapper), out))
      return 'sealed'
    }
    const header = rewrappedHeader((await readHeader(handle)).raw, wrapper)
    if (!header) return 'current'
    await replaceFile(file, async (out) => {
      out.write(header)
      await pipeline(source(HEADER_BYTES), out)
    })
    return 'rewrapped'
  } finally {
    await handle.close()
  }
}
