/**
 * 出证登记 and the lists around it: a clerk registers that a case's licence is ready (own hall only,
 * items with a result licence, cases not withdrawn/refused/expired), the applicant is told and sees it.
 */
import { api, citizen, loginBySms, startTestServer, type TestServer } from './harness'
import {
  EMS_ADDRESS,
  KEXUECHENG_CLERK,
  NO_LICENCE_ITEM,
  TIANFU_WINDOW_STAFF,
  caseWithLicence,
  clerk,
  insertCase,
  signaturePng,
  userIdOf,
} from './pickup-helpers'
import { staffLogin } from './harness'

let server: TestServer
let tianfuClerk: string
let otherClerk: string

beforeAll(async () => {
  server = await startTestServer()
  tianfuClerk = await clerk(server)
  otherClerk = await clerk(server, KEXUECHENG_CLERK)
}, 60_000)
afterAll(() => server.close())

const issue = (token: string, caseNumber: string) => api(server, token).post('/api/v1/staff/pickup/licences', { caseNumber })

describe('出证登记 (licence issued)', () => {
  it('registers the licence of a case with the item’s licence name and copies, and tells the applicant', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    const issued = await issue(tianfuClerk, caseNumber)
    expect(issued.statusCode).toBe(201)
    expect(issued.json()).toMatchObject({
      caseNumber,
      licenceName: '营业执照',
      copies: expect.stringContaining('正本1份、副本1份'),
      status: 'ready',
      hallId: 'tianfu',
      applicantNameMasked: '张*',
      authorization: null,
    })
    const messages = (await api(server, person).get('/api/v1/me/messages')).json().messages
    expect(messages[0]).toMatchObject({ kind: 'pickup', title: '证照已出证，可申请寄递', link: `/pages/pickup/authorize/index?caseNumber=${caseNumber}` })

    const mine = (await api(server, person).get('/api/v1/pickup/licences')).json().licences
    expect(mine.map((l: { caseNumber: string }) => l.caseNumber)).toEqual([caseNumber])
  })

  it('refuses a second registration of the same case', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    expect((await issue(tianfuClerk, caseNumber)).statusCode).toBe(201)
    const again = await issue(tianfuClerk, caseNumber)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'LICENCE_EXISTS', message: '该办件已出证登记，请勿重复登记' })
  })

  it('refuses concurrent registrations of one case but one', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    const answers = await Promise.all(Array.from({ length: 5 }, () => issue(tianfuClerk, caseNumber)))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409])
  })

  it('refuses items whose result is no licence', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person), { itemId: NO_LICENCE_ITEM })
    const answer = await issue(tianfuClerk, caseNumber)
    expect(answer.statusCode).toBe(422)
    expect(answer.json().code).toBe('NO_LICENCE')
    expect(answer.json().message).toContain('办结后不出具证照')
  })

  it.each([
    ['draft', 'CASE_NOT_APPROVED', '该办件尚未提交预审，预审通过后才能出证登记'],
    ['submitted', 'CASE_NOT_APPROVED', '该办件已提交，正在等待预审，预审通过后才能出证登记'],
    ['reviewing', 'CASE_NOT_APPROVED', '该办件正在预审中，预审通过后才能出证登记'],
    ['needs_fix', 'CASE_NOT_APPROVED', '该办件需补正，补正后预审通过才能出证登记'],
    ['deferred_approved', 'CASE_NOT_APPROVED', '该办件为容缺通过，容缺材料补齐并预审通过后才能出证登记'],
    ['withdrawn', 'CASE_CLOSED', '该办件已撤回，不能出证登记'],
    ['rejected', 'CASE_CLOSED', '该办件不予受理，不能出证登记'],
    ['expired', 'CASE_CLOSED', '该办件已过期，不能出证登记'],
  ])('refuses a %s case, tells nobody and registers nothing', async (status, code, message) => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person), { status })
    const answer = await issue(tianfuClerk, caseNumber)
    expect(answer.statusCode).toBe(409)
    expect(answer.json()).toEqual({ code, message })
    expect((await api(server, person).get('/api/v1/pickup/licences')).json().licences).toEqual([])
    expect((await api(server, person).get('/api/v1/me/messages')).json().messages.filter((m: { kind: string }) => m.kind === 'pickup')).toEqual([])
  })

  it('the database itself refuses a licence for a case that is not approved, and keeps a licensed case approved', async () => {
    const person = await citizen(server)
    const userId = await userIdOf(server, person)
    const submitted = await insertCase(server, userId, { status: 'submitted' })
    const clerkId = await userIdOf(server, tianfuClerk)
    const direct = server.db.query(
      `insert into licences (case_id, name, copies, issued_at, issued_by) select id, '营业执照', '1份', now(), $2 from cases where case_number = $1`,
      [submitted, clerkId],
    )
    await expect(direct).rejects.toMatchObject({ code: '23514' })

    const approved = await caseWithLicence(server, person, tianfuClerk)
    const reopen = server.db.query(`update cases set status = 'submitted' where case_number = $1`, [approved])
    await expect(reopen).rejects.toMatchObject({ code: '23514' })
    expect((await server.db.query<{ status: string }>('select status from cases where case_number = $1', [approved])).rows[0].status).toBe('approved')
  })

  it('a case sent back to the queue while the clerk registers: one of the two wins, never a licence on a submitted case', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    const [issued] = await Promise.all([
      issue(tianfuClerk, caseNumber),
      server.db.query(`update cases set status = 'submitted' where case_number = $1 and status = 'approved'`, [caseNumber]).catch(() => null),
    ])
    const row = (
      await server.db.query<{ status: string; licences: number }>(
        'select c.status, (select count(*)::int from licences l where l.case_id = c.id) as licences from cases c where c.case_number = $1',
        [caseNumber],
      )
    ).rows[0]
    if (issued.statusCode === 201) expect(row).toEqual({ status: 'approved', licences: 1 })
    else expect(row).toEqual({ status: 'submitted', licences: 0 })
  })

  it('refuses the clerk of another hall (403), window staff and citizens (403), strangers (401), unknown cases (404)', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    const other = await issue(otherClerk, caseNumber)
    expect(other.statusCode).toBe(403)
    expect(other.json().message).toBe('您不是该服务中心的工作人员')
    expect((await issue(await staffLogin(server, TIANFU_WINDOW_STAFF), caseNumber)).statusCode).toBe(403)
    expect((await issue(person, caseNumber)).statusCode).toBe(403)
    expect((await api(server).post('/api/v1/staff/pickup/licences', { caseNumber })).statusCode).toBe(401)
    const unknown = await issue(tianfuClerk, 'NOPE0000001')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().message).toBe('未找到该办件，请核对办件编号')
  })
})

describe('the clerk’s lists', () => {
  it('moves a licence from ready to awaiting once signed, and shows only the own hall', async () => {
    const person = await citizen(server)
    const caseNumber = await caseWithLicence(server, person, tianfuClerk)
    const list = async (state: string) =>
      (await api(server, tianfuClerk).get(`/api/v1/staff/pickup/licences?hallId=tianfu&state=${state}`))
        .json()
        .licences.map((l: { caseNumber: string }) => l.caseNumber)
    expect(await list('ready')).toContain(caseNumber)
    expect(await list('awaiting')).not.toContain(caseNumber)

    const signed = await api(server, person).post('/api/v1/authorizations', {
      caseNumber,
      method: 'ems',
      address: EMS_ADDRESS,
      signaturePng: await signaturePng(),
    })
    expect(signed.statusCode).toBe(201)
    expect(await list('ready')).not.toContain(caseNumber)
    expect(await list('awaiting')).toContain(caseNumber)

    const foreign = await api(server, otherClerk).get('/api/v1/staff/pickup/licences?hallId=tianfu&state=ready')
    expect(foreign.statusCode).toBe(403)
    expect((await api(server, person).get('/api/v1/staff/pickup/licences?hallId=tianfu&state=ready')).statusCode).toBe(403)
  })
})

describe('a case seen by its applicant', () => {
  it('shows no licence before it is issued, then the draft of the authorization with the principal’s name and masked ID', async () => {
    const person = await citizen(server, { name: '王小明' })
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    const before = (await api(server, person).get(`/api/v1/pickup/cases/${caseNumber}`)).json()
    expect(before).toMatchObject({ caseNumber, resultLicence: '营业执照', licence: null, draft: null })

    expect((await issue(tianfuClerk, caseNumber)).statusCode).toBe(201)
    const after = (await api(server, person).get(`/api/v1/pickup/cases/${caseNumber}`)).json()
    expect(after.licence.status).toBe('ready')
    expect(after.draft).toMatchObject({
      principal: { name: '王小明', idType: '居民身份证', idNumberMasked: expect.stringMatching(/^510107\*{8}\d{3}[\dX]$/) },
      caseNumber,
      licenceName: '营业执照',
      hallName: '天府新区政务服务中心',
    })
  })

  it('is 404 for another user, whether the case exists or not', async () => {
    const owner = await citizen(server)
    const caseNumber = await caseWithLicence(server, owner, tianfuClerk)
    const stranger = await loginBySms(server)
    const answer = await api(server, stranger).get(`/api/v1/pickup/cases/${caseNumber}`)
    expect(answer.statusCode).toBe(404)
    expect(answer.json().message).toBe('未找到该办件，请核对办件编号')
    expect((await api(server, stranger).get('/api/v1/pickup/cases/NOPE0000001')).statusCode).toBe(404)
    expect((await api(server, stranger).get('/api/v1/pickup/licences')).json().licences).toEqual([])
  })
})
