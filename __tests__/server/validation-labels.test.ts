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

  it('gives every request field of every operation a title', async () => {
    type Node = { title?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[]; allOf?: Node[] }
    type Operation = { parameters?: { in: string; name: string; schema?: Node }[]; requestBody?: { content?: Record<string, { schema?: Node }> } }
    const doc = (await api(server).get('/docs/json')).json() as { paths: Record<string, Record<string, Operation>> }
    const untitled: string[] = []
    const walk = (node: Node | undefined, where: string) => {
      if (!node) return
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        if (!child.title) untitled.push(`${where}.${name}`)
        walk(child, `${where}.${name}`)
      }
      walk(node.items, `${where}[]`)
      for (const variant of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) walk(variant, where)
    }
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const parameter of operation.parameters ?? []) if (!parameter.schema?.title) untitled.push(`${method} ${path} ${parameter.in}:${parameter.name}`)
        walk(operation.requestBody?.content?.['application/json']?.schema, `${method} ${path} body`)
      }
    }
    expect(untitled).toEqual([])
  })
})
