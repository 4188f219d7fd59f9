/**
 * Walks the BFF's own OpenAPI document and throws malformed input at every operation. Every answer must
 * be a 4xx (or a 2xx where the garbage is harmless, e.g. a search for emoji) with the { code, message }
 * shape, never a 5xx, and no body may leak a stack trace or SQL.
 */
import { api, citizen, staffLogin, startTestServer, type TestServer } from './harness'
import { sample, type Schema } from './openapi-sample'

interface Operation {
  method: string
  path: string
  parameters: { name: string; in: 'path' | 'query' | 'header'; schema: Schema; required?: boolean }[]
  body: Schema | null
  bodyType: string | null
}

let server: TestServer
let operations: Operation[] = []
let tokens: { citizen: string; staff: string }
let requestsSent = 0

beforeAll(async () => {
  server = await startTestServer()
  tokens = { citizen: await citizen(server), staff: await staffLogin(server, '13900000001') }
  const doc = (await api(server).get('/docs/json')).json() as {
    paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: Schema }> } }>>
  }
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {}
      const bodyType = Object.keys(content)[0] ?? null
      operations.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: bodyType ? content[bodyType].schema : null, bodyType })
    }
  }
  operations = operations.filter((op) => op.path.startsWith('/api/'))
}, 60_000)
afterAll(async () => {
  console.log(`malformed-input walk: ${requestsSent} requests over ${operations.length} operations`)
  await server.close()
})

const EVIL_STRINGS = [
  '',
  'x'.repeat(100 * 1024),
  '😀🙈𠜎'.repeat(50),
  'a\u0000b\u0007c\u001b[31m',
  "'; drop table users; --",
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '%00%ff',
  '١٢٣',
]
const EVIL_NUMBERS = [-1, -1e308, 1e308, 2 ** 63, 0.5, Number.MAX_SAFE_INTEGER + 2]
const WRONG_TYPES: unknown[] = [null, true, 12345, 'text', [], {}, [1, 2, 3], { nested: { deep: true } }]

function fillPath(op: Operation, override: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in override) return encodeURIComponent(override[name])
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name)
    return encodeURIComponent(String(sample(param?.schema ?? {})))
  })
}

interface Probe {
  label: string
  url: string
  payload?: string
  contentType?: string
  /** True when the mutation makes the request invalid, so a 2xx would mean the server accepted garbage. */
  mustFail: boolean
}

function probesFor(op: Operation): Probe[] {
  const probes: Probe[] = []
  const base = fillPath(op)
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  for (const param of pathParams) {
    for (const evil of EVIL_STRINGS.filter(Boolean))
      probes.push({ label: `path ${param.name}=${evil.slice(0, 20)}`, url: fillPath(op, { [param.name]: evil }), mustFail: false })
  }
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    for (const evil of [...EVIL_STRINGS, ...EVIL_NUMBERS.map(String)]) {
      probes.push({ label: `query ${param.name}`, url: `${base}?${param.name}=${encodeURIComponent(evil)}`, mustFail: false })
    }
  }
  probes.push({ label: 'unknown query parameter', url: `${base}?zzz=${'q'.repeat(5000)}`, mustFail: false })
  if (op.body && op.bodyType === 'application/json') {
    const valid = sample(op.body) as Record<string, unknown>
    const json = (value: unknown) => JSON.stringify(value)
    probes.push({ label: 'broken JSON', url: base, payload: '{"a":', contentType: 'application/json', mustFail: true })
    probes.push({ label: 'JSON array body', url: base, payload: '[1,2]', contentType: 'application/json', mustFail: true })
    probes.push({ label: 'wrong content type', url: base, payload: 'a=1', contentType: 'application/x-www-form-urlencoded', mustFail: true })
    probes.push({ label: 'text body', url: base, payload: json(valid), contentType: 'text/plain', mustFail: true })
    probes.push({ label: 'extra field', url: base, payload: json({ ...valid, __proto__x: 1, isAdmin: true }), contentType: 'application/json', mustFail: true })
    probes.push({
      label: 'oversized body',
      url: base,
      payload: json({ ...valid, filler: 'x'.repeat(400 * 1024) }),
      contentType: 'application/json',
      mustFail: true,
    })
    for (const key of op.body.required ?? []) {
      const { [key]: _dropped, ...missing } = valid
      probes.push({ label: `missing ${key}`, url: base, payload: json(missing), contentType: 'application/json', mustFail: true })
    }
    for (const key of Object.keys(op.body.properties ?? {})) {
      // Ajv coerces scalars (12345 → "12345"), so a wrong type may legitimately pass; it must still never 5xx.
      for (const wrong of WRONG_TYPES)
        probes.push({
          label: `${key} as ${JSON.stringify(wrong)}`,
          url: base,
          payload: json({ ...valid, [key]: wrong }),
          contentType: 'application/json',
          mustFail: false,
        })
      for (const evil of EVIL_STRINGS)
        probes.push({ label: `${key} evil string`, url: base, payload: json({ ...valid, [key]: evil }), contentType: 'application/json', mustFail: false })
      for (const evil of EVIL_NUMBERS)
        probes.push({ label: `${key}=${evil}`, url: base, payload: json({ ...valid, [key]: evil }), contentType: 'application/json', mustFail: false })
    }
  } else if (op.method !== 'GET') {
    probes.push({ label: 'unexpected JSON body', url: base, payload: '{"x":1}', contentType: 'application/json', mustFail: false })
    probes.push({ label: 'broken JSON', url: base, payload: '{"a":', contentType: 'application/json', mustFail: false })
  }
  return probes
}

const LEAKS = [
  /\bat [\w.<>]+ \(/,
  /node_modules/,
  /\bselect\b.+\bfrom\b/i,
  /\binsert into\b/i,
  /SQLSTATE|syntax error at or near|violates .* constraint/i,
  /Error: /,
]

describe('every operation answers malformed input with a clear 4xx', () => {
  it('walks the OpenAPI document', async () => {
    expect(operations.length).toBeGreaterThan(5)
    const problems: string[] = []
    for (const op of operations) {
      for (const probe of probesFor(op)) {
        for (const token of [tokens.citizen, tokens.staff]) {
          const reply = await server.app.inject({
            method: op.method as 'GET',
            url: probe.url,
            payload: probe.payload,
            headers: { authorization: `Bearer ${token}`, ...(probe.contentType ? { 'content-type': probe.contentType } : {}) },
          })
          requestsSent++
          const where = `${op.method} ${op.path} [${probe.label}] → ${reply.statusCode}`
          if (reply.statusCode >= 500) problems.push(`${where}: ${reply.body.slice(0, 200)}`)
          else if (probe.mustFail && reply.statusCode < 400) problems.push(`${where}: accepted`)
          if (reply.statusCode >= 400) {
            let body: { code?: unknown; message?: unknown } = {}
            try {
              body = reply.json()
            } catch {
              problems.push(`${where}: not JSON`)
            }
            if (typeof body.code !== 'string' || typeof body.message !== 'string' || !/[\u4e00-\u9fa5]/.test(body.message))
              problems.push(`${where}: bad error shape ${reply.body.slice(0, 120)}`)
          }
          const leak = LEAKS.find((pattern) => pattern.test(reply.body))
          if (leak && reply.headers['content-type']?.toString().includes('json')) problems.push(`${where}: leaks ${leak}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 600_000)
})

describe('request schemas bound every input', () => {
  function unbounded(schema: Schema, at: string): string[] {
    const type = Array.isArray(schema.type) ? schema.type : [schema.type]
    const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((s, i) => unbounded(s, `${at}|${i}`))
    if (schema.enum || schema.const !== undefined) return nested
    const found: string[] = [...nested]
    if (type.includes('string') && schema.maxLength === undefined && !schema.pattern && !schema.format)
      found.push(`${at}: string without maxLength/pattern/format`)
    if ((type.includes('integer') || type.includes('number')) && (schema.minimum === undefined || schema.maximum === undefined))
      found.push(`${at}: number without minimum and maximum`)
    if (type.includes('array') && schema.items) found.push(...unbounded(schema.items, `${at}[]`))
    if (type.includes('object') && schema.properties) {
      if (schema.additionalProperties !== false) found.push(`${at}: object allows extra fields`)
      for (const [key, prop] of Object.entries(schema.properties)) found.push(...unbounded(prop, `${at}.${key}`))
    }
    return found
  }

  it('has a length on every string, a range on every number and no open objects', () => {
    const problems = operations.flatMap((op) => [
      ...(op.body && op.bodyType === 'application/json' ? unbounded(op.body, `${op.method} ${op.path} body`) : []),
      ...op.parameters.filter((p) => p.in !== 'header').flatMap((p) => unbounded(p.schema, `${op.method} ${op.path} ${p.in}.${p.name}`)),
    ])
    expect(problems).toEqual([])
  })
})
