/**
 * Other people's data and other halls, over every route the router knows (app.routeTable): a route
 * added later is walked too, and a user-owned route with a path parameter must be listed in OWNED
 * below or this suite fails.
 */
import { api, citizen, staffLogin, startTestServer, type TestServer } from './harness'
import { bookableDays, slotsOf, book } from './appointment-helpers'
import { clearPhoto, readyCardCase, upload } from './review-helpers'
import { caseWithLicence, EMS_ADDRESS, signaturePng } from './pickup-helpers'
import { reserveName } from './name-helpers'
import { screenCheckinToken, take } from './queue-helpers'
import { sample, type Schema } from './openapi-sample'
import { runJobExclusively } from '../../server/core/jobs'
import { ALL_JOBS } from '../../server/runtime'

jest.setTimeout(180_000)

let server: TestServer
let owner: string
let stranger: string
let tianfuStaff: Record<'staff' | 'reviewer' | 'clerk' | 'admin', string>
let requests = 0

beforeAll(async () => {
  server = await startTestServer()
  owner = await citizen(server, { name: '钱多多' })
  stranger = await citizen(server, { name: '孙悟空' })
  tianfuStaff = {
    staff: await staffLogin(server, '13900000001'),
    reviewer: await staffLogin(server, '13900000003'),
    clerk: await staffLogin(server, '13900000004'),
    admin: await staffLogin(server, '13900000005'),
  }
  const doc = (await api(server).get('/docs/json')).json() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>
  }
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const json = op.requestBody?.content['application/json']
      if (json) bodies[`${method.toUpperCase()} ${path}`] = json.schema
    }
  }
})
afterAll(async () => {
  console.log(`access walk: ${requests} requests over ${server.app.routeTable.filter((r) => r.url.startsWith('/api/')).length} routes`)
  await server.close()
})

const apiRoutes = () => server.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.websocket)

/** A syntactically valid value for each path parameter, so the request reaches the access check. */
const PLACEHOLDERS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000001',
  fileId: '00000000-0000-4000-8000-000000000002',
  hallId: 'tianfu',
  windowId: 'tianfu-w1',
  code: 'M01',
  caseNumber: 'YS-20261124-000001',
  categoryCode: 'A',
  number: '1',
  userId: '00000000-0000-4000-8000-000000000003',
}
const fill = (url: string, values: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? PLACEHOLDERS[name] ?? 'x'))

const bodies: Record<string, Schema> = {}

const HALL_SETTINGS = {
  name: '测试服务中心',
  shortName: '测试',
  address: '测试地址一号',
  phone: '028-12345678',
  lat: 30.5,
  lng: 104,
  geofenceMeters: 300,
  countyCode: '510116',
  openTime: '09:00',
  closeTime: '17:00',
  takeCutoffMinutes: 30,
  level: 'district',
  parentHallId: null,
  parentManaged: false,
}

/** Bodies whose fields have patterns a generic sample cannot satisfy. */
const HAND_WRITTEN_BODIES: Record<string, object> = {
  'POST /api/v1/platform/halls': { id: 'walk', ...HALL_SETTINGS },
  'PUT /api/v1/admin/halls/:hallId': HALL_SETTINGS,
  'POST /api/v1/admin/halls/:hallId/categories': {
    code: 'Q',
    name: '测试',
    dailyQuota: 10,
    perPersonDailyCap: 1,
    avgHandleMinutes: 5,
    elderlyPriorityAge: null,
  },
  'POST /api/v1/admin/halls/:hallId/windows': { number: 90, name: '测试', categoryCodes: ['A'], priority: false },
  'PUT /api/v1/admin/halls/:hallId/windows/:number': { name: '测试', categoryCodes: ['A'], priority: false },
  'POST /api/v1/admin/halls/:hallId/staff': { phone: '13700000000', role: 'clerk', windowNumber: null },
  'POST /api/v1/platform/halls/:hallId/admins': { phone: '13700000000' },
  'POST /api/v1/staff/windows/:windowId/tickets/:id/transfer': { categoryCode: 'B' },
  'PUT /api/v1/staff/halls/:hallId/appointment-settings': {
    slotMinutes: 30,
    horizonDays: 5,
    bookingCloseTime: '17:00',
    cancelCutoffMinutes: 120,
    checkinBeforeMinutes: 15,
    checkinAfterMinutes: 30,
    noShowLimit: 2,
    noShowWindowDays: 30,
    blockDays: 90,
    capacities: [],
  },
  'POST /api/v1/staff/halls/:hallId/appointment-closures': { date: '2026-11-25', start: '14:00', end: '17:00', reason: '业务培训' },
  'POST /api/v1/staff/halls/:hallId/appointments/check-in': { voucher: 'ABCD1234' },
}

/** A body that passes the route's schema, so the request reaches the handler's own checks. */
const validBody = (method: string, url: string) =>
  HAND_WRITTEN_BODIES[`${method} ${url}`] ?? sample(bodies[`${method} ${url.replace(/:(\w+)/g, '{$1}')}`] ?? { type: 'object' })

function call(token: string | undefined, method: string, url: string, route = url) {
  requests++
  return server.app.inject({
    method: method as 'GET',
    url,
    payload: method === 'GET' || method === 'DELETE' ? undefined : (validBody(method, route) as object),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
}

it('refuses an anonymous caller on every route that is not public with 401', async () => {
  const problems: string[] = []
  for (const route of apiRoutes().filter((r) => r.auth !== 'public')) {
    const reply = await call(undefined, route.method, fill(route.url))
    if (reply.statusCode !== 401 || reply.json().message !== '请先登录') problems.push(`${route.method} ${route.url} → ${reply.statusCode}`)
  }
  expect(problems).toEqual([])
})

it('refuses a citizen on every staff, administrator and platform route with 403', async () => {
  const staffRoutes = apiRoutes().filter((r) => ['staff', 'reviewer', 'clerk', 'admin', 'platform'].includes(r.auth))
  expect(staffRoutes.length).toBeGreaterThan(20)
  const problems: string[] = []
  for (const route of staffRoutes) {
    const reply = await call(owner, route.method, fill(route.url), route.url)
    if (reply.statusCode !== 403) problems.push(`${route.method} ${route.url} → ${reply.statusCode}`)
  }
  expect(problems).toEqual([])
})

it('refuses a hall administrator and staff on every platform route (403)', async () => {
  const problems: string[] = []
  const platformRoutes = apiRoutes().filter((r) => r.auth === 'platform')
  expect(platformRoutes.length).toBeGreaterThan(1)
  for (const route of platformRoutes) {
    for (const token of Object.values(tianfuStaff)) {
      const reply = await call(token, route.method, fill(route.url), route.url)
      if (reply.statusCode !== 403) problems.push(`${route.method} ${route.url} → ${reply.statusCode}`)
    }
  }
  expect(problems).toEqual([])
})

it('refuses staff and administrators of one hall acting on another hall (403)', async () => {
  const problems: string[] = []
  for (const route of apiRoutes().filter((r) => r.auth in tianfuStaff && /:(hallId|windowId)/.test(r.url))) {
    const reply = await call(
      tianfuStaff[route.auth as keyof typeof tianfuStaff],
      route.method,
      fill(route.url, { hallId: 'kexuecheng', windowId: 'kexuecheng-w1' }),
      route.url,
    )
    if (reply.statusCode !== 403) problems.push(`${route.method} ${route.url} → ${reply.statusCode}`)
  }
  // Hall-scoped lists and id-addressed staff routes take the hall from the query or the object.
  for (const [role, url] of [
    ['reviewer', '/api/v1/review/queue?hallId=kexuecheng'],
    ['clerk', '/api/v1/staff/pickup/licences?hallId=kexuecheng&state=awaiting'],
    ['admin', '/api/v1/staff/rating/follow-ups?hallId=kexuecheng'],
    ['admin', '/api/v1/staff/rating/follow-ups'],
  ] as const) {
    const reply = await call(tianfuStaff[role], 'GET', url)
    if (reply.statusCode !== 403) problems.push(`GET ${url} → ${reply.statusCode}`)
  }
  expect(problems).toEqual([])
})

/** For each user-owned route with a path parameter: how to make the owner's object and its parameters. */
type Factory = () => Promise<Record<string, string>>
const cached: Record<string, Promise<Record<string, string>>> = {}
const once =
  (key: string, make: Factory): Factory =>
  () =>
    (cached[key] ??= make())

const ticket = once('ticket', async () => {
  const reply = await take(server, owner, 'tianfu-B')
  return { id: reply.json().id }
})
const appointment = once('appointment', async () => {
  const day = (await bookableDays(server)).days.find((d) => d.remaining > 0)!
  const slot = (await slotsOf(server, day.date)).find((s) => s.remaining > 0)!
  const reply = await book(server, owner, slot.id)
  if (reply.statusCode !== 201) throw new Error(reply.body)
  return { id: reply.json().id ?? reply.json().appointment?.id }
})
const reviewCase = once('case', async () => {
  const c = await readyCardCase(server, owner)
  return { id: c.id, fileId: c.files.M01, code: 'M01' }
})
const themeApplication = once('themeApplication', async () => {
  const reply = await api(server, owner).post('/api/v1/theme-applications', {
    themeId: 'clinic',
    hallId: 'tianfu',
    answers: { subject: 'individual', kind: 'clinic', xray: 'no' },
  })
  if (reply.statusCode !== 201) throw new Error(reply.body)
  return { id: reply.json().application.id }
})
const authorization = once('authorization', async () => {
  const caseNumber = await caseWithLicence(server, owner, tianfuStaff.clerk)
  const reply = await api(server, owner).post('/api/v1/authorizations', {
    caseNumber,
    method: 'ems',
    address: { ...EMS_ADDRESS, remember: true },
    signaturePng: await signaturePng(),
  })
  if (reply.statusCode !== 201) throw new Error(reply.body)
  return { id: reply.json().id, caseNumber }
})
const address = once('address', async () => {
  await authorization()
  const list = (await api(server, owner).get('/api/v1/pickup/addresses')).json()
  return { id: (list.addresses ?? list)[0].id }
})
const reservation = once('reservation', async () => {
  const reply = await reserveName(server, owner, '成都澜汐网络科技有限公司')
  if (reply.statusCode !== 201) throw new Error(reply.body)
  const body = reply.json()
  return { id: body.id ?? body.reservation?.id }
})
const ratedService = once('ratedService', async () => {
  // The reserved name is a finished service: the invitation job makes it rateable.
  await reservation()
  await runJobExclusively(
    { ...server.runtime, log: server.app.log },
    ALL_JOBS.find((job) => job.name === 'rating-invitations')!,
  )
  const { services } = (await api(server, owner).get('/api/v1/rating/services')).json()
  return { id: services[0].id }
})
const privacyExport = once('privacyExport', async () => {
  const reply = await api(server, owner).post('/api/v1/me/privacy/exports')
  if (reply.statusCode !== 201) throw new Error(reply.body)
  await runJobExclusively(
    { ...server.runtime, log: server.app.log },
    ALL_JOBS.find((job) => job.name === 'privacy-exports')!,
  )
  return { id: reply.json().id }
})
const message = once('message', async () => {
  const me = (await api(server, owner).get('/api/v1/me')).json()
  const { rows } = await server.db.query<{ id: string }>(
    `insert into messages (user_id, kind, title, body, created_at) values ($1, 'test', '测试', '测试', $2) returning id`,
    [me.id, server.clock.now()],
  )
  return { id: rows[0].id }
})

const OWNED: Record<string, Factory> = {
  'POST /api/v1/me/messages/:id/read': message,
  'GET /api/v1/queue/tickets/:id': ticket,
  'POST /api/v1/queue/tickets/:id/check-in': ticket,
  'POST /api/v1/queue/tickets/:id/cancel': ticket,
  'GET /api/v1/appointments/:id': appointment,
  'POST /api/v1/appointments/:id/cancel': appointment,
  'POST /api/v1/appointments/:id/check-in': appointment,
  'GET /api/v1/pickup/cases/:caseNumber': authorization,
  'DELETE /api/v1/pickup/addresses/:id': address,
  'GET /api/v1/authorizations/:id': authorization,
  'GET /api/v1/authorizations/:id/pdf': authorization,
  'GET /api/v1/authorizations/:id/verify': authorization,
  'GET /api/v1/authorizations/:id/tracking': authorization,
  'GET /api/v1/cases/:id': reviewCase,
  'POST /api/v1/cases/:id/materials/:code/files': reviewCase,
  'DELETE /api/v1/cases/:id/files/:fileId': reviewCase,
  'GET /api/v1/cases/:id/files/:fileId': reviewCase,
  'POST /api/v1/cases/:id/submit': reviewCase,
  'POST /api/v1/cases/:id/withdraw': reviewCase,
  'GET /api/v1/theme-applications/:id': themeApplication,
  'POST /api/v1/theme-applications/:id/submit': themeApplication,
  'GET /api/v1/names/reservations/:id': reservation,
  'POST /api/v1/names/reservations/:id/release': reservation,
  'GET /api/v1/me/privacy/exports/:id/download': privacyExport,
  'GET /api/v1/rating/services/:id': ratedService,
  'POST /api/v1/rating/services/:id/rating': ratedService,
  'PUT /api/v1/rating/services/:id/rating': ratedService,
}

it('lists every user-owned route with a path parameter, so none is forgotten', () => {
  const owned = apiRoutes()
    .filter((r) => (r.auth === 'user' || r.auth === 'realname') && r.url.includes(':'))
    .map((r) => `${r.method} ${r.url}`)
  expect(owned.filter((route) => !(route in OWNED))).toEqual([])
})

it("answers another citizen with 404 on every owned object, and the owner's data is untouched", async () => {
  const problems: string[] = []
  // Requests that need a real proof or a real file to get past their own input checks.
  const special: Record<string, (params: Record<string, string>) => ReturnType<typeof call>> = {
    'POST /api/v1/queue/tickets/:id/check-in': async (params) =>
      api(server, stranger).post(`/api/v1/queue/tickets/${params.id}/check-in`, { token: await screenCheckinToken(server, tianfuStaff.staff) }),
    'POST /api/v1/cases/:id/materials/:code/files': async (params) => upload(server, stranger, params.id, params.code, await clearPhoto()),
  }
  for (const [route, factory] of Object.entries(OWNED)) {
    const [method, url] = route.split(' ')
    const params = await factory()
    requests++
    const reply = special[route] ? await special[route](params) : await call(stranger, method, fill(url, params), url)
    if (reply.statusCode !== 404) problems.push(`${route} → ${reply.statusCode} ${reply.body.slice(0, 100)}`)
  }
  expect(problems).toEqual([])
  // The stranger's attempts changed nothing the owner can see.
  expect((await api(server, owner).get(`/api/v1/queue/tickets/${(await ticket()).id}`)).json().status).not.toBe('cancelled')
  expect((await api(server, owner).get(`/api/v1/cases/${(await reviewCase()).id}`)).statusCode).toBe(200)
})

it('keeps no plain ID number, phone or address in any table', async () => {
  await authorization()
  const me = (await api(server, owner).get('/api/v1/me')).json()
  const { rows } = await server.db.query<{ id_number_enc: string; phone_enc: string }>('select id_number_enc, phone_enc from users where id = $1', [me.id])
  const { cipher } = server.runtime.keys
  const secrets = [cipher.decrypt(rows[0].id_number_enc), cipher.decrypt(rows[0].phone_enc), EMS_ADDRESS.phone, EMS_ADDRESS.address]
  const tables = (
    await server.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    )
  ).rows.map((r) => r.table_name)
  expect(tables.length).toBeGreaterThan(20)
  const found: string[] = []
  for (const table of tables) {
    const dump = JSON.stringify((await server.db.query(`select * from "${table}"`)).rows)
    for (const secret of secrets) if (dump.includes(secret)) found.push(`${table} contains ${secret.slice(0, 4)}…`)
  }
  expect(found).toEqual([])
})

it('lets only the principal, the hall clerk and the case reviewer download a signed authorization PDF (finding 13 of 2026-12)', async () => {
  const { id, caseNumber } = await authorization()
  const pdf = (token: string) => api(server, token).get(`/api/v1/authorizations/${id}/pdf`)
  expect((await pdf(owner)).statusCode).toBe(200)
  expect((await pdf(tianfuStaff.clerk)).statusCode).toBe(200)
  // Window staff and a reviewer who did not review this case are staff of the hall, but have no need of it.
  for (const token of [tianfuStaff.staff, tianfuStaff.reviewer]) {
    const reply = await pdf(token)
    expect(reply.statusCode).toBe(403)
    expect(reply.json().message).toMatch(/[\u4e00-\u9fa5]/)
  }
  // The reviewer of the case may.
  const reviewerId = (await api(server, tianfuStaff.reviewer).get('/api/v1/me')).json().id
  await server.db.query('update cases set reviewer_user_id = $1 where case_number = $2', [reviewerId, caseNumber])
  expect((await pdf(tianfuStaff.reviewer)).statusCode).toBe(200)
  expect((await pdf(tianfuStaff.staff)).statusCode).toBe(403)
  expect((await pdf(stranger)).statusCode).toBe(404)
})
