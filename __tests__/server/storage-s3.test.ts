/**
 * Uploaded files in an S3-compatible bucket (STORAGE=s3) against a local S3 server: encrypted before they
 * leave the BFF, streamed, staged and committed like on disk, readable from another instance, and a bucket
 * that is missing, refuses our keys or does not answer gives the citizen a 503 in Chinese and leaves no row.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { createFileKeyWrapper, keyId } from '../../server/core/crypto'
import { storageConfigFrom } from '../../server/core/storage-config'
import { s3Storage } from '../../server/modules/review/s3-storage'
import { S3_BUCKET, startS3StandIn, startSilentEndpoint } from '../support/s3-stand-in'
import { citizen, describeWithPostgres, startTestCluster, startTestServer, type TestServer } from './harness'
import { clearPhoto, createCase, startReviewServer, storedFiles, upload } from './review-helpers'

jest.setTimeout(120_000)

let s3: Awaited<ReturnType<typeof startS3StandIn>>
let client: S3Client

beforeAll(async () => {
  s3 = await startS3StandIn()
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'ap-guangzhou',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
})
afterAll(async () => {
  client.destroy()
  await s3.close()
})

async function objectKeys(prefix: string): Promise<string[]> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: S3_BUCKET, Prefix: prefix }))
  return (listed.Contents ?? []).map((object) => object.Key!).filter((key) => !key.endsWith('.sweep-clock'))
}

async function objectBytes(key: string): Promise<Buffer> {
  const answer = await client.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: key }))
  return Buffer.from(await answer.Body!.transformToByteArray())
}

const download = (server: TestServer, token: string, caseId: string, fileId: string) =>
  server.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/files/${fileId}`, headers: { authorization: `Bearer ${token}` } })

const fileRows = async (server: TestServer, caseId: string) =>
  (await server.db.query<{ n: number }>('select count(*)::int as n from case_files where case_id = $1', [caseId])).rows[0].n

describe('files in an S3-compatible bucket', () => {
  it('stores an upload encrypted in the bucket, not on disk, and serves the same bytes back', async () => {
    const review = await startReviewServer({ env: s3.env() })
    try {
      const { server } = review
      const token = await citizen(server)
      const { id } = await createCase(server, token)
      const photo = await clearPhoto()
      const uploaded = await upload(server, token, id, 'M04', photo)
      expect(uploaded.statusCode).toBe(201)

      const stored = await objectKeys('files/')
      expect(stored).toHaveLength(1)
      const raw = await objectBytes(stored[0])
      expect(raw.subarray(0, 4).toString('latin1')).toBe('OTF1')
      expect(raw.includes(photo.subarray(100, 164))).toBe(false)
      // Committed: nothing left in staging, nothing on this machine's disk.
      expect(await objectKeys('staging/')).toEqual([])
      expect(storedFiles(review.filesDir)).toEqual([])

      const back = await download(server, token, id, uploaded.json().file.id)
      expect(back.statusCode).toBe(200)
      expect(Number(back.headers['content-length'])).toBe(photo.length)
      expect(back.rawPayload.equals(photo)).toBe(true)

      expect(
        (
          await server.app.inject({
            method: 'DELETE',
            url: `/api/v1/cases/${id}/files/${uploaded.json().file.id}`,
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      ).toBe(200)
      expect(await objectKeys(`files/${stored[0].split('/')[1]}/`)).not.toContain(stored[0])
    } finally {
      await review.close()
    }
  })

  it('streams a file larger than one multipart part and sweeps staged objects a crash left behind', async () => {
    const key = crypto.randomBytes(32)
    const storage = s3Storage(
      storageConfigFrom(s3.env()) as Extract<ReturnType<typeof storageConfigFrom>, { kind: 's3' }>,
      createFileKeyWrapper({ current: { id: keyId(key), key }, previous: [] }),
    )
    // 12 MiB in 64 KiB chunks: three multipart parts.
    const chunk = crypto.randomBytes(64 * 1024)
    const plain = crypto.createHash('sha256')
    for (let i = 0; i < 192; i++) plain.update(chunk)
    const staged = await storage.stage(
      Readable.from(
        (function* () {
          for (let i = 0; i < 192; i++) yield chunk
        })(),
      ),
    )
    expect(staged.size).toBe(192 * chunk.length)
    expect(staged.sha256).toBe(plain.digest('hex'))
    const fileKey = crypto.randomUUID()
    await storage.put(fileKey, staged)
    const got = await storage.get(fileKey)
    expect(got!.size).toBe(staged.size)
    const back = crypto.createHash('sha256')
    for await (const part of got!.stream) back.update(part as Buffer)
    expect(back.digest('hex')).toBe(staged.sha256)
    expect(await storage.get(crypto.randomUUID())).toBeNull()

    // A staged object whose row never came: kept while fresh, swept once older than the limit (by the bucket's clock).
    const abandoned = await storage.stage(Readable.from([Buffer.from('left behind by a crash')]))
    expect(await storage.sweepStaging(60 * 60_000)).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect(await storage.sweepStaging(1000)).toBe(1)
    expect(await objectKeys('staging/')).not.toContain(abandoned.path)
    await storage.delete(fileKey)
    storage.close?.()
  })

  describe('when the bucket fails, the citizen is told to retry later and no row is left', () => {
    const refused = async (env: Record<string, string>) => {
      const server = await startTestServer({ env })
      try {
        const token = await citizen(server)
        const { id } = await createCase(server, token)
        const reply = await upload(server, token, id, 'M04', await clearPhoto())
        expect(reply.statusCode).toBe(503)
        expect(reply.json()).toEqual({ code: 'STORAGE_UNAVAILABLE', message: '文件存储服务暂不可用，请稍后再试' })
        expect(await fileRows(server, id)).toBe(0)
        const counters = await server.db.query<{ file_count: number }>(`select file_count from case_materials where case_id = $1 and material_code = 'M04'`, [
          id,
        ])
        expect(counters.rows[0].file_count).toBe(0)
        expect(await objectKeys('staging/')).toEqual([])
      } finally {
        await server.close()
      }
    }

    it('a missing bucket', () => refused(s3.env({ S3_BUCKET: 'no-such-bucket' })))
    it('credentials the bucket rejects', () => refused(s3.env({ S3_ACCESS_KEY_ID: 'REVOKED-KEY' })))
    it('a bucket that does not answer within S3_TIMEOUT_MS', async () => {
      const silent = await startSilentEndpoint()
      try {
        await refused(s3.env({ S3_ENDPOINT: silent.endpoint, S3_TIMEOUT_MS: '500' }))
      } finally {
        await silent.close()
      }
    })
  })

  it('refuses an incomplete S3 configuration, naming every missing setting', () => {
    expect(() => storageConfigFrom({ STORAGE: 's3', S3_BUCKET: 'b' })).toThrow('STORAGE=s3 needs S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY')
    expect(() => storageConfigFrom({ STORAGE: 'ftp' })).toThrow('STORAGE must be local or s3')
  })
})

describeWithPostgres('two instances sharing one bucket and one PostgreSQL', () => {
  it('reads through instance B a file uploaded through instance A', async () => {
    // The instances share their keys (a data directory here, DATA_KEY in production) but no file on disk.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-s3-cluster-'))
    const cluster = await startTestCluster(2, { env: { ...s3.env(), DATA_DIR: dataDir } })
    try {
      const [a, b] = cluster.servers
      const token = await citizen(a)
      const { id } = await createCase(a, token)
      const photo = await clearPhoto()
      const uploaded = await upload(a, token, id, 'M04', photo)
      expect(uploaded.statusCode).toBe(201)
      const back = await download(b, token, id, uploaded.json().file.id)
      expect(back.statusCode).toBe(200)
      expect(back.rawPayload.equals(photo)).toBe(true)
      expect(storedFiles(path.join(dataDir, 'files'))).toEqual([])
    } finally {
      await cluster.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
