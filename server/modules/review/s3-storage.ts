import crypto from 'node:crypto'
import { PassThrough, Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { FileKeyWrapper } from '../../core/crypto'
import { AppError } from '../../core/errors'
import { decryptingStream, encryptingStream, HEADER_BYTES, rewrappedHeader } from '../../core/file-crypto'
import type { StorageConfig } from '../../core/storage-config'
import { KEY, plainMeter, readExactly, type FileStorage } from './storage'

type S3Config = Extract<StorageConfig, { kind: 's3' }>

const STAGING = 'staging/'
const FILES = 'files/'
const SWEEP_CLOCK = `${STAGING}.sweep-clock`
/** The plain size, kept with the object so a download can announce Content-Length before decrypting. */
const PLAIN_SIZE = 'plain-size'
/** Parts of a multipart upload: memory per upload stays at one part whatever the file's size. */
const PART_BYTES = 5 * 1024 * 1024

/** What the user reads when the bucket cannot be reached, refuses us or is too slow: try again later, nothing was kept. */
function storageUnavailable(cause: unknown): AppError {
  return Object.assign(new AppError(503, 'STORAGE_UNAVAILABLE', '文件存储服务暂不可用，请稍后再试'), { cause })
}

const isMissing = (error: unknown) => error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound')

/**
 * Files in an S3-compatible bucket (Tencent COS, Alibaba OSS, MinIO, AWS), shared by every instance. The
 * bytes are encrypted before they leave the BFF (server/core/file-crypto.ts) and streamed: a multipart
 * upload holds one part in memory, a download decrypts as it goes.
 *
 * Same flow as the local disk: `stage` uploads under `staging/<random>` → inspect → commit the row → `put`
 * copies it to `files/<key>` inside the bucket and removes the staged object. A failed stage leaves no row
 * (and no object: an interrupted multipart upload is aborted); staged objects a crash left behind are swept.
 */
export function s3Storage(config: S3Config, wrapper: FileKeyWrapper): FileStorage {
  const client = new S3Client({
    endpoint: config.endpoint ?? undefined,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // One retry, each attempt within the timeout: the user waits at most about twice S3_TIMEOUT_MS.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: config.timeoutMs, requestTimeout: config.timeoutMs, throwOnRequestTimeout: true },
    // Checksums only where S3 requires them: several S3-compatible stores refuse the newer trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const Bucket = config.bucket
  const objectOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('invalid storage key')
    return `${FILES}${key.slice(0, 2)}/${key}`
  }
  const send = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      throw storageUnavailable(error)
    }
  }
  const remove = (Key: string) => send(() => client.send(new DeleteObjectCommand({ Bucket, Key })))
  const body = async (Key: string, Range?: string): Promise<{ stream: Readable; metadata: Record<string, string> } | null> => {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key, Range }))
      return { stream: answer.Body as Readable, metadata: answer.Metadata ?? {} }
    } catch (error) {
      if (isMissing(error)) return null
      throw storageUnavailable(error)
    }
  }
  const upload = (Key: string, source: Readable, Metadata?: Record<string, string>) =>
    new Upload({ client, params: { Bucket, Key, Body: source, Metadata }, partSize: PART_BYTES, queueSize: 1 })
  /** Every object under a prefix, page by page. */
  async function* list(Prefix: string) {
    let ContinuationToken: string | undefined
    do {
      const page = await send(() => client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken })))
      yield* page.Contents ?? []
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (ContinuationToken)
  }

  return {
    async stage(source, onChunk) {
      const Key = `${STAGING}${crypto.randomUUID()}`
      const meter = plainMeter(onChunk)
      const encrypted = new PassThrough()
      const transfer = upload(Key, encrypted)
      // The two halves fail differently: the citizen's connection (the caller's 400) or the bucket (503).
      // Whichever fails first stops the other, so neither waits forever on a stream nobody reads.
      let sourceFailed = false
      source.once('error', () => (sourceFailed = true))
      let bucketError: unknown = null
      const sending = transfer.done().then(
        () => undefined,
        (error: unknown) => {
          if (!sourceFailed) bucketError = error
          encrypted.destroy(error as Error)
        },
      )
      const receiving = pipeline(source, meter, encryptingStream(wrapper), encrypted).then(
        () => null,
        (error: unknown) => error,
      )
      const [receiveError] = await Promise.all([receiving, sending])
      if (bucketError || receiveError) {
        await transfer.abort().catch(() => undefined)
        await remove(Key).catch(() => undefined)
        throw bucketError ? storageUnavailable(bucketError) : receiveError
      }
      return { path: Key, ...meter.measured() }
    },
    async readStaged(staged) {
      const found = await body(staged.path)
      if (!found) throw new Error('staged object missing')
      return readExactly(found.stream.pipe(decryptingStream(wrapper)), staged.size)
    },
    async discard(staged) {
      await remove(staged.path)
    },
    async put(key, staged) {
      // A copy inside the bucket: the bytes are not sent again. The plain size travels as metadata.
      await send(() =>
        client.send(
          new CopyObjectCommand({
            Bucket,
            Key: objectOf(key),
            CopySource: `${Bucket}/${staged.path}`,
            MetadataDirective: 'REPLACE',
            Metadata: { [PLAIN_SIZE]: String(staged.size) },
          }),
        ),
      )
      await remove(staged.path)
    },
    async get(key) {
      const found = await body(objectOf(key))
      if (!found) return null
      const size = Number(found.metadata[PLAIN_SIZE])
      if (!Number.isSafeInteger(size)) throw storageUnavailable(new Error(`object ${key} has no plain size`))
      return { stream: found.stream.pipe(decryptingStream(wrapper)), size }
    },
    async delete(key) {
      await remove(objectOf(key))
    },
    async sweepStaging(olderThanMs) {
      // Ages by the bucket's own clock (the LastModified of a marker written now), like the disk's mtime.
      await send(() => client.send(new PutObjectCommand({ Bucket, Key: SWEEP_CLOCK, Body: Buffer.alloc(0), ContentLength: 0 })))
      const marker = await send(() => client.send(new HeadObjectCommand({ Bucket, Key: SWEEP_CLOCK })))
      const cutoff = (marker.LastModified?.getTime() ?? 0) - olderThanMs
      let removed = 0
      for await (const object of list(STAGING)) {
        if (!object.Key || object.Key === SWEEP_CLOCK || (object.LastModified?.getTime() ?? Infinity) >= cutoff) continue
        await remove(object.Key)
        removed++
      }
      return removed
    },
    async rewrapAll() {
      const counts = { current: 0, rewrapped: 0, sealed: 0, unreadable: 0 }
      for await (const object of list(FILES)) {
        const Key = object.Key!
        const head = await body(Key, `bytes=0-${HEADER_BYTES - 1}`)
        if (!head) continue
        let header: Buffer | null
        try {
          const raw = Buffer.concat(await head.stream.toArray())
          header = rewrappedHeader(raw, wrapper)
        } catch {
          // Under a data key no longer in the ring: left as it is, and counted.
          counts.unreadable++
          continue
        }
        if (!header) {
          counts.current++
          continue
        }
        const whole = await body(Key)
        if (!whole) continue
        // The new header, then the frames unchanged; the object is replaced in one PUT (old or new, never half).
        let skipped = 0
        let started = false
        const swapHeader = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            if (!started) this.push(header)
            started = true
            const skip = Math.min(HEADER_BYTES - skipped, chunk.length)
            skipped += skip
            done(null, chunk.subarray(skip))
          },
        })
        await send(() => upload(Key, whole.stream.pipe(swapHeader), whole.metadata).done())
        counts.rewrapped++
      }
      return counts
    },
    close() {
      client.destroy()
    },
  }
}
