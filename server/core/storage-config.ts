/** Where uploaded files live (STORAGE): this machine's disk, or an S3-compatible bucket every instance shares. */
export type StorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3'
      /** Tencent COS, Alibaba OSS, MinIO…: the bucket's S3 endpoint; unset means AWS itself. */
      endpoint: string | null
      bucket: string
      region: string
      accessKeyId: string
      secretAccessKey: string
      /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO and most private installs). */
      forcePathStyle: boolean
      /** How long one request to the bucket may take before the upload or download answers 503. */
      timeoutMs: number
    }

const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const

/** Reads STORAGE (`local`, the default, or `s3`) and the S3_* settings; names every missing one at once. */
export function storageConfigFrom(env: Record<string, string | undefined>): StorageConfig {
  const kind = env.STORAGE || 'local'
  if (kind === 'local') return { kind }
  if (kind !== 's3') throw new Error('STORAGE must be local or s3')
  const missing = S3_REQUIRED.filter((name) => !env[name])
  if (missing.length) throw new Error(`STORAGE=s3 needs ${missing.join(', ')}`)
  const timeoutMs = Number(env.S3_TIMEOUT_MS || 15_000)
  if (!(timeoutMs > 0 && timeoutMs <= 120_000)) throw new Error('S3_TIMEOUT_MS must be between 1 and 120000')
  if (env.S3_ENDPOINT && !/^https?:\/\//.test(env.S3_ENDPOINT)) throw new Error('S3_ENDPOINT must be an http(s) URL')
  return {
    kind,
    endpoint: env.S3_ENDPOINT || null,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: ['1', 'true', 'on', 'yes'].includes((env.S3_FORCE_PATH_STYLE ?? '').toLowerCase()),
    timeoutMs,
  }
}
