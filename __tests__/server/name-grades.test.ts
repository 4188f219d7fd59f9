/**
 * The grades of the name check through the API (shared/domain §1.3): 禁用 refuses, 限用 needs the named approval
 * document stated, 提示 needs the risk confirmed and is kept for the registrar's review; famous marks are 提示.
 */
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import { api, citizen, startTestServer, type TestServer } from './harness'
import { checkName, WUHOU } from './name-helpers'

let server: TestServer
let token: string

beforeAll(async () => {
  server = await startTestServer()
  token = await citizen(server)
}, 60_000)
afterAll(() => server.close())

type Body = {
  verdict: string
  findings: { severity: string; rule: string; message: string; approval?: { key: string; document: string; reference?: string } }[]
}

async function check(name: string): Promise<Body> {
  const reply = await checkName(server, name)
  expect(reply.statusCode).toBe(200)
  return reply.json()
}

const reserve = (name: string, extra: Record<string, unknown> = {}) =>
  api(server, token).post('/api/v1/names/reservations', {
    locationCode: WUHOU,
    entityType: 'llc',
    name,
    preApproval: false,
    commitmentAccepted: true,
    commitmentVersion: COMMITMENT.version,
    ...extra,
  })

describe('POST /names/check grades each finding', () => {
  it('warns about a famous 字号 (成都华为网络科技有限公司) citing Reg 11(8), instead of accepting it silently', async () => {
    const body = await check('成都华为网络科技有限公司')
    expect(body.verdict).toBe('warn')
    expect(body.findings).toEqual([
      expect.objectContaining({ severity: 'warn', rule: expect.stringContaining('第十一条第（八）项'), message: expect.stringContaining('华为') }),
    ])
  })

  it('passes harmless compounds of forbidden words and still refuses the words themselves', async () => {
    for (const name of ['成都帝王蟹餐饮有限公司', '成都淫羊藿农业科技有限公司', '成都荷兰豆餐饮有限公司']) expect((await check(name)).verdict).toBe('accept')
    expect((await check('成都帝王娱乐有限公司')).verdict).toBe('reject')
  })

  it('answers 限用 with the approval document it needs', async () => {
    const body = await check('成都蓉光融资担保有限公司')
    expect(body.verdict).toBe('approval')
    expect(body.findings).toEqual([
      expect.objectContaining({
        severity: 'approval',
        approval: { key: 'financing_guarantee', document: expect.stringContaining('融资担保') },
        rule: expect.stringContaining('融资担保公司监督管理条例'),
      }),
    ])
  })
})

describe('POST /names/reservations enforces the grades', () => {
  it('reserves a 限用 name only with the named approval document stated, and keeps the document with the reservation', async () => {
    const missing = await reserve('成都蓉光融资担保有限公司')
    expect(missing.statusCode).toBe(422)
    expect(missing.json()).toMatchObject({ code: 'APPROVAL_REQUIRED', message: expect.stringContaining('融资担保公司的批准文件') })
    const otherDocument = await reserve('成都蓉光融资担保有限公司', { approvals: [{ key: 'bank', reference: '金复〔2026〕1号' }] })
    expect(otherDocument.json().code).toBe('APPROVAL_REQUIRED')
    const reference = '四川省地方金融管理局 川金监复〔2026〕18号'
    const stated = await reserve('成都蓉光融资担保有限公司', { approvals: [{ key: 'financing_guarantee', reference }] })
    expect(stated.statusCode).toBe(201)
    expect(stated.json().reservation).toMatchObject({
      riskConfirmed: false,
      findings: [expect.objectContaining({ severity: 'approval', approval: expect.objectContaining({ key: 'financing_guarantee', reference }) })],
    })
  })

  it('reserves a famous-mark name only after the risk is confirmed, and keeps the 提示 for review', async () => {
    const unconfirmed = await reserve('成都华为网络科技有限公司')
    expect(unconfirmed.statusCode).toBe(422)
    expect(unconfirmed.json().code).toBe('RISK_NOT_CONFIRMED')
    const confirmed = await reserve('成都华为网络科技有限公司', { riskConfirmed: true })
    expect(confirmed.statusCode).toBe(201)
    expect(confirmed.json().reservation).toMatchObject({
      riskConfirmed: true,
      findings: [expect.objectContaining({ severity: 'warn', message: expect.stringContaining('华为') })],
    })
  })

  it('needs both the approval and the confirmation when a name has a 限用 and a 提示', async () => {
    const approvals = [{ key: 'pawn', reference: '典当经营许可证 编号510100001' }]
    expect((await reserve('成都茅台典当有限公司', { approvals })).json().code).toBe('RISK_NOT_CONFIRMED')
    expect((await reserve('成都茅台典当有限公司', { riskConfirmed: true })).json().code).toBe('APPROVAL_REQUIRED')
    expect((await reserve('成都茅台典当有限公司', { approvals, riskConfirmed: true })).statusCode).toBe(201)
  })

  it('refuses a 禁用 name however it is confirmed', async () => {
    const reply = await reserve('成都蓉光特供酒业有限公司', { riskConfirmed: true, approvals: [{ key: 'misleading', reference: '无' + '文件' }] })
    expect(reply.statusCode).toBe(422)
    expect(reply.json()).toMatchObject({ code: 'NAME_REJECTED', message: expect.stringContaining('特供') })
  })

  it('answers malformed approvals with 400 and a Chinese message', async () => {
    for (const approvals of [[{ key: 'pawn', reference: '' }], [{ key: 'pawn' }], 'yes', [{ key: 'pawn', reference: '号', extra: 1 }]]) {
      const reply = await reserve('成都蓉光典当有限公司', { approvals })
      expect(reply.statusCode).toBe(400)
      expect(reply.json().message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
