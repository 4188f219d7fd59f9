/**
 * EMS tracking (issue 19): the pickup-ems-tracking job asks China Post's stand-in (SM4-sealed, signature checked)
 * about shipped parcels, stores each scan once, marks the authorization 已签收 and tells the applicant; provider
 * failures (bad signature, throttling, a stall, an unknown waybill) become metrics and leave the parcel for its
 * next turn. The applicant alone sees the timeline. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '../../server/config'
import type { AppContext } from '../../server/core/context'
import { loadServerKeys } from '../../server/core/crypto'
import { emsTracker, sealEmsMessage, type EmsSettings } from '../../server/core/ems-tracking'
import { providerErrorCounts } from '../../server/core/provider-errors'
import { resealAuthorizationRecords } from '../../server/modules/pickup/reseal'
import { pollShippedParcels } from '../../server/modules/pickup/tracking'
import { api, citizen, startTestServer, type TestServer } from './harness'
import { EMS_ADDRESS, caseWithLicence, clerk, emsNumber, signaturePng } from './pickup-helpers'
import { startEmsStandIn, STAND_IN_REFUSALS, type EmsScan, type EmsStandIn } from './stand-ins/ems'
import { TEST_DATA_DIR } from './template'

jest.setTimeout(120_000)

const CUSTOMER = { senderNo: '1100012345678', authorization: 'Sfx1Ab9QSk2xSZkq', signKey: crypto.randomBytes(16).toString('base64') }

let standIn: EmsStandIn
let server: TestServer
let ctx: AppContext
let desk: string
let signature: string
let serial = 30_000_000

const settings = (): EmsSettings => ({ endpoint: standIn.url, ...CUSTOMER, timeoutMs: 1500, pollMinutes: 30 })

beforeAll(async () => {
  standIn = await startEmsStandIn(CUSTOMER)
  server = await startTestServer({
    env: {
      EMS_TRACKING: 'ems',
      EMS_ENDPOINT: standIn.url,
      EMS_SENDER_NO: CUSTOMER.senderNo,
      EMS_AUTHORIZATION: CUSTOMER.authorization,
      EMS_SIGN_KEY: CUSTOMER.signKey,
      EMS_TIMEOUT_MS: '1500',
    },
  })
  ctx = { ...server.runtime, log: server.app.log }
  desk = await clerk(server)
  signature = await signaturePng()
}, 60_000)
afterAll(async () => {
  await server.close()
  await standIn.close()
})

/** A signed EMS authorization the clerk has shipped under a fresh waybill number. */
async function shipped() {
  const token = await citizen(server)
  const caseNumber = await caseWithLicence(server, token, desk)
  const signed = await api(server, token).post('/api/v1/authorizations', { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: signature })
  if (signed.statusCode !== 201) throw new Error(signed.body)
  const id = signed.json().id as string
  const ems = emsNumber(String(++serial))
  const shipment = await api(server, desk).post(`/api/v1/staff/pickup/authorizations/${id}/shipment`, { emsNumber: ems })
  if (shipment.statusCode !== 200) throw new Error(shipment.body)
  return { token, id, ems }
}

const scan = (opCode: string, opName: string, opTime: string, opDesc: string, org = '51000101'): EmsScan => ({
  opCode,
  opName,
  opTime,
  opOrgCode: org,
  opOrgCity: '成都市',
  opOrgName: '成都市武侯区揽投部',
  opDesc,
})
const ACCEPTED = scan('203', '收寄计费信息', '2026-12-01 09:12:00', '已收寄，揽投员：王五，电话：13900009999', '51000001')
const OUT_FOR_DELIVERY = scan('702', '投递下段', '2026-12-01 14:30:05', '快件正在派送中，请保持电话畅通')
const DELIVERED = scan('704', '投递结果反馈-妥投', '2026-12-01 16:02:41', '已签收，本人签收：李四，人民南路四段1号')

const tracking = (token: string, id: string) => api(server, token).get(`/api/v1/authorizations/${id}/tracking`)
const statusOf = async (token: string, id: string) => (await api(server, token).get(`/api/v1/authorizations/${id}`)).json().status
const storedScans = async (id: string) =>
  (await server.db.query<{ n: number }>('select count(*)::int as n from ems_tracking_events where authorization_id = $1', [id])).rows[0].n
const errorCount = (code: string) => providerErrorCounts().find((c) => c.provider === 'ems' && c.code === code)?.count ?? 0
/** Moves the clock past EMS_POLL_MINUTES, so every shipped parcel is due again. */
const nextTurn = () => server.clock.advance(31 * 60_000)

describe('polling the carrier', () => {
  it('stores each scan once, shows the applicant the timeline, then marks 已签收 and tells them once', async () => {
    const parcel = await shipped()
    standIn.parcels.set(parcel.ems, [ACCEPTED, OUT_FOR_DELIVERY])

    const first = await pollShippedParcels(ctx)
    expect(first).toMatchObject({ recorded: 2, delivered: 0, failed: 0 })
    expect(standIn.queried).toContain(parcel.ems)
    const timeline = await tracking(parcel.token, parcel.id)
    expect(timeline.statusCode).toBe(200)
    expect(timeline.json()).toMatchObject({
      method: 'ems',
      emsNumber: parcel.ems,
      status: 'shipped',
      automatic: true,
      checkedAt: server.clock.now().toISOString(),
    })
    expect(timeline.json().events).toEqual([
      { code: '702', name: '投递下段', at: '2026-12-01T06:30:05.000Z', place: '成都市 成都市武侯区揽投部', description: '快件正在派送中，请保持电话畅通' },
      {
        code: '203',
        name: '收寄计费信息',
        at: '2026-12-01T01:12:00.000Z',
        place: '成都市 成都市武侯区揽投部',
        description: '已收寄，揽投员：王五，电话：13900009999',
      },
    ])
    // The carrier's text may name people: sealed at rest.
    const raw = JSON.stringify((await server.db.query('select * from ems_tracking_events where authorization_id = $1', [parcel.id])).rows)
    expect(raw).not.toContain('王五')
    expect(raw).not.toContain('13900009999')

    // Not due again before EMS_POLL_MINUTES: the carrier is not asked.
    const asked = standIn.queried.length
    expect((await pollShippedParcels(ctx)).polled).toBe(0)
    expect(standIn.queried.length).toBe(asked)

    nextTurn()
    standIn.parcels.set(parcel.ems, [ACCEPTED, OUT_FOR_DELIVERY, DELIVERED])
    expect(await pollShippedParcels(ctx)).toMatchObject({ recorded: 1, delivered: 1 })
    expect(await storedScans(parcel.id)).toBe(3)
    const view = (await api(server, parcel.token).get(`/api/v1/authorizations/${parcel.id}`)).json()
    expect(view).toMatchObject({ status: 'delivered', statusLabel: '已签收' })
    expect(view.events.at(-1)).toMatchObject({ kind: 'delivered', note: 'EMS：投递结果反馈-妥投（2026-12-01 16:02:41）' })
    const messages = (await api(server, parcel.token).get('/api/v1/me/messages')).json().messages as { title: string; body: string }[]
    expect(messages.filter((m) => m.title === '证照已签收')).toEqual([expect.objectContaining({ body: expect.stringContaining(parcel.ems) })])
    expect((await api(server, parcel.token).get('/api/v1/pickup/licences')).json().licences[0].status).toBe('handed_over')

    // Delivered parcels are no longer asked about; the clerk's fallback finds it done.
    nextTurn()
    await pollShippedParcels(ctx)
    expect(standIn.queried.filter((w) => w === parcel.ems)).toHaveLength(2)
    const late = await api(server, desk).post(`/api/v1/staff/pickup/authorizations/${parcel.id}/events`, { kind: 'delivered' })
    expect(late.statusCode).toBe(409)
  })

  it('holds "one scan, one row" in the database, whoever inserts it', async () => {
    const parcel = await shipped()
    standIn.parcels.set(parcel.ems, [ACCEPTED])
    await pollShippedParcels(ctx)
    const duplicate = server.db.query(
      `insert into ems_tracking_events (authorization_id, waybill_no, op_code, op_name, op_time, org_code, description_enc, recorded_at)
       values ($1, $2, '203', '收寄计费信息', '2026-12-01T01:12:00Z', '51000001', 'x', now())`,
      [parcel.id, parcel.ems],
    )
    await expect(duplicate).rejects.toMatchObject({ code: '23505' })
    // Two pollers at once (two instances): each parcel is claimed by one of them.
    nextTurn()
    const before = standIn.queried.filter((w) => w === parcel.ems).length
    await Promise.all([pollShippedParcels(ctx), pollShippedParcels(ctx)])
    expect(standIn.queried.filter((w) => w === parcel.ems).length).toBe(before + 1)
    expect(await storedScans(parcel.id)).toBe(1)
  })

  it('keeps a delivery the carrier withdrew (743) out of the status, and the clerk can still record it by hand', async () => {
    const parcel = await shipped()
    standIn.parcels.set(parcel.ems, [ACCEPTED, DELIVERED, scan('743', '投递妥投撤销', '2026-12-01 17:00:00', '妥投信息撤销')])
    nextTurn()
    expect(await pollShippedParcels(ctx)).toMatchObject({ delivered: 0 })
    expect(await statusOf(parcel.token, parcel.id)).toBe('shipped')
    const manual = await api(server, desk).post(`/api/v1/staff/pickup/authorizations/${parcel.id}/events`, { kind: 'delivered', note: '收件人来电确认已收到' })
    expect(manual.json()).toMatchObject({ status: 'delivered' })
  })
})

describe('provider failures', () => {
  it('an unknown waybill is no failure: nothing recorded, still shipped', async () => {
    const parcel = await shipped()
    nextTurn()
    const summary = await pollShippedParcels(ctx)
    expect(summary.failed).toBe(0)
    expect(await storedScans(parcel.id)).toBe(0)
    expect((await tracking(parcel.token, parcel.id)).json()).toMatchObject({ status: 'shipped', events: [] })
  })

  it('a bad signature is refused by the carrier, counted, and never crashes the job; three in a row end the run', async () => {
    const parcels = [await shipped(), await shipped(), await shipped(), await shipped()]
    for (const p of parcels) standIn.parcels.set(p.ems, [ACCEPTED])
    nextTurn()
    const before = errorCount(STAND_IN_REFUSALS.badSignature.retCode)
    const forged = { ...ctx, parcels: emsTracker({ ...settings(), signKey: crypto.randomBytes(16).toString('base64') }, server.clock) }
    const summary = await pollShippedParcels(forged)
    expect(summary).toMatchObject({ polled: 3, failed: 3, recorded: 0 })
    expect(errorCount(STAND_IN_REFUSALS.badSignature.retCode)).toBe(before + 3)
    for (const p of parcels) expect(await statusOf(p.token, p.id)).toBe('shipped')
    // The right key on a later turn: every parcel is caught up.
    nextTurn()
    await pollShippedParcels(ctx)
    for (const p of parcels) expect(await storedScans(p.id)).toBe(1)
  })

  it('the platform decrypts what the adapter seals: a message sealed under another key is a bad signature', async () => {
    const form = new URLSearchParams({
      apiCode: '040001',
      senderNo: CUSTOMER.senderNo,
      authorization: CUSTOMER.authorization,
      timeStamp: '2026-12-01 10:00:00',
      logitcsInterface: sealEmsMessage(JSON.stringify({ waybillNo: 'EA000000000CN' }), crypto.randomBytes(16).toString('base64')),
    })
    const answer = await (await fetch(standIn.url, { method: 'POST', body: form })).json()
    expect(answer).toMatchObject(STAND_IN_REFUSALS.badSignature)
    const wrongCustomer = await emsTracker({ ...settings(), authorization: 'not-the-code' }, server.clock)
      .track('EA000000000CN')
      .catch((e) => e)
    expect(wrongCustomer).toMatchObject({ code: STAND_IN_REFUSALS.unknownCustomer.retCode, throttled: false })
  })

  it('throttling (HTTP 429) stops the run at the first refusal; the parcels wait for their next turn', async () => {
    const parcels = [await shipped(), await shipped()]
    nextTurn()
    const before = errorCount('http429')
    standIn.trouble = 'throttle'
    try {
      expect(await pollShippedParcels(ctx)).toMatchObject({ polled: 1, failed: 1 })
    } finally {
      standIn.trouble = null
    }
    expect(errorCount('http429')).toBe(before + 1)
    for (const p of parcels) expect(await statusOf(p.token, p.id)).toBe('shipped')
  })

  it('a carrier that never answers times out (EMS_TIMEOUT_MS), is counted, and the job goes on', async () => {
    const parcel = await shipped()
    standIn.parcels.set(parcel.ems, [ACCEPTED, DELIVERED])
    nextTurn()
    const before = errorCount('timeout')
    standIn.trouble = 'hang'
    const started = Date.now()
    try {
      const summary = await pollShippedParcels(ctx)
      expect(summary.failed).toBeGreaterThanOrEqual(1)
    } finally {
      standIn.trouble = null
    }
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(errorCount('timeout')).toBeGreaterThan(before)
    nextTurn()
    await pollShippedParcels(ctx)
    expect(await statusOf(parcel.token, parcel.id)).toBe('delivered')
  })
})

describe('the applicant’s timeline', () => {
  it('is the applicant’s alone: another citizen, the hall’s clerk and strangers learn nothing', async () => {
    const parcel = await shipped()
    const other = await citizen(server)
    for (const token of [other, desk]) {
      const answer = await tracking(token, parcel.id)
      expect(answer.statusCode).toBe(404)
      expect(answer.json().message).toBe('委托书不存在')
    }
    expect((await api(server).get(`/api/v1/authorizations/${parcel.id}/tracking`)).statusCode).toBe(401)
    const malformed = await tracking(parcel.token, 'not-a-uuid')
    expect(malformed.statusCode).toBe(400)
  })

  it('says when tracking is manual: no carrier polled, the clerk’s entries are the progress', async () => {
    const manual = await startTestServer({ env: { EMS_TRACKING: 'manual' } })
    try {
      expect(manual.runtime.parcels).toBeNull()
      expect(await pollShippedParcels({ ...manual.runtime, log: manual.app.log })).toEqual({ polled: 0, recorded: 0, delivered: 0, failed: 0 })
    } finally {
      await manual.close()
    }
  })
})

describe('configuration', () => {
  it('production must choose EMS_TRACKING, and ems names every missing setting and a bad key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('EMS_TRACKING must be set in production')
    expect(() => loadConfig({ EMS_TRACKING: 'ems' })).toThrow('EMS_TRACKING=ems needs EMS_SENDER_NO, EMS_AUTHORIZATION, EMS_SIGN_KEY')
    expect(() => loadConfig({ EMS_TRACKING: 'ems', EMS_SENDER_NO: '1', EMS_AUTHORIZATION: 'a', EMS_SIGN_KEY: 'c2hvcnQ=' })).toThrow(
      'EMS_SIGN_KEY must be the platform’s 签名钥匙: Base64 of 16 bytes',
    )
    expect(() => loadConfig({ EMS_TRACKING: 'sf-express' })).toThrow('EMS_TRACKING must be one of: manual, ems')
    expect(loadConfig({}).parcelTracking).toEqual({ kind: 'manual' })
    expect(loadConfig({ EMS_TRACKING: 'ems', EMS_SENDER_NO: '1', EMS_AUTHORIZATION: 'a', EMS_SIGN_KEY: CUSTOMER.signKey }).parcelTracking).toMatchObject({
      kind: 'ems',
      endpoint: 'https://api.ems.com.cn/amp-prod-api/f/amp/api/open',
      timeoutMs: 8000,
      pollMinutes: 30,
    })
  })
})

describe('a DATA_KEY rotation', () => {
  // Last in the file: it leaves this suite's sealed rows under a key only this test holds.
  it('re-seals the scan texts under the new key, and the guard lets nothing else change a scan', async () => {
    const parcel = await shipped()
    standIn.parcels.set(parcel.ems, [ACCEPTED])
    nextTurn()
    await pollShippedParcels(ctx)
    const keysDir = path.join(TEST_DATA_DIR, 'keys')
    const read = (file: string) => fs.readFileSync(path.join(keysDir, file), 'utf8').trim()
    const newKey = crypto.randomBytes(32).toString('base64')
    const original = server.runtime.keys.cipher
    const rotated = loadServerKeys({
      dataDir: TEST_DATA_DIR,
      env: { DATA_KEY: newKey, DATA_KEY_PREVIOUS: read('data.key'), BLIND_INDEX_KEY: read('blind-index.key') },
    })
    server.runtime.keys.cipher = rotated.cipher
    try {
      expect(await resealAuthorizationRecords(server.runtime)).toBeGreaterThan(0)
      expect(await resealAuthorizationRecords(server.runtime)).toBe(0)
      const sealed = (
        await server.db.query<{ id: number; description_enc: string }>('select id, description_enc from ems_tracking_events where authorization_id = $1', [
          parcel.id,
        ])
      ).rows[0]
      expect(sealed.description_enc.split(':')[0]).toBe(rotated.cipher.currentKeyId)

      // The old key retired: the timeline still reads.
      server.runtime.keys.cipher = loadServerKeys({ dataDir: TEST_DATA_DIR, env: { DATA_KEY: newKey, BLIND_INDEX_KEY: read('blind-index.key') } }).cipher
      expect((await tracking(parcel.token, parcel.id)).json().events[0].description).toBe(ACCEPTED.opDesc)

      const forged = server.runtime.keys.cipher.encrypt('已签收')
      await expect(server.db.query('update ems_tracking_events set description_enc = $2 where id = $1', [sealed.id, forged])).rejects.toThrow(/append-only/)
      await expect(server.db.query(`update ems_tracking_events set op_code = '704' where id = $1`, [sealed.id])).rejects.toThrow(/append-only/)
      await expect(server.db.query('delete from ems_tracking_events where id = $1', [sealed.id])).rejects.toThrow(/append-only/)
    } finally {
      server.runtime.keys.cipher = original
    }
  })
})
