/**
 * Material pre-review uploads: a 5 MB photo streamed, staged, hashed, checked (type by content, pixel
 * count, blank page, Laplacian blur) and committed, next to GET /healthz in the same run. Throws unless
 * every accepted upload has exactly one row and one stored file.
 * `npx tsx bench/review.ts` (PGlite) or with BENCH_DATABASE_URL (PostgreSQL).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { healthBaseline, load, makeCitizens, startBenchServer, type BenchServer, type LoadResult } from './lib'
import { photoOfSize } from '../__tests__/server/review-fixtures'

const CONNECTIONS = 4
const UPLOADS = 120
const FILE_BYTES = 5 * 1024 * 1024 - 64 * 1024
// A case holds 50 MB, so ten of these files; three materials of the social-security card take them.
const PER_CASE = 10
const MATERIALS = ['M01', 'M03', 'M04']
const ITEM = 'social-security-card-application'

async function createCase(bench: BenchServer, token: string): Promise<string> {
  const response = await fetch(`${bench.baseUrl}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ itemId: ITEM, hallId: 'tianfu' }),
  })
  if (response.status !== 201) throw new Error(`create case: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { case: { id: string } }).case.id
}

function multipartBody(file: Buffer) {
  const boundary = `----onetrip-bench-${crypto.randomBytes(6).toString('hex')}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Every accepted upload must be one row, counted in its case, with its bytes on disk. */
async function assertConsistent(bench: BenchServer, accepted: number) {
  const { rows } = await bench.runtime.db.query<{ files: number; bytes: number; counted: number }>(
    `select (select count(*)::int from case_files) as files, (select coalesce(sum(size_bytes), 0)::bigint from case_files) as bytes,
            (select coalesce(sum(file_bytes), 0)::bigint from cases) as counted`,
  )
  const filesDir = path.join(bench.runtime.config.dataDir, 'files')
  const stored = (fs.readdirSync(filesDir, { recursive: true }) as string[]).filter(
    (entry) => !entry.startsWith('.staging') && fs.statSync(path.join(filesDir, entry)).isFile(),
  )
  const result = rows[0]
  if (result.files !== accepted || Number(result.bytes) !== Number(result.counted) || stored.length !== accepted) {
    throw new Error(`upload invariant broken: ${JSON.stringify({ ...result, stored: stored.length, accepted })}`)
  }
}

export async function run(options: { databaseUrl?: string | null }): Promise<LoadResult[]> {
  const bench = await startBenchServer(options)
  try {
    const cases = Math.ceil(UPLOADS / PER_CASE)
    const tokens = await makeCitizens(bench.baseUrl, Math.ceil(cases / 5), 15600000000)
    const targets: { token: string; caseId: string }[] = []
    for (let i = 0; i < cases; i++) {
      const token = tokens[i % tokens.length]
      targets.push({ token, caseId: await createCase(bench, token) })
    }
    const photo = await photoOfSize(FILE_BYTES)
    const { body, contentType } = multipartBody(photo)
    const results: LoadResult[] = [await healthBaseline(bench.baseUrl, CONNECTIONS)]

    let k = 0
    const upload = await load(`POST /cases/:id/materials/:code/files, ${(photo.length / 1024 / 1024).toFixed(1)} MB JPEG (${UPLOADS} uploads)`, {
      url: bench.baseUrl,
      connections: CONNECTIONS,
      amount: UPLOADS,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const n = k++
            const target = targets[Math.floor(n / PER_CASE) % targets.length]
            return {
              ...request,
              path: `/api/v1/cases/${target.caseId}/materials/${MATERIALS[n % MATERIALS.length]}/files`,
              headers: { 'content-type': contentType, authorization: `Bearer ${target.token}` },
              body,
            }
          },
        },
      ],
    })
    await assertConsistent(bench, upload.requests - upload.non2xx)
    const megabytesPerSecond = ((upload.requests - upload.non2xx) * photo.length) / 1024 / 1024 / upload.durationSeconds
    results.push({ ...upload, name: `${upload.name}: ${megabytesPerSecond.toFixed(1)} MB/s accepted` })
    return results
  } finally {
    await bench.close()
  }
}

if (require.main === module) {
  run({ databaseUrl: process.env.BENCH_DATABASE_URL || null })
    .then((results) => console.log(JSON.stringify(results, null, 2)))
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}
