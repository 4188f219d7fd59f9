/**
 * 好差评 (issue 21, docs/rating.md): every kind of finished service invites its citizen once; one rating per service,
 * also under a concurrent double submit; the change window on the driven clock; only one's own services; a 差评's
 * follow-up through 回访 and 整改 with escalation on the deadline; masking for staff; the window tablet; the export.
 */
import { escalateOverdueFollowUps, inviteToRate } from '../../server/modules/rating/service'
import { TUESDAY_10AM, api, citizen, staffLogin, startTestServer, type TestServer } from './harness'
import { EMS_ADDRESS, caseWithLicence, clerk, emsNumber, signaturePng } from './pickup-helpers'
import { decide, mark, reviewer, reviewingCardCase } from './review-helpers'
import { reserveName } from './name-helpers'
import { takeAndCheckIn } from './queue-helpers'

jest.setTimeout(180_000)

let server: TestServer
let windowStaff: string
let tianfuAdmin: string
let otherAdmin: string
let platformAdmin: string

beforeAll(async () => {
  server = await startTestServer()
  windowStaff = await staffLogin(server, '13900000002')
  tianfuAdmin = await staffLogin(server, '13900000005')
  otherAdmin = await staffLogin(server, '13900000015')
  platformAdmin = await staffLogin(server, '13900000000')
})
afterAll(() => server.close())
// Each test starts on Tuesday 2026-11-24 10:00 (some move the clock).
beforeEach(() => server.clock.set(TUESDAY_10AM))

const invite = () => inviteToRate(server.runtime)
const messages = async (token: string) =>
  (await api(server, token).get('/api/v1/me/messages')).json().messages as { kind: string; title: string; body: string; link: string | null }[]

/** A ticket served and finished at tianfu window 2; returns the citizen and their invitation's service id. */
async function servedTicket(name = '张三') {
  const token = await citizen(server, { name })
  const ticket = await takeAndCheckIn(server, token, windowStaff, 'tianfu-A')
  const desk = api(server, windowStaff)
  expect((await desk.post('/api/v1/staff/windows/tianfu-w2/call-next')).statusCode).toBe(200)
  expect((await desk.post(`/api/v1/staff/windows/tianfu-w2/tickets/${ticket.id}/start`)).statusCode).toBe(200)
  expect((await desk.post(`/api/v1/staff/windows/tianfu-w2/tickets/${ticket.id}/finish`)).statusCode).toBe(200)
  await invite()
  return { token, ticket, serviceId: await onlyInvitation(token) }
}

async function onlyInvitation(token: string): Promise<string> {
  const list = (await api(server, token).get('/api/v1/rating/services')).json().services
  expect(list).toHaveLength(1)
  return list[0].id
}

const rate = (token: string, id: string, body: object) => api(server, token).post(`/api/v1/rating/services/${id}/rating`, body)

describe('invitations, one per finished service of each kind', () => {
  it('queue 办结: one in-app invitation with a link to the rating page, once', async () => {
    const { token, ticket, serviceId } = await servedTicket()
    await invite()
    const invitations = (await messages(token)).filter((m) => m.kind === 'rating_invite')
    expect(invitations).toEqual([expect.objectContaining({ title: '请您评价本次服务', link: `/pages/rating/rate/index?id=${serviceId}` })])
    expect(invitations[0].body).toContain(`取号 ${ticket.number} · 2号窗口`)
    const one = (await api(server, token).get(`/api/v1/rating/services/${serviceId}`)).json()
    expect(one).toMatchObject({ kind: 'queue', hallName: expect.any(String), rating: null })
  })

  it('a pre-review decided (not a 补正 round), a licence delivered and a name reserved are each rateable', async () => {
    const reviewerToken = await reviewer(server)
    const applicant = await citizen(server)
    const c = await reviewingCardCase(server, applicant, reviewerToken)
    for (const code of ['M01', 'M02']) expect((await mark(server, reviewerToken, c.id, code, { verdict: 'pass' })).statusCode).toBe(200)
    expect((await decide(server, reviewerToken, c.id, { decision: 'approve' })).statusCode).toBe(200)

    const clerkToken = await clerk(server)
    const holder = await citizen(server)
    const caseNumber = await caseWithLicence(server, holder, clerkToken)
    const signed = await api(server, holder).post('/api/v1/authorizations', {
      caseNumber,
      method: 'ems',
      address: EMS_ADDRESS,
      signaturePng: await signaturePng(),
    })
    expect(signed.statusCode).toBe(201)
    const id = signed.json().id
    expect((await api(server, clerkToken).post(`/api/v1/staff/pickup/authorizations/${id}/shipment`, { emsNumber: emsNumber('20000001') })).statusCode).toBe(
      200,
    )
    expect((await api(server, clerkToken).post(`/api/v1/staff/pickup/authorizations/${id}/events`, { kind: 'delivered' })).statusCode).toBe(200)

    const declarant = await citizen(server)
    expect((await reserveName(server, declarant, '成都蜀锦澜图文化传播有限公司')).statusCode).toBe(201)

    await invite()
    const kinds = async (token: string) =>
      (await api(server, token).get('/api/v1/rating/services')).json().services.map((s: { kind: string; title: string }) => s.kind)
    expect(await kinds(applicant)).toEqual(['review'])
    expect(await kinds(holder)).toEqual(['pickup'])
    expect(await kinds(declarant)).toEqual(['name'])
    for (const token of [applicant, holder, declarant]) {
      const id = await onlyInvitation(token)
      expect((await rate(token, id, { level: 5, reasons: [] })).statusCode).toBe(201)
    }
  })
})

describe('one rating per service', () => {
  it('a second rating is refused, also when both are sent at once', async () => {
    const { token, serviceId } = await servedTicket()
    const both = await Promise.all([rate(token, serviceId, { level: 4, reasons: [] }), rate(token, serviceId, { level: 5, reasons: [] })])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('ALREADY_RATED')
    const { rows } = await server.db.query('select count(*)::int as n from ratings r join rating_services s using (kind, service_id) where s.id = $1', [
      serviceId,
    ])
    expect(rows[0]).toEqual({ n: 1 })
  })

  it('only one’s own services: another citizen gets 404 and a stranger 401', async () => {
    const { serviceId } = await servedTicket()
    const other = await citizen(server)
    expect((await rate(other, serviceId, { level: 1, reasons: ['attitude'] })).statusCode).toBe(404)
    expect((await api(server, other).get(`/api/v1/rating/services/${serviceId}`)).statusCode).toBe(404)
    expect((await api(server).post(`/api/v1/rating/services/${serviceId}/rating`, { level: 5, reasons: [] })).statusCode).toBe(401)
  })

  it('refuses a 差评 without a reason, unknown reasons and levels out of range with Chinese messages', async () => {
    const { token, serviceId } = await servedTicket()
    const bare = await rate(token, serviceId, { level: 2, reasons: [] })
    expect(bare.statusCode).toBe(400)
    expect(bare.json()).toEqual({ code: 'REASON_REQUIRED', message: '请选择不满意的原因或填写评价内容' })
    expect((await rate(token, serviceId, { level: 2, reasons: ['rude'] })).statusCode).toBe(400)
    const six = await rate(token, serviceId, { level: 6, reasons: [] })
    expect(six.statusCode).toBe(400)
    expect(six.json().message).toContain('评价等级')
  })
})

describe('changing a rating', () => {
  it('is allowed for 24 hours on the clock, then refused', async () => {
    const { token, serviceId } = await servedTicket()
    expect((await rate(token, serviceId, { level: 3, reasons: [] })).statusCode).toBe(201)
    server.clock.advance(23 * 3_600_000)
    const changed = await api(server, token).put(`/api/v1/rating/services/${serviceId}/rating`, { level: 5, reasons: [], comment: '后来想想挺好' })
    expect(changed.statusCode).toBe(200)
    expect(changed.json().rating).toMatchObject({ level: 5, comment: '后来想想挺好', changeable: true })
    server.clock.advance(3_600_000)
    const late = await api(server, token).put(`/api/v1/rating/services/${serviceId}/rating`, { level: 4, reasons: [] })
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('CHANGE_WINDOW_CLOSED')
    expect((await api(server, token).get(`/api/v1/rating/services/${serviceId}`)).json().rating).toMatchObject({ level: 5, changeable: false })
  })

  it('a 差评 changed to 满意 before 回访 withdraws its follow-up', async () => {
    const { token, serviceId } = await servedTicket()
    expect((await rate(token, serviceId, { level: 2, reasons: ['slow'] })).statusCode).toBe(201)
    const changed = await api(server, token).put(`/api/v1/rating/services/${serviceId}/rating`, { level: 4, reasons: [] })
    expect(changed.json().rating.followUp).toMatchObject({ status: 'withdrawn' })
  })
})

describe('差评 follow-up', () => {
  it('goes to the hall manager, through 回访 and 整改 with their deadlines; the citizen sees the outcome; staff see the rater masked', async () => {
    const { token, serviceId } = await servedTicket('欧阳娜娜')
    const rated = await rate(token, serviceId, { level: 1, reasons: ['slow', 'attitude'], comment: '等了两个小时，窗口人员不耐烦' })
    expect(rated.statusCode).toBe(201)
    // Rated Tuesday 2026-11-24: 回访 by the next working day's close, 整改 by the 15th working day's.
    expect(rated.json().rating.followUp).toMatchObject({
      status: 'open',
      visitDueAt: expect.stringMatching(/^2026-11-25T/),
      rectifyDueAt: expect.stringMatching(/^2026-12-15T/),
    })
    expect((await messages(tianfuAdmin)).map((m) => m.title)).toContain('收到差评，请及时回访')

    const list = (await api(server, tianfuAdmin).get('/api/v1/staff/rating/follow-ups?hallId=tianfu&status=open')).json().followUps
    const mine = list.find((f: { comment: string }) => f.comment === '等了两个小时，窗口人员不耐烦')
    expect(mine).toMatchObject({ raterName: '欧***', raterPhone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/), level: 1, reasons: ['slow', 'attitude'] })
    expect(JSON.stringify(list)).not.toContain('欧阳娜娜')

    expect((await api(server, otherAdmin).get('/api/v1/staff/rating/follow-ups?hallId=tianfu')).statusCode).toBe(403)
    expect((await api(server, otherAdmin).post(`/api/v1/staff/rating/follow-ups/${mine.ratingId}/visit`, { note: '已电话联系' })).statusCode).toBe(403)
    expect((await api(server, windowStaff).get('/api/v1/staff/rating/follow-ups?hallId=tianfu')).statusCode).toBe(403)

    const early = await api(server, tianfuAdmin).post(`/api/v1/staff/rating/follow-ups/${mine.ratingId}/rectify`, { note: '已整改' })
    expect(early.statusCode).toBe(409)
    const visited = await api(server, tianfuAdmin).post(`/api/v1/staff/rating/follow-ups/${mine.ratingId}/visit`, { note: '已电话联系市民，核实属实并致歉' })
    expect(visited.json()).toMatchObject({ status: 'visited', visitNote: '已电话联系市民，核实属实并致歉' })
    expect((await api(server, tianfuAdmin).post(`/api/v1/staff/rating/follow-ups/${mine.ratingId}/visit`, { note: '再次回访' })).statusCode).toBe(409)
    // After 回访 the citizen may no longer change the rating under the manager.
    expect((await api(server, token).put(`/api/v1/rating/services/${serviceId}/rating`, { level: 5, reasons: [] })).json().code).toBe('FOLLOW_UP_STARTED')
    const rectified = await api(server, tianfuAdmin).post(`/api/v1/staff/rating/follow-ups/${mine.ratingId}/rectify`, {
      note: '高峰时段增开两个窗口，已对窗口人员批评教育',
    })
    expect(rectified.json()).toMatchObject({ status: 'rectified' })

    const seen = (await api(server, token).get(`/api/v1/rating/services/${serviceId}`)).json().rating.followUp
    expect(seen).toMatchObject({ status: 'rectified', visitNote: '已电话联系市民，核实属实并致歉', rectifyNote: '高峰时段增开两个窗口，已对窗口人员批评教育' })
    expect((await messages(token)).map((m) => m.title)).toEqual(expect.arrayContaining(['您的评价已回访', '您的评价已整改反馈']))

    const { rows } = await server.db.query<{ comment_enc: string; visit_note_enc: string }>(
      'select r.comment_enc, f.visit_note_enc from ratings r join rating_follow_ups f on f.rating_id = r.id where r.id = $1',
      [mine.ratingId],
    )
    expect(rows[0].comment_enc).not.toContain('等了')
    expect(rows[0].visit_note_enc).not.toContain('电话')
  })

  it('escalates on the deadline: the job marks the step overdue once and tells the hall and platform administrators', async () => {
    const { token, serviceId } = await servedTicket()
    const rated = await rate(token, serviceId, { level: 2, reasons: ['process_complex'] })
    const ratingDue = rated.json().rating.followUp.visitDueAt as string
    await escalateOverdueFollowUps(server.runtime)
    const overdueTitles = async (t: string) => (await messages(t)).filter((m) => m.kind === 'rating_overdue').length
    const before = { hall: await overdueTitles(tianfuAdmin), platform: await overdueTitles(platformAdmin) }

    server.clock.set(new Date(Date.parse(ratingDue) + 1000))
    await escalateOverdueFollowUps(server.runtime)
    await escalateOverdueFollowUps(server.runtime)
    expect(await overdueTitles(tianfuAdmin)).toBeGreaterThanOrEqual(before.hall + 1)
    expect(await overdueTitles(platformAdmin)).toBeGreaterThanOrEqual(before.platform + 1)
    const list = (await api(server, tianfuAdmin).get('/api/v1/staff/rating/follow-ups?hallId=tianfu')).json().followUps
    const escalated = list.find((f: { ratingId: string; visitDueAt: string; visitOverdueAt: string | null }) => f.visitDueAt === ratingDue && f.visitOverdueAt)
    expect(escalated).toMatchObject({ status: 'open', visitOverdueAt: expect.any(String), rectifyOverdueAt: null })
    const { rows } = await server.db.query<{ n: number }>(`select count(*)::int as n from messages where kind = 'rating_overdue' and dedupe_key like $1`, [
      `rating:${escalated.ratingId}:visit-overdue:%`,
    ])
    const admins = await server.db.query<{ n: number }>(
      `select count(distinct user_id)::int as n from (select user_id from staff_roles where hall_id = 'tianfu' and role = 'admin' and disabled_at is null union select user_id from platform_admins) a`,
    )
    expect(rows[0].n).toBe(admins.rows[0].n)
  })

  it('a name reservation’s 差评 goes to the platform administrators', async () => {
    const declarant = await citizen(server)
    expect((await reserveName(server, declarant, '成都青禾拾光科技有限公司')).statusCode).toBe(201)
    await invite()
    const id = await onlyInvitation(declarant)
    expect((await rate(declarant, id, { level: 2, reasons: ['online_unusable'] })).statusCode).toBe(201)
    const list = (await api(server, platformAdmin).get('/api/v1/staff/rating/follow-ups')).json().followUps
    expect(list.some((f: { kind: string; hallId: string | null }) => f.kind === 'name' && f.hallId === null)).toBe(true)
    expect((await api(server, tianfuAdmin).get('/api/v1/staff/rating/follow-ups')).statusCode).toBe(403)
  })
})

describe('the window tablet', () => {
  it('bound by window staff, shows the window’s last finished ticket and records its rating; a stranger token is refused', async () => {
    const bound = await api(server, windowStaff).post('/api/v1/staff/rating/kiosks', { windowId: 'tianfu-w2' })
    expect(bound.statusCode).toBe(201)
    const kiosk = { 'x-kiosk-token': bound.json().token }
    expect((await api(server, windowStaff).post('/api/v1/staff/rating/kiosks', { windowId: 'tianfu-w1' })).statusCode).toBe(403)
    const citizenToken = await citizen(server)
    expect((await api(server, citizenToken).post('/api/v1/staff/rating/kiosks', { windowId: 'tianfu-w2' })).statusCode).toBe(403)
    expect((await api(server).get('/api/v1/rating/kiosk/current')).statusCode).toBe(401)
    expect((await api(server).get('/api/v1/rating/kiosk/current', { 'x-kiosk-token': 'x'.repeat(43) })).statusCode).toBe(401)

    // Earlier tests finished tickets at this window at 10:00 on the reset clock; this one is later.
    server.clock.advance(60_000)
    const { token, ticket, serviceId } = await servedTicket()
    const current = (await api(server).get('/api/v1/rating/kiosk/current', kiosk)).json()
    expect(current).toMatchObject({ windowNumber: 2, service: { id: serviceId, title: expect.stringContaining(ticket.number) } })
    const rated = await api(server).post('/api/v1/rating/kiosk/ratings', { serviceId, level: 5, reasons: [] }, kiosk)
    expect(rated.statusCode).toBe(200)
    expect(rated.json().service).toBeNull()
    expect((await api(server, token).get(`/api/v1/rating/services/${serviceId}`)).json().rating).toMatchObject({ level: 5, channel: 'kiosk' })
    expect((await api(server).post('/api/v1/rating/kiosk/ratings', { serviceId, level: 1, reasons: ['slow'] }, kiosk)).json().code).toBe('ALREADY_RATED')

    // A rebinding revokes the old tablet; a ticket finished long ago is no longer offered.
    const again = await api(server, windowStaff).post('/api/v1/staff/rating/kiosks', { windowId: 'tianfu-w2' })
    expect((await api(server).get('/api/v1/rating/kiosk/current', kiosk)).statusCode).toBe(401)
    const next = await servedTicket()
    server.clock.advance(11 * 60_000)
    const stale = await api(server).post(
      '/api/v1/rating/kiosk/ratings',
      { serviceId: next.serviceId, level: 5, reasons: [] },
      { 'x-kiosk-token': again.json().token },
    )
    expect(stale.json().code).toBe('NOT_OFFERED')
  })
})

describe('export in the national 好差评 shape', () => {
  it('gives the hall manager the hall’s ratings in the date range, rater masked; other halls’ managers are refused', async () => {
    const { token, serviceId } = await servedTicket('司马相如')
    expect((await rate(token, serviceId, { level: 2, reasons: ['slow'], comment: '排队太久' })).statusCode).toBe(201)
    const day = new Date(server.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    const exported = await api(server, tianfuAdmin).get(`/api/v1/staff/rating/halls/tianfu/export?from=${day}&to=${day}`)
    expect(exported.statusCode).toBe(200)
    const record = exported.json().records.find((r: { writingEvaluation: string }) => r.writingEvaluation === '排队太久')
    expect(record).toMatchObject({
      serviceType: 'queue',
      orgCode: 'tianfu',
      satisfaction: 2,
      satisfactionName: '不满意',
      channel: '1',
      reasonCodes: ['slow'],
      reasonNames: ['办理时间长、等候久'],
      raterName: '司***',
      rectification: { status: 'open' },
    })
    expect(exported.body).not.toContain('司马相如')
    expect((await api(server, otherAdmin).get(`/api/v1/staff/rating/halls/tianfu/export?from=${day}&to=${day}`)).statusCode).toBe(403)
    expect((await api(server, tianfuAdmin).get(`/api/v1/staff/rating/halls/tianfu/export?from=2026-12-01&to=2026-11-01`)).statusCode).toBe(400)
  })
})
