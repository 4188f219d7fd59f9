/**
 * The hall side after signing (domain rules §6): EMS number with its S10 check digit and status events
 * up to 已签收; an agent verified at the window by the signed code and their ID number, then 已领取;
 * expiry of authorizations nobody acted on. The applicant is told at every step.
 */
import { expireAuthorizations } from '../../server/modules/pickup/service'
import { api, citizen, loginBySms, nextIdNumber, nextPhone, startTestServer, type TestServer } from './harness'
import { EMS_ADDRESS, KEXUECHENG_CLERK, caseWithLicence, clerk, emsNumber, signaturePng } from './pickup-helpers'
import { LEGAL_DOCUMENTS } from '../../src/domain/legal'

let server: TestServer
let tianfuClerk: string
let otherClerk: string
let signature: string
let serial = 10_000_000

beforeAll(async () => {
  server = await startTestServer()
  tianfuClerk = await clerk(server)
  otherClerk = await clerk(server, KEXUECHENG_CLERK)
  signature = await signaturePng()
}, 60_000)
afterAll(() => server.close())

const nextEms = () => emsNumber(String(++serial))
const desk = (token = tianfuClerk) => api(server, token)

async function signed(method: 'ems' | 'agent', agentId = nextIdNumber('19930202')) {
  const token = await citizen(server)
  const caseNumber = await caseWithLicence(server, token, tianfuClerk)
  const body =
    method === 'ems'
      ? { caseNumber, method, address: EMS_ADDRESS, signaturePng: signature }
      : { caseNumber, method, agent: { name: '赵六', idNumber: agentId, phone: '13900001111' }, signaturePng: signature }
  const answer = await api(server, token).post('/api/v1/authorizations', body)
  if (answer.statusCode !== 201) throw new Error(answer.body)
  return { token, caseNumber, agentId, ...(answer.json() as { id: string; number: string; pickupCode: string | null }) }
}

const titles = async (token: string) => (await api(server, token).get('/api/v1/me/messages')).json().messages.map((m: { title: string }) => m.title)

describe('EMS: 待寄出 → 已寄出 → 已签收', () => {
  it('gives the clerk the waybill details in full and the applicant each change', async () => {
    const a = await signed('ems')
    const view = (await desk().get(`/api/v1/staff/pickup/authorizations/${a.id}`)).json()
    expect(view.shipping).toEqual({ recipient: '李四', phone: '13812345678', address: '四川省成都市武侯区人民南路四段1号' })

    const ems = nextEms()
    const shipped = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: ems.toLowerCase().replace(/(.{4})/g, '$1 ') })
    expect(shipped.statusCode).toBe(200)
    expect(shipped.json()).toMatchObject({ status: 'shipped', statusLabel: '已寄出', emsNumber: ems })
    const mine = (await api(server, a.token).get(`/api/v1/authorizations/${a.id}`)).json()
    expect(mine).toMatchObject({ status: 'shipped', statusLabel: '已寄出', emsNumber: ems })
    expect(mine.events.map((e: { kind: string }) => e.kind)).toEqual(['signed', 'shipped'])
    expect(await titles(a.token)).toContain('证照已寄出')

    const transit = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/events`, { kind: 'transit', note: '已到达成都邮件处理中心' })
    expect(transit.statusCode).toBe(200)
    expect(transit.json().status).toBe('shipped')
    const delivered = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/events`, { kind: 'delivered' })
    expect(delivered.json()).toMatchObject({ status: 'delivered', statusLabel: '已签收' })
    const finalView = (await api(server, a.token).get(`/api/v1/authorizations/${a.id}`)).json()
    expect(finalView.events.map((e: { kind: string; note: string | null }) => [e.kind, e.note])).toEqual([
      ['signed', null],
      ['shipped', `EMS单号 ${ems}`],
      ['transit', '已到达成都邮件处理中心'],
      ['delivered', null],
    ])
    expect(await titles(a.token)).toEqual(expect.arrayContaining(['证照寄递进度', '证照已签收']))
    const licence = (await api(server, a.token).get('/api/v1/pickup/licences')).json().licences[0]
    expect(licence.status).toBe('handed_over')
    expect(
      (await desk().get('/api/v1/staff/pickup/licences?hallId=tianfu&state=done')).json().licences.map((l: { caseNumber: string }) => l.caseNumber),
    ).toContain(a.caseNumber)
  })

  it.each([
    ['EA123456784CN', 'EMS单号校验位不正确，请核对面单后重新输入'],
    ['EA12345678CN', 'EMS单号应为13位：2位字母、9位数字和CN，如 EA123456785CN'],
    ['EA123456785US', 'EMS单号应为13位：2位字母、9位数字和CN，如 EA123456785CN'],
  ])('refuses the EMS number %s', async (number, message) => {
    const a = await signed('ems')
    const answer = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: number })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().message).toBe(message)
  })

  it('refuses one waybill for two parcels, shipping twice, events before shipping and a transit event without text', async () => {
    const a = await signed('ems')
    const b = await signed('ems')
    const ems = nextEms()
    expect((await desk().post(`/api/v1/staff/pickup/authorizations/${b.id}/events`, { kind: 'delivered' })).json().code).toBe('WRONG_STATUS')
    expect((await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: ems })).statusCode).toBe(200)
    const reused = await desk().post(`/api/v1/staff/pickup/authorizations/${b.id}/shipment`, { emsNumber: ems })
    expect(reused.statusCode).toBe(409)
    expect(reused.json()).toEqual({ code: 'EMS_NUMBER_USED', message: '该EMS单号已登记在其他委托上，请核对面单' })
    const twice = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: nextEms() })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().message).toBe('该委托当前状态为「已寄出」，不能进行此操作')
    const silent = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/events`, { kind: 'transit', note: ' ' })
    expect(silent.statusCode).toBe(400)
    expect(silent.json().code).toBe('NOTE_REQUIRED')
  })

  it('lets only the clerks of the hall act: other hall 403, unknown id 404', async () => {
    const a = await signed('ems')
    const foreign = await desk(otherClerk).post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: nextEms() })
    expect(foreign.statusCode).toBe(403)
    expect((await desk().post('/api/v1/staff/pickup/authorizations/00000000-0000-4000-8000-000000000000/shipment', { emsNumber: nextEms() })).statusCode).toBe(
      404,
    )
    expect((await api(server, a.token).post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: nextEms() })).statusCode).toBe(403)
  })

  it('records one shipment when two clerks submit at once', async () => {
    const a = await signed('ems')
    const answers = await Promise.all(
      [nextEms(), nextEms(), nextEms()].map((n) => desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: n })),
    )
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
    const events = (await api(server, a.token).get(`/api/v1/authorizations/${a.id}`)).json().events
    expect(events.filter((e: { kind: string }) => e.kind === 'shipped')).toHaveLength(1)
  })
})

describe('agent: 待领取 → 已领取', () => {
  it('verifies the agent by the signed code and their ID number, then hands the licence over', async () => {
    const a = await signed('agent')
    const early = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/collect`)
    expect(early.statusCode).toBe(409)
    expect(early.json()).toEqual({ code: 'AGENT_NOT_VERIFIED', message: '请先扫描取件码并核验代领人身份证件' })

    const wrongPerson = await desk().post('/api/v1/staff/pickup/agent-checks', { code: a.pickupCode, idNumber: nextIdNumber('19930202') })
    expect(wrongPerson.statusCode).toBe(422)
    expect(wrongPerson.json()).toEqual({ code: 'AGENT_MISMATCH', message: '身份证号与委托书中的代领人不一致，不能代领' })
    const { rows } = await server.db.query<{ action: string }>(`select action from audit_log where target = $1 order by id`, [`authorization:${a.id}`])
    expect(rows.map((r) => r.action)).toContain('pickup.agent_mismatch')

    const checked = await desk().post('/api/v1/staff/pickup/agent-checks', { code: ` ${a.pickupCode} `, idNumber: a.agentId.toLowerCase() })
    expect(checked.statusCode).toBe(200)
    expect(checked.json()).toMatchObject({ id: a.id, agentVerified: true, status: 'awaiting_pickup', shipping: null })
    expect(checked.json().document.method.name).toBe('赵六')
    const again = await desk().post('/api/v1/staff/pickup/agent-checks', { code: a.pickupCode, idNumber: a.agentId })
    expect(again.statusCode).toBe(200)

    const collected = await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/collect`)
    expect(collected.json()).toMatchObject({ status: 'collected', statusLabel: '已领取' })
    const mine = (await api(server, a.token).get(`/api/v1/authorizations/${a.id}`)).json()
    expect(mine).toMatchObject({ status: 'collected', agentVerified: true, pickupCode: null, pickupQr: null })
    expect(mine.events.map((e: { kind: string }) => e.kind)).toEqual(['signed', 'agent_verified', 'collected'])
    expect(await titles(a.token)).toEqual(expect.arrayContaining(['代领人身份已核验', '证照已由代领人领取']))

    const late = await desk().post('/api/v1/staff/pickup/agent-checks', { code: a.pickupCode, idNumber: a.agentId })
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('ALREADY_COLLECTED')
  })

  it('refuses a forged or altered code, a bad ID number, and a clerk of another hall', async () => {
    const a = await signed('agent')
    const forged = `OTPK1.${a.id}.${'A'.repeat(86)}`
    for (const code of [forged, a.pickupCode!.slice(0, -2) + 'xx', 'hello', `OTPK1.${a.id}`]) {
      const answer = await desk().post('/api/v1/staff/pickup/agent-checks', { code, idNumber: a.agentId })
      expect(answer.statusCode).toBe(422)
      expect(answer.json().code).toBe('PICKUP_CODE_INVALID')
    }
    const bad = await desk().post('/api/v1/staff/pickup/agent-checks', { code: a.pickupCode, idNumber: '123' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('身份证号码应为18位，前17位为数字，最后一位为数字或X')
    expect((await desk(otherClerk).post('/api/v1/staff/pickup/agent-checks', { code: a.pickupCode, idNumber: a.agentId })).statusCode).toBe(403)
  })

  it('refuses EMS actions on an agent pickup and the window on an EMS delivery', async () => {
    const a = await signed('agent')
    expect((await desk().post(`/api/v1/staff/pickup/authorizations/${a.id}/shipment`, { emsNumber: nextEms() })).json().code).toBe('WRONG_STATUS')
    const e = await signed('ems')
    expect((await desk().post(`/api/v1/staff/pickup/authorizations/${e.id}/collect`)).json().code).toBe('WRONG_STATUS')
  })
})

describe('validity period', () => {
  it('refuses acting on an authorization past its last valid day, expires it (once) and lets the applicant sign again', async () => {
    const local = await startTestServer()
    try {
      const phone = nextPhone()
      let localClerk = await clerk(local)
      let token = await loginBySms(local, phone)
      await api(local, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '张三', idNumber: nextIdNumber() })
      const caseNumber = await caseWithLicence(local, token, localClerk)
      const first = (
        await api(local, token).post('/api/v1/authorizations', { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: signature })
      ).json()
      expect(first.validUntil).toBe('2026-12-24')

      local.clock.advance(30 * 86_400_000) // 2026-12-24 10:00: the last valid day
      const ctx = { ...local.runtime, log: local.app.log }
      expect(await expireAuthorizations(ctx)).toBe(0)
      local.clock.advance(86_400_000)
      // Sessions last a week: sign in again a month later.
      localClerk = await clerk(local)
      token = await loginBySms(local, phone)
      const overdue = await api(local, localClerk).post(`/api/v1/staff/pickup/authorizations/${first.id}/shipment`, { emsNumber: emsNumber('20000001') })
      expect(overdue.statusCode).toBe(409)
      expect(overdue.json()).toEqual({ code: 'AUTHORIZATION_EXPIRED', message: '该委托书已过有效期，需申请人重新签署' })

      expect(await expireAuthorizations(ctx)).toBe(1)
      expect(await expireAuthorizations(ctx)).toBe(0)
      const expired = (await api(local, token).get(`/api/v1/authorizations/${first.id}`)).json()
      expect(expired).toMatchObject({ status: 'expired', statusLabel: '已过期' })
      expect(expired.events.map((e: { kind: string }) => e.kind)).toEqual(['signed', 'expired'])
      expect(await (async () => (await api(local, token).get('/api/v1/me/messages')).json().messages.map((m: { title: string }) => m.title))()).toContain(
        '取件委托书已过期',
      )

      const draft = (await api(local, token).get(`/api/v1/pickup/cases/${caseNumber}`)).json()
      expect(draft.draft).not.toBeNull()
      const second = await api(local, token).post('/api/v1/authorizations', { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: signature })
      expect(second.statusCode).toBe(201)
      expect(second.json().validUntil).toBe('2027-01-24')
    } finally {
      await local.close()
    }
  }, 60_000)
})
