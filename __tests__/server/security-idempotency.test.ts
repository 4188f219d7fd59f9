/**
 * Issue 13 #1: idempotent replays keep no personal data in plain form, expire after 24 hours, and a
 * key reused for a different request is refused (422) instead of replaying the first answer. The
 * personal-data scan runs every flow with an Idempotency-Key and then reads every column of every
 * table (JSON columns included, through each row's text form).
 */
import crypto from 'node:crypto'
import { IDEMPOTENCY_TTL_MS, idempotencyExpiryJob } from '../../server/core/idempotency'
import { runJobExclusively } from '../../server/core/jobs'
import { ALL_JOBS } from '../../server/runtime'
import { inviteToRate } from '../../server/modules/rating/service'
import { api, citizen, nextIdNumber, staffLogin, startTestServer, type TestServer } from './harness'
import { bookableDays, slotsOf } from './appointment-helpers'
import { readyCardCase } from './review-helpers'
import { caseWithLicence, clerk, emsNumber, signaturePng } from './pickup-helpers'
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import { baseTables, tablesHolding } from './personal-data-scan'

jest.setTimeout(180_000)

let server: TestServer
let clerkToken: string
beforeAll(async () => {
  server = await startTestServer()
  clerkToken = await clerk(server)
}, 120_000)
afterAll(() => server?.close())

const newKey = () => crypto.randomBytes(12).toString('base64url')
const keyed = (token: string, key = newKey()) => ({
  key,
  post: (url: string, body: unknown = {}) => api(server, token).post(url, body, { 'idempotency-key': key }),
})

const PRINCIPAL = '欧阳清漪'
const RECIPIENT = '司马长风'
const RECIPIENT_PHONE = '13655501234'
const STREET = '锦城大道九九九号澜汐苑'
const AGENT = '慕容青岚'
const AGENT_PHONE = '13766602345'
const RATING_COMMENT = '窗口没说清楚，请回电 13877703456'
const INVITED_PHONE = '13988804567'
const NEW_PHONE = '13599905678'

const emsAddress = {
  recipient: RECIPIENT,
  phone: RECIPIENT_PHONE,
  provinceCode: '510000',
  cityCode: '510100',
  districtCode: '510107',
  address: STREET,
  remember: true,
}

describe('stored answers', () => {
  it('seals the stored answer of a signed authorization and replays it unchanged', async () => {
    const token = await citizen(server, { name: PRINCIPAL })
    const caseNumber = await caseWithLicence(server, token, clerkToken)
    const request = keyed(token)
    const body = { caseNumber, method: 'ems', address: emsAddress, signaturePng: await signaturePng() }
    const first = await request.post('/api/v1/authorizations', body)
    expect(first.statusCode).toBe(201)
    expect(first.body).toContain(RECIPIENT)

    const { rows } = await server.db.query<{ row: string }>('select t::text as row from idempotency_keys t where key = $1', [request.key])
    expect(rows).toHaveLength(1)
    for (const secret of [PRINCIPAL, RECIPIENT, RECIPIENT_PHONE, STREET]) expect(rows[0].row).not.toContain(secret)

    const replay = await request.post('/api/v1/authorizations', body)
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body).toBe(first.body)
  })

  it('refuses a key reused with a different body (422), and does not replay the first answer', async () => {
    const token = await citizen(server)
    const request = keyed(token)
    const first = await request.post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-A' })
    expect(first.statusCode).toBe(201)
    const other = await request.post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-C' })
    expect(other.statusCode).toBe(422)
    expect(other.json()).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: '该请求标识已用于内容不同的另一请求，请使用新的请求标识' })
    // Another path with the same key is refused the same way; the same request still replays.
    expect((await request.post('/api/v1/appointments', { slotId: crypto.randomUUID(), itemId: 'company-llc-establishment' })).statusCode).toBe(422)
    const again = await request.post('/api/v1/queue/tickets', { categoryId: 'tianfu-A', hallId: 'tianfu' })
    expect(again.statusCode).toBe(201)
    expect(again.json().id).toBe(first.json().id)
  })

  it('expires stored answers after 24 hours through the job runner', async () => {
    expect(ALL_JOBS).toContain(idempotencyExpiryJob)
    const token = await citizen(server)
    const request = keyed(token)
    const body = { hallId: 'tianfu', categoryId: 'tianfu-B' }
    expect((await request.post('/api/v1/queue/tickets', body)).statusCode).toBe(201)
    const count = async () =>
      Number((await server.db.query<{ n: string }>('select count(*) as n from idempotency_keys where key = $1', [request.key])).rows[0].n)

    const ctx = { ...server.runtime, log: server.app.log }
    await runJobExclusively(ctx, idempotencyExpiryJob)
    expect(await count()).toBe(1)
    server.clock.advance(IDEMPOTENCY_TTL_MS + 60_000)
    try {
      await runJobExclusively(ctx, idempotencyExpiryJob)
      expect(await count()).toBe(0)
    } finally {
      server.clock.advance(-(IDEMPOTENCY_TTL_MS + 60_000))
    }
  })
})

it('keeps no plain personal data or pickup code in any column of any table after every flow ran with an Idempotency-Key', async () => {
  const owner = await citizen(server, { name: PRINCIPAL })
  const me = (await api(server, owner).get('/api/v1/me')).json()
  const { rows: users } = await server.db.query<{ id_number_enc: string; phone_enc: string }>('select id_number_enc, phone_enc from users where id = $1', [
    me.id,
  ])
  const { cipher } = server.runtime.keys
  const ownerIdNumber = cipher.decrypt(users[0].id_number_enc)
  const ownerPhone = cipher.decrypt(users[0].phone_enc)
  const agentIdNumber = nextIdNumber('19851212')
  const ok = <R extends { statusCode: number; body: string }>(reply: R, label: string): R => {
    if (reply.statusCode >= 300) throw new Error(`${label}: ${reply.statusCode} ${reply.body}`)
    return reply
  }

  // Take a ticket, book, reserve a name.
  ok(await keyed(owner).post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-A' }), 'take ticket')
  const day = (await bookableDays(server)).days.find((d) => d.remaining > 0)!
  const slot = (await slotsOf(server, day.date)).find((s) => s.remaining > 0)!
  ok(await keyed(owner).post('/api/v1/appointments', { slotId: slot.id, itemId: 'company-llc-establishment' }), 'book')
  ok(
    await keyed(owner).post('/api/v1/names/reservations', {
      locationCode: '510107',
      entityType: 'llc',
      name: '成都澜汐清漪网络科技有限公司',
      preApproval: false,
      commitmentAccepted: true,
      commitmentVersion: COMMITMENT.version,
    }),
    'reserve name',
  )
  // Upload (multipart) and submit a case.
  const reviewCase = await readyCardCase(server, owner)
  ok(await keyed(owner).post(`/api/v1/cases/${reviewCase.id}/submit`, { deferredCodes: [] }), 'submit case')
  // Sign an EMS authorization, then the clerk ships it.
  const emsCase = await caseWithLicence(server, owner, clerkToken)
  const ems = ok(
    await keyed(owner).post('/api/v1/authorizations', { caseNumber: emsCase, method: 'ems', address: emsAddress, signaturePng: await signaturePng() }),
    'sign ems',
  )
  ok(await keyed(clerkToken).post(`/api/v1/staff/pickup/authorizations/${ems.json().id}/shipment`, { emsNumber: emsNumber('10000007') }), 'shipment')
  // Sign an agent authorization; the clerk checks the agent at the window.
  const agentCase = await caseWithLicence(server, owner, clerkToken)
  const agent = ok(
    await keyed(owner).post('/api/v1/authorizations', {
      caseNumber: agentCase,
      method: 'agent',
      agent: { name: AGENT, idNumber: agentIdNumber, phone: AGENT_PHONE },
      signaturePng: await signaturePng(),
    }),
    'sign agent',
  )
  const pickupCode: string = agent.json().pickupCode
  expect(pickupCode).toBeTruthy()
  ok(await keyed(clerkToken).post('/api/v1/staff/pickup/agent-checks', { code: pickupCode, idNumber: agentIdNumber }), 'agent check')

  // The recipient left to the BFF (本人: it fills the verified name and sign-in phone).
  const selfCase = await caseWithLicence(server, owner, clerkToken)
  ok(
    await keyed(owner).post('/api/v1/authorizations', {
      caseNumber: selfCase,
      method: 'ems',
      address: { ...emsAddress, recipient: 'self', phone: undefined },
      signaturePng: await signaturePng(),
    }),
    'sign ems to self',
  )
  // 好差评: the reserved name is offered for rating; the comment carries a phone number.
  await inviteToRate(server.runtime)
  const [offered] = (await api(server, owner).get('/api/v1/rating/services')).json().services as { id: string }[]
  ok(await keyed(owner).post(`/api/v1/rating/services/${offered.id}/rating`, { level: 2, reasons: ['result_wrong'], comment: RATING_COMMENT }), 'rate')
  // A hall administrator invites staff by phone; the owner moves the account to a new phone.
  const hallAdmin = await staffLogin(server, '13900000005')
  ok(await keyed(hallAdmin).post('/api/v1/admin/halls/tianfu/staff', { phone: INVITED_PHONE, role: 'reviewer', windowNumber: null }), 'invite staff')
  const sent = ok(await keyed(owner).post('/api/v1/me/phone/code', { phone: NEW_PHONE }), 'phone code')
  ok(await api(server, owner).put('/api/v1/me/phone', { phone: NEW_PHONE, code: sent.json().devCode }), 'phone change')

  const stored = Number((await server.db.query<{ n: string }>('select count(*) as n from idempotency_keys where status_code is not null')).rows[0].n)
  expect(stored).toBeGreaterThanOrEqual(8)

  const secrets: Record<string, string> = {
    'owner ID number': ownerIdNumber,
    'owner phone': ownerPhone,
    'owner name': PRINCIPAL,
    'recipient name': RECIPIENT,
    'recipient phone': RECIPIENT_PHONE,
    'street address': STREET,
    'agent name': AGENT,
    'agent ID number': agentIdNumber,
    'agent phone': AGENT_PHONE,
    'pickup code': pickupCode,
    'rating comment': RATING_COMMENT,
    'invited staff phone': INVITED_PHONE,
    'new phone': NEW_PHONE,
  }
  expect((await baseTables(server.db)).length).toBeGreaterThan(20)
  const found = Object.entries(await tablesHolding(server.db, secrets)).flatMap(([table, labels]) => labels.map((label) => `${table} holds the ${label}`))
  expect(found).toEqual([])
})
