import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { api, citizen } from './harness'
import { clearPhoto, createCase, startReviewServer, storedFiles, twoPagePdf, upload } from './review-helpers'
import { createFileKeyWrapper, keyId, type KeyRing } from '../../server/core/crypto'
import { FRAME_BYTES, encryptingStream } from '../../server/core/file-crypto'
import { localDiskStorage, newStorageKey } from '../../server/modules/review/storage'
import { loadServerKeys } from '../../server/core/crypto'
import { resealAuthorizationRecords } from '../../server/modules/pickup/reseal'
import { caseWithLicence, EMS_ADDRESS, signaturePng, TIANFU_CLERK } from './pickup-helpers'
import { staffLogin } from './harness'

/** Finding 7 of 2026-12: uploaded files were stored in plain form under DATA_DIR/files. */
jest.setTimeout(180_000)

const RUN = 16

/** Whether `stored` contains any RUN-byte run of `original` (every offset of the original is tried). */
function sharesRun(stored: Buffer, original: Buffer): boolean {
  const runs = new Set<string>()
  for (let i = 0; i + RUN <= stored.length; i++) runs.add(stored.toString('latin1', i, i + RUN))
  for (let i = 0; i + RUN <= original.length; i++) if (runs.has(original.toString('latin1', i, i + RUN))) return true
  return false
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')
const ring = (current: Buffer, ...previous: Buffer[]): KeyRing => ({
  current: { id: keyId(current), key: current },
  previous: previous.map((key) => ({ id: keyId(key), key })),
})
const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('uploads on disk', () => {
  let s: Awaited<ReturnType<typeof startReviewServer>>
  let token: string
  beforeAll(async () => {
    s = await startReviewServer()
    token = await citizen(s.server)
  }, 120_000)
  afterAll(() => s.close())

  it('stores neither the original bytes nor any 16-byte run of them, and the download is the exact original', async () => {
    const created = await createCase(s.server, token)
    const pdf = await twoPagePdf()
    const photo = await clearPhoto()
    const a = await upload(s.server, token, created.id, 'M01', pdf, 'id.pdf', { contentType: 'application/pdf' })
    const b = await upload(s.server, token, created.id, 'M02', photo, 'photo.jpg')
    expect([a.statusCode, b.statusCode]).toEqual([201, 201])
    const onDisk = storedFiles(s.filesDir)
    expect(onDisk).toHaveLength(2)
    for (const file of onDisk) {
      const stored = fs.readFileSync(file)
      expect(stored.subarray(0, 4).toString()).toBe('OTF1')
      expect(sharesRun(stored, pdf)).toBe(false)
      expect(sharesRun(stored, photo)).toBe(false)
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600')
    }
    for (const [reply, original] of [
      [a, pdf],
      [b, photo],
    ] as const) {
      const download = await api(s.server, token).get(`/api/v1/cases/${created.id}/files/${reply.json().file.id}`)
      expect(download.statusCode).toBe(200)
      expect(Number(download.headers['content-length'])).toBe(original.length)
      expect(sha(download.rawPayload)).toBe(sha(original))
    }
  })

  it('refuses to serve a stored file whose bytes were altered on disk', async () => {
    const created = await createCase(s.server, token)
    const pdf = await twoPagePdf()
    const reply = await upload(s.server, token, created.id, 'M01', pdf, 'id.pdf', { contentType: 'application/pdf' })
    const key = (await s.server.db.query<{ storage_key: string }>('select storage_key from case_files where id = $1', [reply.json().file.id])).rows[0]
      .storage_key
    const file = path.join(s.filesDir, key.slice(0, 2), key)
    const bytes = fs.readFileSync(file)
    bytes[bytes.length - 40] ^= 0x01
    fs.writeFileSync(file, bytes)
    const download = await api(s.server, token).get(`/api/v1/cases/${created.id}/files/${reply.json().file.id}`)
    expect(download.rawPayload.equals(pdf)).toBe(false)
  })
})

describe('the storage streams and rotates', () => {
  const root = () => fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-files-'))
  const keyA = crypto.randomBytes(32)
  const keyB = crypto.randomBytes(32)

  it('encrypts in frames as the bytes arrive: 20 chunks in, 19 frames out before the stream ends', async () => {
    const stream = encryptingStream(createFileKeyWrapper(ring(keyA)))
    let out = 0
    stream.on('data', (chunk: Buffer) => (out += chunk.length))
    for (let i = 0; i < 20; i++) stream.write(crypto.randomBytes(FRAME_BYTES))
    await new Promise((resolve) => setImmediate(resolve))
    expect(out).toBeGreaterThanOrEqual(19 * FRAME_BYTES)
    stream.end()
  })

  it('round-trips a 10 MB file through staging, put and get, hashing the plain bytes', async () => {
    const dir = root()
    const storage = localDiskStorage(dir, createFileKeyWrapper(ring(keyA)))
    const hash = crypto.createHash('sha256')
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 160; i++) {
          const chunk = crypto.randomBytes(64 * 1024)
          hash.update(chunk)
          yield chunk
        }
      })(),
    )
    const staged = await storage.stage(source)
    expect(staged.size).toBe(10 * 1024 * 1024)
    expect(staged.sha256).toBe(hash.digest('hex'))
    const key = newStorageKey()
    await storage.put(key, staged)
    const stored = await storage.get(key)
    expect(stored!.size).toBe(10 * 1024 * 1024)
    expect(sha(await readAll(stored!.stream))).toBe(staged.sha256)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('reads a file stored under the previous key after rotation, rewraps it, and still reads it once the old key is retired', async () => {
    const dir = root()
    const original = crypto.randomBytes(300_000)
    const before = localDiskStorage(dir, createFileKeyWrapper(ring(keyA)))
    const key = newStorageKey()
    await before.put(key, await before.stage(Readable.from([original])))
    const file = path.join(dir, key.slice(0, 2), key)
    const framesBefore = fs.readFileSync(file).subarray(83)

    const rotated = localDiskStorage(dir, createFileKeyWrapper(ring(keyB, keyA)))
    expect((await readAll((await rotated.get(key))!.stream)).equals(original)).toBe(true)
    expect(await rotated.rewrapAll()).toEqual({ current: 0, rewrapped: 1, sealed: 0, unreadable: 0 })
    expect(await rotated.rewrapAll()).toEqual({ current: 1, rewrapped: 0, sealed: 0, unreadable: 0 })
    // Only the wrapped key changed: the frames were copied as they were.
    expect(fs.readFileSync(file).subarray(83).equals(framesBefore)).toBe(true)

    const retired = localDiskStorage(dir, createFileKeyWrapper(ring(keyB)))
    expect((await readAll((await retired.get(key))!.stream)).equals(original)).toBe(true)
    // Without the rewrap, retiring the old key would have made it unreadable.
    const stranger = localDiskStorage(dir, createFileKeyWrapper(ring(crypto.randomBytes(32))))
    await expect(readAll((await stranger.get(key))!.stream)).rejects.toThrow()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('encrypts a file stored in plain form before encryption at rest', async () => {
    const dir = root()
    const original = await twoPagePdf()
    const key = newStorageKey()
    fs.mkdirSync(path.join(dir, key.slice(0, 2)), { recursive: true })
    fs.writeFileSync(path.join(dir, key.slice(0, 2), key), original)
    const storage = localDiskStorage(dir, createFileKeyWrapper(ring(keyA)))
    expect(await storage.rewrapAll()).toEqual({ current: 0, rewrapped: 0, sealed: 1, unreadable: 0 })
    expect(sharesRun(fs.readFileSync(path.join(dir, key.slice(0, 2), key)), original)).toBe(false)
    expect((await readAll((await storage.get(key))!.stream)).equals(original)).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('signatures and authorization PDFs', () => {
  it('are sealed in the database, re-sealed under the new data key after a rotation, and still verify once the old key is retired', async () => {
    const s = await startReviewServer()
    try {
      const { server } = s
      const token = await citizen(server)
      const caseNumber = await caseWithLicence(server, token, await staffLogin(server, TIANFU_CLERK))
      const signature = await signaturePng()
      const signed = await api(server, token).post('/api/v1/authorizations', {
        caseNumber,
        method: 'ems',
        address: { ...EMS_ADDRESS, remember: false },
        signaturePng: signature,
      })
      expect(signed.statusCode).toBe(201)
      const id = signed.json().id as string
      const pdf = (await api(server, token).get(`/api/v1/authorizations/${id}/pdf`)).rawPayload
      const row = async () =>
        (
          await server.db.query<{ data_enc: string; signature_png_enc: string; pdf_enc: string }>(
            'select data_enc, signature_png_enc, pdf_enc from authorization_records where authorization_id = $1',
            [id],
          )
        ).rows[0]
      const stored = await row()
      const dump = JSON.stringify(stored)
      expect(dump).not.toContain(pdf.toString('base64').slice(0, 64))
      expect(dump).not.toContain(signature.slice(100, 164))
      expect(sharesRun(Buffer.from(dump, 'latin1'), pdf)).toBe(false)

      // Rotation: a new DATA_KEY, the old one in DATA_KEY_PREVIOUS.
      const keysDir = path.join(s.dataDir, 'keys')
      const oldKey = fs.readFileSync(path.join(keysDir, 'data.key'), 'utf8').trim()
      const newKey = crypto.randomBytes(32).toString('base64')
      const indexKey = fs.readFileSync(path.join(keysDir, 'blind-index.key'), 'utf8').trim()
      const rotated = loadServerKeys({ dataDir: s.dataDir, env: { DATA_KEY: newKey, DATA_KEY_PREVIOUS: oldKey, BLIND_INDEX_KEY: indexKey } })
      server.runtime.keys.cipher = rotated.cipher
      expect(await resealAuthorizationRecords(server.runtime)).toBe(1)
      expect(await resealAuthorizationRecords(server.runtime)).toBe(0)
      const resealed = await row()
      for (const column of ['data_enc', 'signature_png_enc', 'pdf_enc'] as const) {
        expect(resealed[column].split(':')[0]).toBe(rotated.cipher.currentKeyId)
        expect(resealed[column].split(':')[0]).not.toBe(stored[column].split(':')[0])
      }

      // The old key retired: the PDF and the verification still work.
      server.runtime.keys.cipher = loadServerKeys({ dataDir: s.dataDir, env: { DATA_KEY: newKey, BLIND_INDEX_KEY: indexKey } }).cipher
      expect((await api(server, token).get(`/api/v1/authorizations/${id}/pdf`)).rawPayload.equals(pdf)).toBe(true)
      expect((await api(server, token).get(`/api/v1/authorizations/${id}/verify`)).json().intact).toBe(true)

      // The guard allows re-sealing only: not new content under the same key, not a changed hash, no delete.
      const same = server.runtime.keys.cipher.encrypt(Buffer.from('forged').toString('base64'))
      await expect(server.db.query('update authorization_records set pdf_enc = $2 where authorization_id = $1', [id, same])).rejects.toThrow(/append-only/)
      await expect(server.db.query(`update authorization_records set pdf_sha256 = 'x' where authorization_id = $1`, [id])).rejects.toThrow(/append-only/)
      await expect(server.db.query('delete from authorization_records where authorization_id = $1', [id])).rejects.toThrow(/append-only/)
    } finally {
      await s.close()
    }
  })
})
