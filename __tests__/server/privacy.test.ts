/**
 * Issue 23: a person sees, copies and deletes their data. The export and account deletion are checked
 * against the personal-data scan (personal-data-scan.ts: every table, every row) and the catalogue's
 * references to `users`, so a table added later with a person's rows fails here until the registry
 * (server/modules/privacy/registry.ts) covers it.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { runJobExclusively, type Job } from '../../server/core/jobs'
import { ALL_JOBS } from '../../server/runtime'
import { ACTING_USER_COLUMNS, PERSONAL_TABLES } from '../../server/modules/privacy/registry'
import { SWEEPS } from '../../server/modules/privacy/retention'
import { applyRetention } from '../../server/modules/privacy/service'
import { api, citizen, loginBySms, nextIdNumber, nextPhone, staffLogin, startTestServer, type TestServer } from './harness'
import { bookableDays, slotsOf } from './appointment-helpers'
import { clearPhoto, createCase, readyCardCase, storedFiles, upload } from './review-helpers'
import { caseWithLicence, clerk, EMS_ADDRESS, signaturePng, userIdOf } from './pickup-helpers'
import { reserveName } from './name-helpers'
import { baseTables, rowTexts, tablesHolding, userReferenceColumns } from './personal-data-scan'
import { LEGAL_DOCUMENTS } from '../../src/domain/legal'

jest.setTimeout(300_000)

const DAY_MS = 86_400_000
let server: TestServer
let clerkToken: string
beforeAll(async () => {
  server = await startTestServer()
  clerkToken = await clerk(server)
}, 120_000)
afterAll(() => server?.close())

const job = (name: string): Job => {
  const found = ALL_JOBS.find((j) => j.name === name)
  if (!found) throw new Error(`no job ${name}`)
  return found
}
const run = (name: string) => runJobExclusively({ ...server.runtime, log: server.app.log }, job(name))
const ok = <R extends { statusCode: number; body: string }>(reply: R, label: string): R => {
  if (reply.statusCode >= 300) throw new Error(`${label}: ${reply.statusCode} ${reply.body}`)
  return reply
}
/** Moves the BFF clock for one step and back, so the suite's later tests keep their dates. */
async function later<T>(ms: number, step: () => Promise<T>): Promise<T> {
  server.clock.advance(ms)
  try {
    return await step()
  } finally {
    server.clock.advance(-ms)
  }
}

interface Person {
  token: string
  phone: string
  id: string
  name: string
  draftFileKeys: string[]
  submittedFileKeys: string[]
  uploadedPhoto: Buffer
  authorizationId: string
}

/** A person with a row in every kind of table: ticket, booking, name, submitted and draft cases, a signed EMS authorization. */
async function personWithFootprint(name: string, brand: string): Promise<Person> {
  const phone = nextPhone()
  const token = await loginBySms(server, phone)
  ok(
    await api(server, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name, idNumber: nextIdNumber('19770115') }),
    'real name',
  )
  ok(await api(server, token).post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-A' }), 'ticket')
  const day = (await bookableDays(server)).days.find((d) => d.remaining > 0)!
  const slot = (await slotsOf(server, day.date)).find((s) => s.remaining > 0)!
  ok(await api(server, token).post('/api/v1/appointments', { slotId: slot.id, itemId: 'company-llc-establishment' }), 'book')
  ok(await reserveName(server, token, `成都${brand}网络科技有限公司`), 'reserve name')
  const submitted = await readyCardCase(server, token)
  ok(await api(server, token).post(`/api/v1/cases/${submitted.id}/submit`, { deferredCodes: [] }), 'submit')
  const draft = await createCase(server, token)
  const uploadedPhoto = await clearPhoto()
  ok(await upload(server, token, draft.id, 'M02', uploadedPhoto, 'photo.jpg'), 'draft upload')
  const licensed = await caseWithLicence(server, token, clerkToken)
  const signed = ok(
    await api(server, token).post('/api/v1/authorizations', {
      caseNumber: licensed,
      method: 'ems',
      address: { ...EMS_ADDRESS, remember: true },
      signaturePng: await signaturePng(),
    }),
    'sign',
  )
  const id = await userIdOf(server, token)
  const keysOf = async (caseId: string) =>
    (await server.db.query<{ storage_key: string }>('select storage_key from case_files where case_id = $1', [caseId])).rows.map((r) => r.storage_key)
  return {
    token,
    phone,
    id,
    name,
    draftFileKeys: await keysOf(draft.id),
    submittedFileKeys: await keysOf(submitted.id),
    uploadedPhoto,
    authorizationId: signed.json().id,
  }
}

/** Asks for an export and runs the export job; returns the ready export's id. */
async function preparedExport(person: Person): Promise<string> {
  const requested = ok(await api(server, person.token).post('/api/v1/me/privacy/exports'), 'request export')
  expect(requested.statusCode).toBe(201)
  expect(requested.json().status).toBe('pending')
  await run('privacy-exports')
  const overview = ok(await api(server, person.token).get('/api/v1/me/privacy'), 'overview').json()
  const ready = overview.exports.find((e: { id: string }) => e.id === requested.json().id)
  expect(ready.status).toBe('ready')
  return ready.id
}

async function download(person: Person, id: string) {
  const reply = await server.app.inject({
    method: 'GET',
    url: `/api/v1/me/privacy/exports/${id}/download`,
    headers: { authorization: `Bearer ${person.token}` },
  })
  expect(reply.statusCode).toBe(200)
  expect(reply.headers['content-type']).toContain('application/zip')
  const zip = unzipSync(new Uint8Array(reply.rawPayload))
  return { zip, data: JSON.parse(strFromU8(zip['data.json'])) as { userId: string; tables: Record<string, Record<string, unknown>[]> } }
}

const exportOf = async (person: Person) => {
  const id = await preparedExport(person)
  return { id, ...(await download(person, id)) }
}

describe('the registry against the catalogue', () => {
  it('names every column that references users, either as the subject of a personal table or as the acting staff member', async () => {
    const covered = new Set([...PERSONAL_TABLES.filter((t) => t.subjectColumn).map((t) => `${t.table}.${t.subjectColumn}`), ...ACTING_USER_COLUMNS])
    const missing = (await userReferenceColumns(server.db)).filter((column) => !covered.has(column))
    expect(missing).toEqual([])
    const tables = await baseTables(server.db)
    expect(PERSONAL_TABLES.map((t) => t.table).filter((t) => !tables.includes(t))).toEqual([])
  })

  it('has a sweep for every retention kind that deletes, and the retention job is scheduled', async () => {
    const { rows } = await server.db.query<{ kind: string }>(`select kind from retention_policies where action = 'delete'`)
    expect(rows.map((r) => r.kind).filter((kind) => !SWEEPS[kind])).toEqual([])
    expect(ALL_JOBS.map((j) => j.name)).toEqual(expect.arrayContaining(['privacy-exports', 'privacy-account-deletions', 'privacy-retention']))
  })
})

describe('export', () => {
  let owner: Person
  let other: Person
  beforeAll(async () => {
    owner = await personWithFootprint('欧阳澜汐', '澜汐清源')
    other = await personWithFootprint('司马青岚', '青岚远航')
  })

  it("holds every row of every table that names the person, and nothing of anyone else's", async () => {
    const id = await preparedExport(owner)
    // The scan, as of when the export was built: every table holding the owner's id, with its rows.
    const scanned: Record<string, number> = {}
    for (const table of await baseTables(server.db)) {
      const rows = (await rowTexts(server.db, table)).filter((row) => row.includes(owner.id))
      if (rows.length) scanned[table] = rows.length
    }
    expect(Object.keys(scanned).length).toBeGreaterThan(10)
    const { data, zip } = await download(owner, id)
    expect(data.userId).toBe(owner.id)
    const exported = Object.fromEntries(Object.keys(scanned).map((table) => [table, (data.tables[table] ?? []).length]))
    expect(exported).toEqual(scanned)
    // Tables reached through a parent row: the case's files and materials, the authorization's record.
    expect(data.tables.case_files.length).toBeGreaterThanOrEqual(3)
    expect(data.tables.authorization_records).toHaveLength(1)
    expect(data.tables.users).toEqual([expect.objectContaining({ id: owner.id, phone: owner.phone, real_name: owner.name })])
    // No one else's rows, ids, phone or name; no service secrets (hashes, blind indexes).
    const text = strFromU8(zip['data.json'])
    for (const secret of [other.id, other.phone, other.name]) expect(text).not.toContain(secret)
    for (const field of ['token_hash', 'code_hash', 'phone_index', 'id_number_index', 'storage_key', 'wechat_session_key'])
      expect(text).not.toContain(`"${field}"`)
    const staffIds = (await server.db.query<{ user_id: string }>('select user_id from staff_roles')).rows.map((r) => r.user_id)
    for (const staffId of staffIds) expect(text).not.toContain(staffId)
  })

  it('holds the uploaded files, the signature and the authorization PDF, decrypted and unchanged', async () => {
    const { data, zip } = await exportOf(owner)
    const photos = data.tables.case_files.filter((f) => f.material_code === 'M02')
    expect(photos.length).toBeGreaterThanOrEqual(2)
    for (const photo of photos) {
      const bytes = zip[photo.file as string]
      expect(Buffer.from(bytes).equals(owner.uploadedPhoto)).toBe(true)
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(photo.sha256)
    }
    const record = data.tables.authorization_records[0]
    const pdf = await api(server, owner.token).get(`/api/v1/authorizations/${owner.authorizationId}/pdf`)
    expect(pdf.statusCode).toBe(200)
    expect(Buffer.from(zip[record.pdfFile as string]).equals(pdf.rawPayload)).toBe(true)
    expect(
      crypto
        .createHash('sha256')
        .update(zip[record.signatureFile as string])
        .digest('hex'),
    ).toBe(record.signature_sha256)
  })

  it('is downloadable by its owner only, and not after it expired (then the retention job deletes the file)', async () => {
    const { id } = await exportOf(owner)
    const url = `/api/v1/me/privacy/exports/${id}/download`
    expect((await api(server, other.token).get(url)).statusCode).toBe(404)
    expect((await api(server).get(url)).statusCode).toBe(401)
    const zipFile = path.join(server.runtime.config.dataDir, 'exports', `${id}.zip`)
    expect(fs.existsSync(zipFile)).toBe(true)
    const encrypted = fs.readFileSync(zipFile)
    expect(encrypted.includes(Buffer.from('data.json'))).toBe(false)
    await later(3 * DAY_MS + 60_000, async () => {
      const expired = await api(server, owner.token).get(url)
      expect(expired.statusCode).toBe(409)
      expect(expired.json().message).toContain('已过下载期限')
    })
  })
})

describe('注销账号', () => {
  it('signs the person out, and signing in during the cooling-off period cancels it', async () => {
    const person = await personWithFootprint('慕容清漪', '清漪星河')
    const requested = await api(server, person.token).post('/api/v1/me/privacy/deletion', { confirm: true })
    expect(requested.statusCode).toBe(201)
    expect(new Date(requested.json().effectiveAt).getTime() - server.clock.now().getTime()).toBe(15 * DAY_MS)
    expect((await api(server, person.token).get('/api/v1/me')).statusCode).toBe(401)

    const again = await later(14 * DAY_MS, () => loginBySms(server, person.phone))
    expect(await userIdOf(server, again)).toBe(person.id)
    const overview = (await api(server, again).get('/api/v1/me/privacy')).json()
    expect(overview.deletion).toEqual(expect.objectContaining({ status: 'cancelled' }))
    await later(16 * DAY_MS, () => run('privacy-account-deletions'))
    expect((await api(server, again).get('/api/v1/me')).json().realName).not.toBeNull()
  })

  it('after the cooling-off period leaves nothing of the person except the kept records, de-identified; the same phone starts a new account', async () => {
    const person = await personWithFootprint('上官明月', '明月松间')
    const bystander = await personWithFootprint('东方晓岚', '晓岚朝阳')
    ok(await api(server, person.token).post('/api/v1/me/privacy/exports'), 'export')
    await run('privacy-exports')
    const [user] = (await server.db.query<Record<string, string>>('select * from users where id = $1', [person.id])).rows
    const { cipher } = server.runtime.keys
    const idNumber = cipher.decrypt(user.id_number_enc)
    const [address] = (await server.db.query<{ address_enc: string }>('select address_enc from pickup_addresses where user_id = $1', [person.id])).rows
    const exportIds = (await server.db.query<{ id: string }>('select id from privacy_exports where user_id = $1', [person.id])).rows.map((r) => r.id)
    const sealedCases = (await server.db.query<{ n: number }>(`select count(*)::int as n from cases where user_id = $1 and status <> 'draft'`, [person.id]))
      .rows[0].n

    ok(await api(server, person.token).post('/api/v1/me/privacy/deletion', { confirm: true }), 'request deletion')
    expect(await later(15 * DAY_MS - 60_000, () => run('privacy-account-deletions'))).toBe(true)
    expect((await server.db.query('select 1 from users where id = $1 and deleted_at is null', [person.id])).rows).toHaveLength(1)
    await later(15 * DAY_MS + 60_000, () => run('privacy-account-deletions'))

    // Nothing identifying is left anywhere: not the phone, ID number or name (plain or sealed), not the blind indexes.
    const secrets: Record<string, string> = {
      phone: person.phone,
      'ID number': idNumber,
      name: person.name,
      'sealed phone': user.phone_enc,
      'sealed ID number': user.id_number_enc,
      'sealed name': user.real_name_enc,
      'phone blind index': user.phone_index,
      'sealed address': address.address_enc,
    }
    expect(await tablesHolding(server.db, secrets)).toEqual({})
    // The ID number's blind index stays only with the deletion record (staff find kept records by verified identity).
    expect(await tablesHolding(server.db, { 'ID blind index': user.id_number_index })).toEqual({ account_deletions: ['ID blind index'] })
    // The account id remains only on kept administrative records and the tombstone.
    const kept = PERSONAL_TABLES.filter((t) => t.onDeletion !== 'delete').map((t) => t.table)
    const holding = Object.keys(await tablesHolding(server.db, { account: person.id }))
    expect(holding.filter((table) => !kept.includes(table))).toEqual([])
    const [tombstone] = (await server.db.query<Record<string, unknown>>('select * from users where id = $1', [person.id])).rows
    expect(tombstone).toEqual(
      expect.objectContaining({ phone_enc: null, phone_index: null, real_name_enc: null, id_number_enc: null, id_number_index: null, birth_date: null }),
    )
    expect(tombstone.deleted_at).not.toBeNull()
    expect((await server.db.query<{ n: number }>('select count(*)::int as n from cases where user_id = $1', [person.id])).rows[0].n).toBe(sealedCases)
    expect(
      (await server.db.query('select 1 from authorization_records r join authorizations a on a.id = r.authorization_id where a.user_id = $1', [person.id]))
        .rows,
    ).toHaveLength(1)
    // Files: the draft's upload and the export are gone; the submitted case's files are kept.
    const files = storedFiles(path.join(server.runtime.config.dataDir, 'files')).map((f) => path.basename(f))
    for (const key of person.draftFileKeys) expect(files).not.toContain(key)
    for (const key of person.submittedFileKeys) expect(files).toContain(key)
    for (const id of exportIds) expect(fs.existsSync(path.join(server.runtime.config.dataDir, 'exports', `${id}.zip`))).toBe(false)
    // Nobody else lost anything.
    expect((await api(server, bystander.token).get('/api/v1/me')).json().realName).not.toBeNull()
    for (const key of bystander.draftFileKeys) expect(files).toContain(key)

    // The old token is dead; the same phone signs in to a new, empty account.
    expect((await api(server, person.token).get('/api/v1/me')).statusCode).toBe(401)
    const fresh = await loginBySms(server, person.phone)
    const me = (await api(server, fresh).get('/api/v1/me')).json()
    expect(me.id).not.toBe(person.id)
    expect(me.realName).toBeNull()
    const counts = (await api(server, fresh).get('/api/v1/me/privacy')).json().categories
    expect(counts.find((c: { key: string }) => c.key === 'cases').count).toBe(0)

    // At the window, staff find the kept records by the verified ID number, export them and record the answer; all audited.
    const windowStaff = await staffLogin(server, '13900000001')
    const reason = '本人持身份证到窗口申请查阅'
    const found = await api(server, windowStaff).post('/api/v1/staff/privacy/lookups', { hallId: 'tianfu', idNumber, reason })
    expect(found.statusCode).toBe(200)
    expect(found.json()).toEqual(expect.objectContaining({ subjectId: person.id, state: 'deleted', nameMasked: null }))
    expect(found.json().categories.find((c: { key: string }) => c.key === 'cases').count).toBeGreaterThan(0)
    const copy = await api(server, windowStaff).post(`/api/v1/staff/privacy/subjects/${person.id}/export`, { hallId: 'tianfu', reason })
    expect(copy.statusCode).toBe(200)
    expect(copy.json().tables.cases.length).toBe(sealedCases)
    expect(copy.json().tables.users).toEqual([expect.objectContaining({ id: person.id, phone: null, real_name: null })])
    const answered = { hallId: 'tianfu', kind: 'copy', note: '已当场提供副本' }
    expect((await api(server, windowStaff).post(`/api/v1/staff/privacy/subjects/${person.id}/answered`, answered)).statusCode).toBe(200)
    const { rows: audited } = await server.db.query<{ action: string; hall_id: string }>(
      `select action, hall_id from audit_log where target = $1 and action like 'privacy.%' order by id`,
      [`user:${person.id}`],
    )
    expect(audited.filter((a) => a.hall_id === 'tianfu').map((a) => a.action)).toEqual([
      'privacy.staff_lookup',
      'privacy.staff_export',
      'privacy.request_answered',
    ])
    // Staff of another hall, and citizens, are refused.
    const otherHall = await staffLogin(server, '13900000011')
    expect((await api(server, otherHall).post('/api/v1/staff/privacy/lookups', { hallId: 'tianfu', idNumber, reason })).statusCode).toBe(403)
    expect((await api(server, fresh).post('/api/v1/staff/privacy/lookups', { hallId: 'tianfu', idNumber, reason })).statusCode).toBe(403)
    expect(
      (await api(server, windowStaff).post('/api/v1/staff/privacy/lookups', { hallId: 'tianfu', idNumber: nextIdNumber('19600101'), reason })).statusCode,
    ).toBe(404)
  })
})

describe('retention', () => {
  it('deletes what passed its period and leaves what is within it (clock-driven)', async () => {
    const old = await citizen(server)
    const oldId = await userIdOf(server, old)
    const oldDraft = await createCase(server, old)
    ok(await upload(server, old, oldDraft.id, 'M02', await clearPhoto(), 'photo.jpg'), 'old upload')
    ok(await api(server, old).post('/api/v1/me/privacy/exports'), 'old export')
    await run('privacy-exports')
    const counts = await later(40 * DAY_MS, async () => {
      const recent = await citizen(server)
      const recentDraft = await createCase(server, recent)
      const swept = await applyRetention({ ...server.runtime, log: server.app.log })
      // Within their periods: the recent session and draft (and every message: none is a year old).
      expect((await api(server, recent).get('/api/v1/me')).statusCode).toBe(200)
      expect((await server.db.query('select 1 from cases where id = $1', [recentDraft.id])).rows).toHaveLength(1)
      return swept
    })
    // Past their periods: the old session (expired 33 days ago), the 40-day-old draft with its file, the 3-day export.
    expect((await server.db.query('select 1 from sessions where user_id = $1', [oldId])).rows).toHaveLength(0)
    expect((await server.db.query('select 1 from cases where id = $1', [oldDraft.id])).rows).toHaveLength(0)
    expect((await server.db.query('select 1 from privacy_exports where user_id = $1', [oldId])).rows).toHaveLength(0)
    expect(counts).toEqual(expect.objectContaining({ session: expect.any(Number), draft_case: expect.any(Number), privacy_export: expect.any(Number) }))
    expect(counts.session).toBeGreaterThan(0)
    expect(counts.draft_case).toBeGreaterThan(0)
    expect(counts.privacy_export).toBeGreaterThan(0)
    expect(counts.message).toBe(0)
  })
})
