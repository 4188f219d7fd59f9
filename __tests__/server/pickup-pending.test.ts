/**
 * 待出证 (issue 14): the clerk does not type case numbers; the hall's approved cases without a licence
 * are listed (searchable by case number or masked applicant name), one tap registers, and the case
 * moves from 待出证 to the registered list.
 */
import { api, citizen, startTestServer, type TestServer } from './harness'
import { KEXUECHENG_CLERK, NO_LICENCE_ITEM, caseWithLicence, clerk, insertCase, userIdOf } from './pickup-helpers'

let server: TestServer
let tianfuClerk: string
let otherClerk: string

beforeAll(async () => {
  server = await startTestServer()
  tianfuClerk = await clerk(server)
  otherClerk = await clerk(server, KEXUECHENG_CLERK)
}, 60_000)
afterAll(() => server.close())

interface Pending {
  caseNumber: string
  itemName: string
  licenceName: string
  copies: string
  applicantNameMasked: string
  approvedAt: string
}

const pending = async (query = '', token = tianfuClerk, hallId = 'tianfu') => {
  const answer = await api(server, token).get(`/api/v1/staff/pickup/pending?hallId=${hallId}${query ? `&q=${encodeURIComponent(query)}` : ''}`)
  expect(answer.statusCode).toBe(200)
  return answer.json().cases as Pending[]
}
const numbers = (list: Pending[]) => list.map((c) => c.caseNumber)

describe('待出证', () => {
  it('lists the hall’s approved cases without a licence, and nothing else', async () => {
    const person = await citizen(server, { name: '李建国' })
    const userId = await userIdOf(server, person)
    const approved = await insertCase(server, userId)
    const others = [
      ...(await Promise.all(
        ['draft', 'submitted', 'reviewing', 'needs_fix', 'deferred_approved', 'rejected', 'withdrawn', 'expired'].map((status) =>
          insertCase(server, userId, { status }),
        ),
      )),
      await insertCase(server, userId, { hallId: 'kexuecheng' }),
      await insertCase(server, userId, { itemId: NO_LICENCE_ITEM }),
      await caseWithLicence(server, person, tianfuClerk),
    ]
    const list = await pending()
    expect(numbers(list)).toContain(approved)
    for (const other of others) expect(numbers(list)).not.toContain(other)
    expect(list.find((c) => c.caseNumber === approved)).toEqual({
      caseNumber: approved,
      itemName: '有限责任公司设立登记',
      licenceName: '营业执照',
      copies: expect.stringContaining('正本1份、副本1份'),
      applicantNameMasked: '李**',
      approvedAt: expect.any(String),
    })
    // The other hall's clerk sees its own case, not this one.
    expect(numbers(await pending('', otherClerk, 'kexuecheng'))).toContain(others[8])
    expect(numbers(await pending('', otherClerk, 'kexuecheng'))).not.toContain(approved)
  })

  it('searches by part of the case number or by the masked applicant name', async () => {
    const wang = await citizen(server, { name: '王芳' })
    const zhao = await citizen(server, { name: '赵丽华' })
    const wangCase = await insertCase(server, await userIdOf(server, wang))
    const zhaoCase = await insertCase(server, await userIdOf(server, zhao))

    expect(numbers(await pending(wangCase.slice(-6)))).toEqual([wangCase])
    expect(numbers(await pending(wangCase.toLowerCase()))).toEqual([wangCase])
    const byName = numbers(await pending('王'))
    expect(byName).toContain(wangCase)
    expect(byName).not.toContain(zhaoCase)
    expect(numbers(await pending('赵**'))).toContain(zhaoCase)
    expect(numbers(await pending('赵*'))).not.toContain(zhaoCase)
    expect(await pending('NOPE-0000')).toEqual([])
  })

  it('one registration moves the case out of 待出证 into the registered list, and it stays there', async () => {
    const person = await citizen(server)
    const caseNumber = await insertCase(server, await userIdOf(server, person))
    expect(numbers(await pending(caseNumber))).toEqual([caseNumber])

    const issued = await api(server, tianfuClerk).post('/api/v1/staff/pickup/licences', { caseNumber })
    expect(issued.statusCode).toBe(201)
    expect(await pending(caseNumber)).toEqual([])
    const ready = (await api(server, tianfuClerk).get('/api/v1/staff/pickup/licences?hallId=tianfu&state=ready')).json().licences
    expect(ready.map((l: { caseNumber: string }) => l.caseNumber)).toContain(caseNumber)
    expect(await pending(caseNumber)).toEqual([])
  })

  it('is for the hall’s clerks only, and answers bad input with a Chinese 400', async () => {
    const person = await citizen(server)
    expect((await api(server, otherClerk).get('/api/v1/staff/pickup/pending?hallId=tianfu')).statusCode).toBe(403)
    expect((await api(server, person).get('/api/v1/staff/pickup/pending?hallId=tianfu')).statusCode).toBe(403)
    expect((await api(server).get('/api/v1/staff/pickup/pending?hallId=tianfu')).statusCode).toBe(401)
    const tooLong = await api(server, tianfuClerk).get(`/api/v1/staff/pickup/pending?hallId=tianfu&q=${'1'.repeat(41)}`)
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await api(server, tianfuClerk).get('/api/v1/staff/pickup/pending')).statusCode).toBe(400)
  })
})
