/**
 * Backup and restore on PostgreSQL (issue 19), the procedure of docs/deploy.md § Backups step by step: a BFF on a
 * scratch database takes cases with uploaded files and signed authorizations; the database is dumped with
 * `pg_dump -Fc`, the file store and the keys are archived apart; everything is wiped (database dropped, data
 * directory removed); a fresh database is restored with `pg_restore`, the keys and files put back, and a BFF
 * started on it (no seeding) must show every case as it was, serve every file byte for byte and verify every
 * signature (hashes, digest, Ed25519 over the record, PDF bytes). Needs TEST_DATABASE_URL (PostgreSQL).
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { buildApp } from '../../server/app'
import { ManualClock } from '../../server/core/clock'
import { openPostgres } from '../../server/core/db'
import { consoleSmsGateway } from '../../server/core/sms'
import { openRuntime } from '../../server/runtime'
import { TEST_DATABASE_URL, api, citizen, describeWithPostgres, fakeWechat, nextIdNumber, startTestServer, type TestServer, TUESDAY_10AM } from './harness'
import { EMS_ADDRESS, caseWithLicence, clerk, emsNumber, signaturePng } from './pickup-helpers'
import { readyCardCase } from './review-helpers'
import { testConfig } from './template'

jest.setTimeout(300_000)

/** Every table whose rows the restore must bring back, counted before and after. */
const TABLES = [
  'users',
  'sessions',
  'cases',
  'case_materials',
  'case_files',
  'case_history',
  'licences',
  'authorizations',
  'authorization_records',
  'authorization_events',
  'ems_tracking_events',
  'messages',
  'audit_log',
]

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')

const databaseUrl = (name: string) => {
  const url = new URL(TEST_DATABASE_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL! })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** What a citizen and the hall can see of the data: cases, file bytes, authorizations and their verification. */
async function snapshot(server: TestServer, owner: string, caseIds: { id: string; files: Record<string, string> }[], authorizationIds: string[]) {
  const client = api(server, owner)
  const cases = []
  for (const c of caseIds) {
    const view = await client.get(`/api/v1/cases/${c.id}`)
    expect(view.statusCode).toBe(200)
    const files: Record<string, string> = {}
    for (const fileId of Object.values(c.files)) {
      const file = await client.get(`/api/v1/cases/${c.id}/files/${fileId}`)
      expect(file.statusCode).toBe(200)
      files[fileId] = sha256(file.rawPayload)
    }
    cases.push({ view: view.json(), files })
  }
  const authorizations = []
  for (const id of authorizationIds) {
    const view = await client.get(`/api/v1/authorizations/${id}`)
    const verification = await client.get(`/api/v1/authorizations/${id}/verify`)
    const pdf = await client.get(`/api/v1/authorizations/${id}/pdf`)
    expect([view.statusCode, verification.statusCode, pdf.statusCode]).toEqual([200, 200, 200])
    authorizations.push({ view: view.json(), verification: verification.json(), pdf: sha256(pdf.rawPayload) })
  }
  const counts: Record<string, number> = {}
  for (const table of TABLES) counts[table] = (await server.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n
  return { cases, authorizations, counts }
}

describeWithPostgres('backup and restore on PostgreSQL', () => {
  const suffix = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`
  const original = `onetrip_backup_${suffix}`
  const restored = `onetrip_restored_${suffix}`
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-backup-'))
  const dataDir = path.join(work, 'data')
  const restoredDataDir = path.join(work, 'restored-data')
  const backups = path.join(work, 'backups')

  afterAll(async () => {
    await admin(`drop database if exists ${original} with (force)`)
    await admin(`drop database if exists ${restored} with (force)`)
    fs.rmSync(work, { recursive: true, force: true })
  })

  it('dump, wipe, restore: every case, file and signature verifies on a BFF started on the restored database', async () => {
    await admin(`create database ${original}`)
    const db = await openPostgres(databaseUrl(original), 5)
    const server = await startTestServer({ database: { db, drop: () => db.close() }, env: { DATA_DIR: dataDir } })

    // The hall at work: two cases with uploaded files (one submitted), two signed authorizations (one shipped).
    const owner = await citizen(server, { name: '周备份' })
    const desk = await clerk(server)
    const first = await readyCardCase(server, owner)
    const second = await readyCardCase(server, owner)
    expect((await api(server, owner).post(`/api/v1/cases/${second.id}/submit`, { deferredCodes: [] })).statusCode).toBe(200)
    const signature = await signaturePng()
    const authorizationIds: string[] = []
    for (const method of ['ems', 'agent'] as const) {
      const caseNumber = await caseWithLicence(server, owner, desk)
      const body =
        method === 'ems'
          ? { caseNumber, method, address: EMS_ADDRESS, signaturePng: signature }
          : { caseNumber, method, agent: { name: '赵六', idNumber: nextIdNumber('19930202'), phone: '13900001111' }, signaturePng: signature }
      const signed = await api(server, owner).post('/api/v1/authorizations', body)
      expect(signed.statusCode).toBe(201)
      authorizationIds.push(signed.json().id)
    }
    const shipped = await api(server, desk).post(`/api/v1/staff/pickup/authorizations/${authorizationIds[0]}/shipment`, { emsNumber: emsNumber('40000001') })
    expect(shipped.statusCode).toBe(200)

    const before = await snapshot(server, owner, [first, second], authorizationIds)
    for (const a of before.authorizations) expect(a.verification.intact).toBe(true)
    expect(before.counts.case_files).toBeGreaterThanOrEqual(4)
    await server.close()

    // Backup: the database dump, the file store and the keys, each apart.
    fs.mkdirSync(backups)
    const dump = path.join(backups, 'onetrip.dump')
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${databaseUrl(original)}`])
    execFileSync('tar', ['-C', dataDir, '-czf', path.join(backups, 'files.tar.gz'), 'files'])
    execFileSync('tar', ['-C', dataDir, '-czf', path.join(backups, 'keys.tar.gz'), 'keys'])

    // Wipe: the database and the data directory are gone.
    await admin(`drop database ${original} with (force)`)
    fs.rmSync(dataDir, { recursive: true, force: true })

    // Restore into a fresh database, keys and files back in a new data directory.
    await admin(`create database ${restored}`)
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl(restored)}`, dump])
    fs.mkdirSync(restoredDataDir)
    execFileSync('tar', ['-C', restoredDataDir, '-xzf', path.join(backups, 'keys.tar.gz')])
    execFileSync('tar', ['-C', restoredDataDir, '-xzf', path.join(backups, 'files.tar.gz')])

    // A BFF on the restored database, as production starts one: migrations run (nothing to do), no seeding.
    const restoredDb = await openPostgres(databaseUrl(restored), 5)
    const clock = new ManualClock(TUESDAY_10AM)
    const runtime = await openRuntime(testConfig({ DATA_DIR: restoredDataDir }), {
      db: restoredDb,
      clock,
      sms: consoleSmsGateway(() => undefined, false),
      wechat: fakeWechat(),
    })
    const app = await buildApp(runtime, { logger: false })
    await app.ready()
    const again: TestServer = { app, runtime, clock, db: restoredDb, close: async () => undefined }
    try {
      const after = await snapshot(again, owner, [first, second], authorizationIds)
      expect(after.counts).toEqual(before.counts)
      expect(after.cases).toEqual(before.cases)
      expect(after.authorizations).toEqual(before.authorizations)
      for (const a of after.authorizations) {
        expect(a.verification.intact).toBe(true)
        expect(a.verification.checks.every((check: { ok: boolean }) => check.ok)).toBe(true)
      }
      // The hall carries on where it stopped: the shipped parcel can be delivered.
      const delivered = await api(again, desk).post(`/api/v1/staff/pickup/authorizations/${authorizationIds[0]}/events`, { kind: 'delivered' })
      expect(delivered.json()).toMatchObject({ status: 'delivered' })
    } finally {
      await app.close()
      await restoredDb.close()
    }
  })
})
