/**
 * Issue 13 #15: dates are bounded to a sane horizon everywhere. Every route that takes a date uses the
 * shared DateString (a real calendar date in 2000–2099, checked by the OpenAPI walk below), and a route
 * that stores a date bounds it relative to today.
 */
import { DateString } from '../../server/core/schemas'
import { api, staffLogin, startTestServer, type TestServer } from './harness'

jest.setTimeout(120_000)

let server: TestServer
let staff: string
beforeAll(async () => {
  server = await startTestServer()
  staff = await staffLogin(server, '13900000001')
}, 120_000)
afterAll(() => server?.close())

const CHINESE = /[\u4e00-\u9fff]/
const closure = (date: string) =>
  api(server, staff).post('/api/v1/staff/halls/tianfu/appointment-closures', { date, start: '14:00', end: '17:00', reason: '业务培训' })

it('refuses a hall closure dated 9999-12-31, 0001-01-01, 2026-02-30 or more than a year ahead, and takes one next week', async () => {
  for (const date of ['9999-12-31', '0001-01-01', '2026-02-30', '2026-13-01', '+02026-12-01']) {
    const reply = await closure(date)
    expect([date, reply.statusCode]).toEqual([date, 400])
    expect(reply.json().message).toMatch(CHINESE)
  }
  const farAhead = await closure('2028-01-05')
  expect(farAhead.statusCode).toBe(400)
  expect(farAhead.json()).toEqual({ code: 'DATE_OUT_OF_RANGE', message: '闭厅日期须在 2026-11-24 至 2027-11-25 之间' })
  expect((await closure('2026-12-01')).statusCode).toBe(201)
})

it('refuses far dates in the citizen slot list and the staff day list', async () => {
  for (const date of ['9999-12-31', '0001-01-01', '2026-02-30']) {
    const slots = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=company-llc-establishment&date=${date}`)
    expect([date, slots.statusCode]).toEqual([date, 400])
    const day = await api(server, staff).get(`/api/v1/staff/halls/tianfu/appointments?date=${date}`)
    expect([date, day.statusCode]).toEqual([date, 400])
  }
  const longAgo = await api(server, staff).get('/api/v1/staff/halls/tianfu/appointments?date=2020-01-06')
  expect(longAgo.statusCode).toBe(400)
  expect(longAgo.json().code).toBe('DATE_OUT_OF_RANGE')
  expect((await api(server, staff).get('/api/v1/staff/halls/tianfu/appointments?date=2026-11-20')).statusCode).toBe(200)
})

type Schema = {
  type?: string
  format?: string
  pattern?: string
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
}

/** Every string field of a request schema, with its path. */
function stringFields(schema: Schema | undefined, at: string, out: { at: string; schema: Schema }[] = []) {
  if (!schema) return out
  if (schema.type === 'string') out.push({ at, schema })
  for (const [name, child] of Object.entries(schema.properties ?? {})) stringFields(child, `${at}.${name}`, out)
  stringFields(schema.items, `${at}[]`, out)
  for (const child of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) stringFields(child, at, out)
  return out
}

it('every request field that carries a date uses the shared DateString', async () => {
  const doc = (await api(server).get('/docs/json')).json() as {
    paths: Record<
      string,
      Record<string, { parameters?: { name: string; in: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
    >
  }
  const fields: { at: string; schema: Schema }[] = []
  for (const [route, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${route}`
      for (const parameter of op.parameters ?? []) stringFields(parameter.schema, `${where} ${parameter.in}:${parameter.name}`, fields)
      for (const content of Object.values(op.requestBody?.content ?? {})) stringFields(content.schema, `${where} body`, fields)
    }
  }
  const dateLike = fields.filter(
    ({ at, schema }) => /date/i.test(at.split(/[.:]/).at(-1) ?? '') || schema.format === 'date' || /\\d\{4\}-|\d{4}-/.test(schema.pattern ?? ''),
  )
  expect(dateLike.length).toBeGreaterThanOrEqual(3)
  const loose = dateLike.filter(({ schema }) => schema.format !== 'date' || schema.pattern !== DateString.pattern).map(({ at }) => at)
  expect(loose).toEqual([])
})
