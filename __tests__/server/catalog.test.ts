import { api, startTestServer, type TestServer } from './harness'
import { currentLoginAgreement } from '../../src/domain/legal'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

describe('halls', () => {
  it('lists both demo halls with their queue categories', async () => {
    const reply = await api(server).get('/api/v1/halls')
    expect(reply.statusCode).toBe(200)
    const halls = reply.json().halls
    expect(halls.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(['天府新区政务服务中心', '成都科学城政务服务中心']))
    for (const hall of halls) {
      expect(hall.categories.length).toBeGreaterThan(0)
      expect(hall.openTime).toMatch(/^\d\d:\d\d$/)
    }
  })

  it('reads the halls and their categories in two queries, not one per hall', async () => {
    const spy = jest.spyOn(server.db, 'query')
    try {
      const reply = await api(server).get('/api/v1/halls')
      expect(reply.statusCode).toBe(200)
      const statements = spy.mock.calls.map(([sql]) => String(sql))
      expect(statements.filter((sql) => /from queue_categories/.test(sql))).toHaveLength(1)
      expect(statements.filter((sql) => /from halls/.test(sql))).toHaveLength(1)
    } finally {
      spy.mockRestore()
    }
  })
})

describe('service-item catalog', () => {
  it('has at least 20 items, each with a material checklist', async () => {
    const items = (await api(server).get('/api/v1/items')).json().items
    expect(items.length).toBeGreaterThanOrEqual(20)
    for (const item of items) expect(item.materialCount).toBeGreaterThan(0)
  })

  it('finds items by keyword within a hall', async () => {
    const reply = await api(server).get(`/api/v1/items?hallId=tianfu&q=${encodeURIComponent('食品')}`)
    expect(reply.statusCode).toBe(200)
    const names = reply.json().items.map((i: { name: string }) => i.name)
    expect(names.length).toBeGreaterThan(0)
    expect(names.some((name: string) => name.includes('食品'))).toBe(true)
  })

  it('treats LIKE wildcards in the query literally', async () => {
    const reply = await api(server).get(`/api/v1/items?q=${encodeURIComponent('%_%')}`)
    expect(reply.statusCode).toBe(200)
    expect(reply.json().items).toEqual([])
  })

  it('shows an item with its materials in the shape of the rules', async () => {
    const first = (await api(server).get('/api/v1/items')).json().items[0]
    const reply = await api(server).get(`/api/v1/items/${first.id}`)
    expect(reply.statusCode).toBe(200)
    const { item } = reply.json()
    expect(item.materials.length).toBe(first.materialCount)
    for (const material of item.materials) {
      expect(['required', 'optional', 'deferrable']).toContain(material.necessity)
      expect(material.formats.length).toBeGreaterThan(0)
      if (material.necessity === 'deferrable') expect(material.isMain).toBe(false)
    }
    expect(item.hallIds).toContain('tianfu')
  })

  it('answers an unknown item with 404 and a Chinese message', async () => {
    const reply = await api(server).get('/api/v1/items/no-such-item')
    expect(reply.statusCode).toBe(404)
    expect(reply.json()).toEqual({ code: 'NOT_FOUND', message: '事项不存在' })
  })
})

describe('bad requests never become 500s', () => {
  it('rejects broken JSON', async () => {
    const reply = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms/send',
      payload: '{"phone":',
      headers: { 'content-type': 'application/json' },
    })
    expect(reply.statusCode).toBe(400)
    expect(reply.json().message).toBe('请求内容不是有效的 JSON')
  })

  it('rejects a wrong content type', async () => {
    const reply = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms/send',
      payload: 'phone=13800000000',
      headers: { 'content-type': 'text/plain' },
    })
    expect(reply.statusCode).toBe(415)
    expect(reply.json().code).toBe('FST_ERR_CTP_INVALID_MEDIA_TYPE')
  })

  it('rejects an oversized body', async () => {
    const reply = await api(server).post('/api/v1/auth/sms/send', { phone: 'x'.repeat(300 * 1024) })
    expect(reply.statusCode).toBe(413)
    expect(reply.json().message).toBe('提交的内容过大')
  })

  it('rejects extra and missing fields with a readable message', async () => {
    const extra = await api(server).post('/api/v1/auth/sms/send', { phone: '13800000000', admin: true })
    expect(extra.statusCode).toBe(400)
    expect(extra.json()).toEqual({ code: 'VALIDATION', message: '不支持的字段：admin' })
    const missing = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone: '13800000000' })
    expect(missing.json()).toEqual({ code: 'VALIDATION', message: '缺少必填项：验证码' })
  })

  it('answers unknown API paths with 404', async () => {
    const reply = await api(server).get('/api/v1/nothing-here')
    expect(reply.statusCode).toBe(404)
    expect(reply.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在' })
  })

  it('serves the OpenAPI document and health checks', async () => {
    const doc = await api(server).get('/docs/json')
    expect(doc.statusCode).toBe(200)
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/v1/halls', '/api/v1/items/{id}', '/api/v1/auth/sms/login']))
    expect((await api(server).get('/healthz')).json()).toEqual({ status: 'ok' })
    expect((await api(server).get('/readyz')).json()).toEqual({ status: 'ready' })
  })
})
