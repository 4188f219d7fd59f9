import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { api, citizen, describeWithPostgres, startTestCluster, type TestServer } from './harness'
import { clearPhoto, createCase, decide, mark, readyCardCase, reviewer, reviewingCardCase, storedFiles, upload } from './review-helpers'

jest.setTimeout(120_000)

/** Two BFF instances on one PostgreSQL schema and one shared file volume, no shared memory. */
describeWithPostgres('pre-review across two instances', () => {
  let cluster: Awaited<ReturnType<typeof startTestCluster>>
  let a: TestServer
  let b: TestServer
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-review-cluster-'))
  const filesDir = path.join(dataDir, 'files')

  beforeAll(async () => {
    cluster = await startTestCluster(2, { env: { DATA_DIR: dataDir } })
    ;[a, b] = cluster.servers
  })
  afterAll(async () => {
    await cluster.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('accepts exactly 10 of 12 simultaneous uploads to one material', async () => {
    const token = await citizen(a)
    const { id } = await createCase(a, token)
    const photo = await clearPhoto()
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => upload(i % 2 ? b : a, token, id, 'M04', photo, `page-${i}.jpg`)))
    const codes = replies.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 201)).toHaveLength(10)
    expect(codes.filter((c) => c === 409)).toHaveLength(2)
    const counts = await a.db.query<{ rows: number; counter: number; bytes: number; sum: number }>(
      `select (select count(*)::int from case_files where case_id = $1) as rows,
              (select file_count from case_materials where case_id = $1 and material_code = 'M04') as counter,
              (select file_bytes::int from cases where id = $1) as bytes,
              (select coalesce(sum(size_bytes), 0)::int from case_files where case_id = $1) as sum`,
      [id],
    )
    expect(counts.rows[0]).toEqual({ rows: 10, counter: 10, bytes: photo.length * 10, sum: photo.length * 10 })
    expect(storedFiles(filesDir).filter((f) => !f.includes('.staging'))).toHaveLength(10)
  })

  it('numbers 20 cases created at once on both instances without a gap or a duplicate', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => citizen(i % 2 ? b : a)))
    const before = (await a.db.query<{ n: number }>(`select coalesce(max(last_value), 0)::int as n from case_number_counters where day = '2026-11-24'`)).rows[0]
      .n
    const cases = await Promise.all(tokens.map((t, i) => createCase(i % 2 ? a : b, t)))
    const serials = cases.map((c) => Number(c.caseNumber.slice(-6))).sort((x, y) => x - y)
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1))
  })

  it('lets either a submit or a withdraw win, never both', async () => {
    const token = await citizen(a)
    const c = await readyCardCase(a, token)
    const [submitted, withdrawn] = await Promise.all([
      api(a, token).post(`/api/v1/cases/${c.id}/submit`, { deferredCodes: [] }),
      api(b, token).post(`/api/v1/cases/${c.id}/withdraw`, {}),
    ])
    const history = (await a.db.query<{ to_status: string }>('select to_status from case_history where case_id = $1 order by id', [c.id])).rows.map(
      (r) => r.to_status,
    )
    const status = (await a.db.query<{ status: string }>('select status from cases where id = $1', [c.id])).rows[0].status
    if (withdrawn.statusCode === 200) {
      expect(status).toBe('withdrawn')
      // A withdraw after the submit is also allowed; a submit after the withdraw is not.
      expect(history).toEqual(submitted.statusCode === 200 ? ['draft', 'submitted', 'withdrawn'] : ['draft', 'withdrawn'])
    } else {
      expect(status).toBe('submitted')
      expect(history).toEqual(['draft', 'submitted'])
    }
  })

  it('lets only one of two decisions sent to different instances through', async () => {
    const token = await citizen(a)
    // One session works on every instance (sessions live in the database).
    const reviewerA = await reviewer(a)
    const reviewerB = reviewerA
    const c = await reviewingCardCase(a, token, reviewerA)
    await mark(a, reviewerA, c.id, 'M01', { verdict: 'pass' })
    await mark(b, reviewerB, c.id, 'M02', { verdict: 'problem', reasons: ['文件不清晰，无法辨认'] })
    const [fix, reject] = await Promise.all([
      decide(a, reviewerA, c.id, { decision: 'needs_fix' }),
      decide(b, reviewerB, c.id, { decision: 'reject', reason: '不符合申领条件', competentAuthority: '参保地社保经办机构' }),
    ])
    expect([fix.statusCode, reject.statusCode].sort()).toEqual([200, 409])
    const decided = await a.db.query('select 1 from case_history where case_id = $1 and from_status = $2', [c.id, 'reviewing'])
    expect(decided.rowCount).toBe(1)
    const notices = await a.db.query('select 1 from case_notices where case_id = $1', [c.id])
    expect(notices.rowCount).toBe(1)
  })
})
