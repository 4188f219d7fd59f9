import { api, citizen, startTestServer, type TestServer } from './harness'

/** Validation messages name a field by its schema `title`, never by its property name. */
describe('validation messages: field labels come from the schemas', () => {
  let server: TestServer
  let token: string

  beforeAll(async () => {
    server = await startTestServer()
    token = await citizen(server)
  }, 120_000)
  afterAll(() => server?.close())

  const sign = (body: object) => api(server, token).post('/api/v1/authorizations', body)
  const valid = { caseNumber: 'CASE-0001', method: 'agent', signaturePng: 'data:image/png;base64,AAAA' }

  it('names a malformed case number 办件编号', async () => {
    const reply = await sign({ ...valid, caseNumber: '!' })
    expect(reply.statusCode).toBe(400)
    expect(reply.json()).toEqual({ code: 'VALIDATION', message: '办件编号的格式不正确' })
    expect(reply.body).not.toContain('caseNumber')
  })

  it('names a nested field by its own title', async () => {
    const reply = await sign({ ...valid, agent: { name: '张'.repeat(31), idNumber: '1', phone: '1' } })
    expect(reply.json()).toEqual({ code: 'VALIDATION', message: '代领人姓名过长' })
  })

  it('names a missing field by its title', async () => {
    const { signaturePng: _omitted, ...rest } = valid
    expect((await sign(rest)).json()).toEqual({ code: 'VALIDATION', message: '缺少必填项：手写签名' })
  })

  it('labels query and path parameters too', async () => {
    expect((await api(server).get('/api/v1/items?hallId=NOT_A_HALL')).json()).toEqual({ code: 'VALIDATION', message: '服务中心的格式不正确' })
    expect((await api(server, token).get('/api/v1/authorizations/not-a-uuid')).json()).toEqual({ code: 'VALIDATION', message: '编号的格式不正确' })
  })

  it('names an unknown field as sent, and a bad date 日期', async () => {
    expect((await sign({ ...valid, admin: true })).json()).toEqual({ code: 'VALIDATION', message: '不支持的字段：admin' })
    const slots = await api(server, token).get('/api/v1/appointments/slots?hallId=h1&itemId=i1&date=2026-02-30')
    expect(slots.json()).toEqual({ code: 'VALIDATION', message: '日期的格式不正确' })
  })
})
