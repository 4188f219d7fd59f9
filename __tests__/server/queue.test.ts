import { runJobExclusively } from '../../server/core/jobs'
import { expireTicketsJob } from '../../server/modules/queue/jobs'
import { issueTicket } from '../../server/modules/queue/service'
import { CHECKIN_ROTATE_MS } from '../../server/modules/queue/checkin-token'
import { TUESDAY_10AM, api, citizen, describeWithPostgres, loginBySms, staffLogin, startTestCluster, startTestServer, type TestServer } from './harness'
import { insertCitizens, insertWindowStaff, screenCheckinToken, take, takeAndCheckIn } from './queue-helpers'

jest.setTimeout(60_000)

/** A fresh server per block: the blocks move the clock and fill lines, and must not see each other's tickets. */
function withServer(now = TUESDAY_10AM) {
  const holder = {} as { server: TestServer }
  beforeAll(async () => {
    holder.server = await startTestServer({ now })
  })
  afterAll(() => holder.server.close())
  return holder
}

const messagesOf = async (server: TestServer, token: string, kind?: string) =>
  ((await api(server, token).get('/api/v1/me/messages')).json().messages as { kind: string; body: string; link: string | null }[]).filter(
    (m) => !kind || m.kind === kind,
  )

describe('taking a number remotely (网上取号)', () => {
  const s = withServer()

  it('issues A001 as 待签到 with people ahead, a wait range, the hall address and a check-in deadline', async () => {
    const reply = await take(s.server, await citizen(s.server))
    expect(reply.statusCode).toBe(201)
    const ticket = reply.json()
    expect(ticket).toMatchObject({ number: 'A001', status: 'waiting_checkin', ahead: 0, source: 'remote', priority: null, window: null })
    expect(ticket.hall.address).toContain('成都市')
    expect(ticket.estimatedWaitMinutes.max).toBeGreaterThan(ticket.estimatedWaitMinutes.min)
    // Taken at 10:00, the hall gives two hours to arrive and check in.
    expect(ticket.checkinDeadline).toBe(new Date('2026-11-24T12:00:00+08:00').toISOString())
    expect((await take(s.server, await citizen(s.server))).json().number).toBe('A002')
  })

  it('needs a signed-in user with a verified real name', async () => {
    expect((await api(s.server).post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-A' })).statusCode).toBe(401)
    const reply = await take(s.server, await loginBySms(s.server))
    expect(reply.statusCode).toBe(403)
    expect(reply.json().message).toBe('请先完成实名认证')
  })

  it('allows one active ticket per person per category and day, but another category', async () => {
    const token = await citizen(s.server)
    const first = (await take(s.server, token, 'tianfu-B')).json()
    const again = await take(s.server, token, 'tianfu-B')
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'TICKET_ACTIVE', message: `您今日已有「税务」的排队号 ${first.number}，请勿重复取号` })
    expect((await take(s.server, token, 'tianfu-C')).statusCode).toBe(201)
  })

  it('refuses a category of another hall', async () => {
    const reply = await api(s.server, await citizen(s.server)).post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'kexuecheng-A' })
    expect(reply.statusCode).toBe(404)
    expect(reply.json().message).toBe('该服务中心没有这个业务类别')
  })

  it('caps tickets per person per category and day, cancelled ones included', async () => {
    const token = await citizen(s.server)
    for (let i = 0; i < 3; i++) {
      const taken = await take(s.server, token, 'tianfu-D')
      expect(taken.statusCode).toBe(201)
      expect((await api(s.server, token).post(`/api/v1/queue/tickets/${taken.json().id}/cancel`)).json().status).toBe('cancelled')
    }
    const fourth = await take(s.server, token, 'tianfu-D')
    expect(fourth.statusCode).toBe(409)
    expect(fourth.json()).toEqual({ code: 'DAILY_CAP_REACHED', message: '您今日在「不动产」已取号 3 次，已达每人每日上限' })
  })

  it('stops at the daily quota of the category', async () => {
    await s.server.db.query(`update queue_categories set daily_quota = 2 where id = 'tianfu-E'`)
    const numbers = []
    for (let i = 0; i < 2; i++) numbers.push((await take(s.server, await citizen(s.server), 'tianfu-E')).json().number)
    expect(numbers).toEqual(['E001', 'E002'])
    const third = await take(s.server, await citizen(s.server), 'tianfu-E')
    expect(third.statusCode).toBe(409)
    expect(third.json()).toEqual({ code: 'QUOTA_EXHAUSTED', message: '今日「公积金」号源已取完，请明天再来或预约办理' })
    const status = (await api(s.server).get('/api/v1/queue/halls/tianfu/status')).json()
    expect(status.categories.find((c: { id: string }) => c.id === 'tianfu-E').remaining).toBe(0)
  })

  it('opens at opening time and closes at the cut-off before closing, on working days only', async () => {
    const token = await citizen(s.server)
    const attempt = async (at: string) => {
      s.server.clock.set(at)
      return take(s.server, token, 'tianfu-F')
    }
    const early = await attempt('2026-11-24T08:59:00+08:00')
    expect(early.statusCode).toBe(409)
    expect(early.json()).toEqual({ code: 'TAKING_CLOSED', message: '服务中心 09:00 开始办理，请在开放时间内取号' })
    expect((await attempt('2026-11-24T16:30:00+08:00')).json().message).toBe('今日网上取号已于 16:30 截止（闭厅前 30 分钟），请明天再来')
    expect((await attempt('2026-11-28T10:00:00+08:00')).json().message).toBe('今天不是工作日，服务中心不对外办理，请在工作日取号')
    expect((await attempt('2026-10-02T10:00:00+08:00')).json().message).toBe('今天是国庆节假期，服务中心不对外办理')
    expect((await api(s.server).get('/api/v1/queue/halls/tianfu/status')).json().takingClosedReason).toContain('国庆节')
    const lastMinute = await attempt('2026-11-24T16:29:00+08:00')
    expect(lastMinute.statusCode).toBe(201)
    // Closing caps the check-in deadline.
    expect(lastMinute.json().checkinDeadline).toBe(new Date('2026-11-24T17:00:00+08:00').toISOString())
    s.server.clock.set(TUESDAY_10AM)
  })

  it('numbers each day afresh, and a new day frees the one-active rule', async () => {
    const token = await citizen(s.server)
    expect((await take(s.server, token, 'tianfu-C')).statusCode).toBe(201)
    s.server.clock.set('2026-11-25T10:00:00+08:00')
    const tomorrow = await take(s.server, token, 'tianfu-C')
    expect(tomorrow.statusCode).toBe(201)
    expect(tomorrow.json().number).toBe('C001')
    s.server.clock.set(TUESDAY_10AM)
  })

  it('shows only the owner their ticket; others get 404', async () => {
    const mine = (await take(s.server, await citizen(s.server), 'tianfu-A')).json()
    const stranger = await citizen(s.server)
    for (const reply of [
      await api(s.server, stranger).get(`/api/v1/queue/tickets/${mine.id}`),
      await api(s.server, stranger).post(`/api/v1/queue/tickets/${mine.id}/cancel`),
    ]) {
      expect(reply.statusCode).toBe(404)
      expect(reply.json().message).toBe('排队号不存在')
    }
  })

  it("lists the user's tickets (我的排号)", async () => {
    const token = await citizen(s.server)
    const a = (await take(s.server, token, 'tianfu-A')).json()
    const b = (await take(s.server, token, 'tianfu-B')).json()
    const list = (await api(s.server, token).get('/api/v1/queue/tickets')).json().tickets
    expect(list.map((t: { id: string }) => t.id).sort()).toEqual([a.id, b.id].sort())
  })
})

describe('check-in (签到) and expiry', () => {
  const s = withServer()
  let staff: string
  beforeAll(async () => {
    staff = await staffLogin(s.server, '13900000002')
  })

  it("joins the line only after scanning the hall screen's QR code; until then no window calls it", async () => {
    const token = await citizen(s.server)
    const ticket = (await take(s.server, token)).json()
    const empty = await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w2/call-next')
    expect(empty.statusCode).toBe(409)
    expect(empty.json()).toEqual({ code: 'QUEUE_EMPTY', message: '当前没有已签到的排队号（未签到的网上取号不会被叫到）' })

    const code = (await api(s.server, staff).get('/api/v1/staff/halls/tianfu/checkin-code')).json()
    expect(code.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(code.url).toContain(`/q/checkin?token=${encodeURIComponent(code.token)}`)
    const checked = await api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, { token: code.token })
    expect(checked.statusCode).toBe(200)
    expect(checked.json()).toMatchObject({ status: 'waiting', ahead: 0 })
    const again = await api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, { token: code.token })
    expect(again.json()).toEqual({ code: 'ALREADY_CHECKED_IN', message: '您已签到，请留意叫号' })
    const called = await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w2/call-next')
    expect(called.json().current.number).toBe(ticket.number)
    await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w2/tickets/${ticket.id}/start`)
    await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w2/tickets/${ticket.id}/finish`)
  })

  it("accepts the previous code after a rotation, but not an older one, a forged one or another hall's", async () => {
    const token = await citizen(s.server)
    const ticket = (await take(s.server, token, 'tianfu-B')).json()
    const old = await screenCheckinToken(s.server, staff)
    const otherHall = await screenCheckinToken(s.server, await staffLogin(s.server, '13900000011'), 'kexuecheng')
    const checkIn = (body: object) => api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, body)
    const refusal = { code: 'CHECKIN_CODE_INVALID', message: '签到码无效或已过期，请扫描本服务中心大厅屏幕上的最新签到二维码' }
    expect((await checkIn({ token: otherHall })).json()).toEqual(refusal)
    expect((await checkIn({ token: old.slice(0, -2) + (old.endsWith('AA') ? 'BB' : 'AA') })).json()).toEqual(refusal)
    s.server.clock.advance(2 * CHECKIN_ROTATE_MS + 1000)
    const stale = await checkIn({ token: old })
    expect(stale.statusCode).toBe(422)
    expect(stale.json()).toEqual(refusal)
    const previous = await screenCheckinToken(s.server, staff)
    s.server.clock.advance(CHECKIN_ROTATE_MS)
    expect((await checkIn({ token: previous })).json().status).toBe('waiting')
    s.server.clock.set(TUESDAY_10AM)
  })

  it("checks in by location within the hall's geofence, and says how far away the citizen is", async () => {
    const token = await citizen(s.server)
    const ticket = (await take(s.server, token, 'tianfu-C')).json()
    const far = await api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, { location: { lat: 30.5085, lng: 104.0712, accuracy: 20 } })
    expect(far.statusCode).toBe(422)
    expect(far.json()).toEqual({ code: 'OUT_OF_GEOFENCE', message: '您距离天府新区政务服务中心约 1112 米，请到达大厅（300 米内）后再签到' })
    const near = await api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, { location: { lat: 30.4995, lng: 104.0712, accuracy: 20 } })
    expect(near.json().status).toBe('waiting')
  })

  it('needs exactly one proof', async () => {
    const token = await citizen(s.server)
    const ticket = (await take(s.server, token, 'tianfu-D')).json()
    for (const body of [{}, { token: 'x'.repeat(20), location: { lat: 30, lng: 104, accuracy: 20 } }]) {
      const reply = await api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, body)
      expect(reply.statusCode).toBe(400)
      expect(reply.json().message).toBe('请扫描大厅签到二维码或使用定位签到')
    }
  })

  it('expires a remote ticket not checked in by its deadline, and tells the citizen', async () => {
    const token = await citizen(s.server)
    const ticket = (await take(s.server, token, 'tianfu-F')).json()
    s.server.clock.set('2026-11-24T12:00:01+08:00')
    const late = await api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/check-in`, { token: await screenCheckinToken(s.server, staff) })
    expect(late.statusCode).toBe(409)
    expect(late.json()).toEqual({ code: 'CHECKIN_EXPIRED', message: '已超过签到截止时间 12:00，该号已失效，请重新取号' })
    await runJobExclusively({ ...s.server.runtime, log: s.server.app.log }, expireTicketsJob)
    expect((await api(s.server, token).get(`/api/v1/queue/tickets/${ticket.id}`)).json().status).toBe('expired')
    const messages = await messagesOf(s.server, token, 'queue_expired')
    expect(messages[0]).toMatchObject({ body: `您的号 ${ticket.number} 未在 12:00 前到厅签到，已失效，如需办理请重新取号` })
    // The freed category can be taken again.
    expect((await take(s.server, token, 'tianfu-F')).statusCode).toBe(201)
    s.server.clock.set(TUESDAY_10AM)
  })

  it('cancels a ticket until a window calls it', async () => {
    const token = await citizen(s.server)
    const ticket = await takeAndCheckIn(s.server, token, staff, 'tianfu-A')
    const cancel = () => api(s.server, token).post(`/api/v1/queue/tickets/${ticket.id}/cancel`)
    await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w2/call-next')
    expect((await cancel()).json()).toEqual({ code: 'TICKET_AT_WINDOW', message: '该号已在窗口叫号或办理中，无法取消' })
    await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w2/tickets/${ticket.id}/start`)
    await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w2/tickets/${ticket.id}/finish`)
    expect((await cancel()).json()).toEqual({ code: 'TICKET_ENDED', message: '该号已完成，无需取消' })
  })
})

describe('the window workbench', () => {
  const s = withServer()
  let staff: string
  beforeAll(async () => {
    staff = await staffLogin(s.server, '13900000002')
  })
  const w2 = (path: string, body?: object) => api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w2${path}`, body)

  it('calls a ticket, tells the citizen which window, and records the staff action', async () => {
    const token = await citizen(s.server)
    const ticket = await takeAndCheckIn(s.server, token, staff)
    const called = await w2('/call-next')
    expect(called.statusCode).toBe(200)
    expect(called.json().current).toMatchObject({ number: ticket.number, status: 'called', nameMasked: '张*', categoryName: '综合窗口' })
    const view = (await api(s.server, token).get(`/api/v1/queue/tickets/${ticket.id}`)).json()
    expect(view).toMatchObject({ status: 'called', window: { number: 2, name: '2号窗口' }, ahead: null })
    expect((await messagesOf(s.server, token, 'queue_called'))[0]).toMatchObject({ body: `您的号 ${ticket.number} 已叫到，请到 2 号窗口办理` })
    const audit = await s.server.db.query<{ action: string; target: string }>(`select action, target from audit_log where action like 'queue.%' order by id`)
    expect(audit.rows).toContainEqual({ action: 'queue.call', target: `queue_ticket:${ticket.id}` })

    const busy = await w2('/call-next')
    expect(busy.statusCode).toBe(409)
    expect(busy.json()).toEqual({ code: 'WINDOW_BUSY', message: `请先办结或过号当前的 ${ticket.number} 号，再叫下一位` })
  })

  it('re-calls at most three times', async () => {
    const current = (await api(s.server, staff).get('/api/v1/staff/windows/tianfu-w2')).json().current
    for (let i = 1; i <= 3; i++) expect((await w2(`/tickets/${current.id}/recall`)).json().current.recalls).toBe(i)
    const fourth = await w2(`/tickets/${current.id}/recall`)
    expect(fourth.statusCode).toBe(409)
    expect(fourth.json()).toEqual({ code: 'RECALL_LIMIT', message: '该号已重呼 3 次，请开始办理或标记过号' })
  })

  it('starts and finishes, in that order', async () => {
    const current = (await api(s.server, staff).get('/api/v1/staff/windows/tianfu-w2')).json().current
    expect((await w2(`/tickets/${current.id}/finish`)).json()).toEqual({ code: 'WRONG_TICKET_STATE', message: '请先开始办理，再办结' })
    expect((await w2(`/tickets/${current.id}/start`)).json().current.status).toBe('serving')
    expect((await w2(`/tickets/${current.id}/miss`)).json().message).toBe('正在办理的号不能标记过号')
    const done = (await w2(`/tickets/${current.id}/finish`)).json()
    expect(done.current).toBeNull()
    expect(done.finishedToday).toBe(1)
    const actions = await s.server.db.query<{ action: string }>(`select action from audit_log where target = $1 order by id`, [`queue_ticket:${current.id}`])
    expect(actions.rows.map((r) => r.action)).toEqual(['queue.call', 'queue.recall', 'queue.recall', 'queue.recall', 'queue.start', 'queue.finish'])
  })

  it('re-queues a first 过号 behind the next three numbers and voids the second', async () => {
    const people = await insertCitizens(s.server, 5)
    const tickets = []
    for (const person of people) tickets.push(await takeAndCheckIn(s.server, person.token, staff, 'tianfu-F'))
    const callAndFinish = async () => {
      const current = (await w2('/call-next')).json().current
      await w2(`/tickets/${current.id}/start`)
      await w2(`/tickets/${current.id}/finish`)
      return current.number
    }
    const first = (await w2('/call-next')).json().current
    expect(first.number).toBe(tickets[0].number)
    const missed = (await w2(`/tickets/${first.id}/miss`)).json()
    expect(missed.current).toBeNull()
    expect((await api(s.server, people[0].token).get(`/api/v1/queue/tickets/${first.id}`)).json().status).toBe('waiting')
    expect((await messagesOf(s.server, people[0].token, 'queue_missed'))[0].body).toBe(
      `您的号 ${first.number} 叫号未到已过号，已重新排在 3 个号之后，再次过号将作废`,
    )
    const order = [await callAndFinish(), await callAndFinish(), await callAndFinish()]
    expect(order).toEqual([tickets[1].number, tickets[2].number, tickets[3].number])
    const recalled = (await w2('/call-next')).json().current
    expect(recalled.number).toBe(tickets[0].number)
    expect(recalled.misses).toBe(1)
    await w2(`/tickets/${recalled.id}/miss`)
    expect((await api(s.server, people[0].token).get(`/api/v1/queue/tickets/${first.id}`)).json().status).toBe('missed')
    // The citizen did not void it: they are told.
    expect((await messagesOf(s.server, people[0].token, 'queue_missed')).map((m) => m.body)).toContain(
      `您的号 ${first.number} 再次过号，已作废，如需办理请重新取号`,
    )
    expect(await callAndFinish()).toBe(tickets[4].number)
  })

  it('still calls a re-queued ticket when nobody else is waiting', async () => {
    const [person] = await insertCitizens(s.server, 1)
    const ticket = await takeAndCheckIn(s.server, person.token, staff, 'tianfu-F')
    await w2('/call-next')
    await w2(`/tickets/${ticket.id}/miss`)
    expect((await w2('/call-next')).json().current.number).toBe(ticket.number)
    await w2(`/tickets/${ticket.id}/start`)
    await w2(`/tickets/${ticket.id}/finish`)
  })

  it('transfers a ticket to another category, keeping its check-in time', async () => {
    const [early, late] = await insertCitizens(s.server, 2)
    const moved = await takeAndCheckIn(s.server, early.token, staff, 'tianfu-A')
    s.server.clock.advance(60_000)
    const waitingInB = await takeAndCheckIn(s.server, late.token, staff, 'tianfu-B')
    await w2('/call-next')
    const unknown = await w2(`/tickets/${moved.id}/transfer`, { categoryCode: 'Z' })
    expect(unknown.json().message).toBe('本服务中心没有这个业务类别')
    expect((await w2(`/tickets/${moved.id}/transfer`, { categoryCode: 'A' })).json().message).toBe('该号已在这个业务类别，无需转出')
    const transferred = await w2(`/tickets/${moved.id}/transfer`, { categoryCode: 'B' })
    expect(transferred.json().current).toBeNull()
    const view = (await api(s.server, early.token).get(`/api/v1/queue/tickets/${moved.id}`)).json()
    expect(view).toMatchObject({ status: 'waiting', category: { code: 'B', name: '税务' }, ahead: 0 })
    expect((await api(s.server, late.token).get(`/api/v1/queue/tickets/${waitingInB.id}`)).json().ahead).toBe(1)
    // Window 6 serves 税务: it calls the transferred ticket before the later check-in.
    const w6 = await insertWindowStaff(s.server, 'tianfu', 'tianfu-w6')
    expect((await api(s.server, w6).post('/api/v1/staff/windows/tianfu-w6/call-next')).json().current.number).toBe(moved.number)
    s.server.clock.set(TUESDAY_10AM)
  })

  it('refuses a transfer into a category where the citizen already waits', async () => {
    const [person] = await insertCitizens(s.server, 1)
    const inA = await takeAndCheckIn(s.server, person.token, staff, 'tianfu-A')
    const inC = (await take(s.server, person.token, 'tianfu-C')).json()
    await w2('/call-next')
    const reply = await w2(`/tickets/${inA.id}/transfer`, { categoryCode: 'C' })
    expect(reply.statusCode).toBe(409)
    expect(reply.json().message).toBe(`该群众在「社保医保」已有排队号 ${inC.number}，请直接为其叫该号`)
    await w2(`/tickets/${inA.id}/start`)
    await w2(`/tickets/${inA.id}/finish`)
  })

  it('lets only staff of the hall, at their own window, use it', async () => {
    const citizenReply = await api(s.server, await citizen(s.server)).post('/api/v1/staff/windows/tianfu-w2/call-next')
    expect(citizenReply.statusCode).toBe(403)
    expect(citizenReply.json().message).toBe('该功能仅限工作人员使用')
    const otherHall = await api(s.server, await staffLogin(s.server, '13900000011')).post('/api/v1/staff/windows/tianfu-w2/call-next')
    expect(otherHall.statusCode).toBe(403)
    expect(otherHall.json().message).toBe('您不是该服务中心的工作人员')
    const otherWindow = await api(s.server, await staffLogin(s.server, '13900000001')).post('/api/v1/staff/windows/tianfu-w2/call-next')
    expect(otherWindow.statusCode).toBe(403)
    expect(otherWindow.json().message).toBe('您只能操作本人所在的窗口')
    const reviewer = await api(s.server, await staffLogin(s.server, '13900000003')).get('/api/v1/staff/halls/tianfu/checkin-code')
    expect(reviewer.statusCode).toBe(403)
    expect((await api(s.server, staff).get('/api/v1/staff/windows/tianfu-w99')).json().message).toBe('窗口不存在')
    const foreignTicket = await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w2/tickets/00000000-0000-4000-8000-000000000000/start`)
    expect(foreignTicket.json()).toEqual({ code: 'NOT_FOUND', message: '该号不在本窗口' })
  })
})

describe('priority tickets', () => {
  const s = withServer()

  it('gives citizens of 60 and over an elderly priority ticket', async () => {
    const [elder] = await insertCitizens(s.server, 1, { birth: '19600101' })
    const [younger] = await insertCitizens(s.server, 1, { birth: '19670101' })
    expect((await take(s.server, elder.token, 'tianfu-C')).json().priority).toBe('elderly')
    expect((await take(s.server, younger.token, 'tianfu-C')).json().priority).toBeNull()
  })

  it('calls at most two priority tickets per ordinary one, so ordinary tickets never starve', async () => {
    // Window 9 is the only one serving 不动产 (D).
    const staff = await insertWindowStaff(s.server, 'tianfu', 'tianfu-w9')
    const elders = await insertCitizens(s.server, 6, { birth: '19500101' })
    const others = await insertCitizens(s.server, 3)
    const kind = new Map<string, string>()
    for (const person of [...elders, ...others]) {
      const ticket = await takeAndCheckIn(s.server, person.token, staff, 'tianfu-D')
      kind.set(ticket.number, elders.includes(person) ? 'P' : 'N')
      s.server.clock.advance(1000)
    }
    const pattern: string[] = []
    for (let i = 0; i < 9; i++) {
      const current = (await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w9/call-next')).json().current
      pattern.push(kind.get(current.number)!)
      await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w9/tickets/${current.id}/start`)
      await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w9/tickets/${current.id}/finish`)
    }
    expect(pattern.join('')).toBe('PPNPPNPPN')
  })

  it('estimates the wait from the rolling average handling time of the category', async () => {
    // Window 8 serves 社保医保 (C) alone (windows 1 and 10, which also serve C, are switched to 暂停服务):
    // five tickets handled in 20 minutes each replace the configured 8.
    const otherWindows = ['tianfu-w1', 'tianfu-w10']
    await s.server.db.query('update hall_windows set paused_at = $2 where id = any($1)', [otherWindows, s.server.clock.now()])
    const staff = await insertWindowStaff(s.server, 'tianfu', 'tianfu-w8')
    const people = await insertCitizens(s.server, 5)
    for (const person of people) await takeAndCheckIn(s.server, person.token, staff, 'tianfu-C')
    const handle = async () => {
      const current = (await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w8/call-next')).json().current
      await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w8/tickets/${current.id}/start`)
      s.server.clock.advance(20 * 60_000)
      await api(s.server, staff).post(`/api/v1/staff/windows/tianfu-w8/tickets/${current.id}/finish`)
    }
    // The two tickets taken earlier in this block (one elderly, checked in now) and the five above.
    const waiting = await s.server.db.query<{ n: number }>(
      `select count(*)::int as n from queue_tickets where category_id = 'tianfu-C' and status = 'waiting_checkin'`,
    )
    expect(waiting.rows[0].n).toBe(2)
    for (let i = 0; i < 5; i++) await handle()
    const [late] = await insertCitizens(s.server, 1)
    await takeAndCheckIn(s.server, late.token, staff, 'tianfu-C')
    const [next] = await insertCitizens(s.server, 1)
    const ticket = (await take(s.server, next.token, 'tianfu-C')).json()
    // One person waiting, 20 minutes each, one open window: 16–45 minutes.
    expect(ticket.ahead).toBe(1)
    expect(ticket.estimatedWaitMinutes).toEqual({ min: 16, max: 45 })
    await s.server.db.query('update hall_windows set paused_at = null where id = any($1)', [otherWindows])
    s.server.clock.set(TUESDAY_10AM)
  })
})

describe('reminders when 3 ahead', () => {
  const s = withServer()

  it('tells each waiting citizen once when three or fewer are ahead', async () => {
    const staff = await insertWindowStaff(s.server, 'tianfu', 'tianfu-w3')
    const people = await insertCitizens(s.server, 6)
    const tickets = []
    for (const person of people) tickets.push(await takeAndCheckIn(s.server, person.token, staff, 'tianfu-F'))
    const nearOf = (i: number) => messagesOf(s.server, people[i].token, 'queue_near')
    expect((await nearOf(3))[0].body).toBe(`您的号 ${tickets[3].number} 前面还有 3 人，请在叫号区等候`)
    expect(await nearOf(4)).toEqual([])
    const current = (await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w3/call-next')).json().current
    expect(current.number).toBe(tickets[0].number)
    expect((await nearOf(4))[0].body).toBe(`您的号 ${tickets[4].number} 前面还有 3 人，请在叫号区等候`)
    expect(await nearOf(3)).toHaveLength(1)
    expect(await nearOf(5)).toEqual([])
  })
})

describe('appointment conversions (issueTicket for the appointments module)', () => {
  const s = withServer('2026-11-24T16:45:00+08:00')

  it('issues a checked-in Y priority ticket after the remote cut-off, once per appointment', async () => {
    const [person] = await insertCitizens(s.server, 1)
    const appointmentId = '11111111-1111-4111-8111-111111111111'
    const input = {
      userId: person.userId,
      hallId: 'tianfu',
      categoryCode: 'A',
      source: 'appointment' as const,
      appointmentId,
      checkedIn: true,
      checkinMethod: 'qr' as const,
      priority: 'appointment' as const,
    }
    const first = await s.server.db.tx((q) => issueTicket(q, s.server.runtime, input))
    expect(first.number).toBe('Y001')
    expect(await s.server.db.tx((q) => issueTicket(q, s.server.runtime, input))).toEqual(first)
    const view = (await api(s.server, person.token).get(`/api/v1/queue/tickets/${first.id}`)).json()
    expect(view).toMatchObject({ status: 'waiting', priority: 'appointment', source: 'appointment', checkinDeadline: null })
    expect((await take(s.server, person.token, 'tianfu-B')).json().code).toBe('TAKING_CLOSED')
  })

  it("replaces the citizen's waiting remote ticket of the same category", async () => {
    s.server.clock.set(TUESDAY_10AM)
    const [person] = await insertCitizens(s.server, 1)
    const remote = (await take(s.server, person.token, 'tianfu-B')).json()
    const converted = await s.server.db.tx((q) =>
      issueTicket(q, s.server.runtime, {
        userId: person.userId,
        hallId: 'tianfu',
        categoryCode: 'B',
        source: 'appointment',
        appointmentId: '22222222-2222-4222-8222-222222222222',
        checkedIn: true,
        checkinMethod: 'qr',
        priority: 'appointment',
      }),
    )
    expect(converted.number).toBe('Y002')
    expect((await api(s.server, person.token).get(`/api/v1/queue/tickets/${remote.id}`)).json().status).toBe('cancelled')
  })
})

describe('hall screen and live updates', () => {
  const s = withServer()

  it('shows the latest calls with windows and masked names', async () => {
    const staff = await staffLogin(s.server, '13900000002')
    const [person] = await insertCitizens(s.server, 1, { name: '欧阳娜娜' })
    const ticket = await takeAndCheckIn(s.server, person.token, staff)
    await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w2/call-next')
    const screen = (await api(s.server, staff).get('/api/v1/staff/halls/tianfu/screen')).json()
    expect(screen.calls[0]).toMatchObject({ number: ticket.number, windowNumber: 2, nameMasked: '欧***', status: 'called' })
    expect(JSON.stringify(screen)).not.toContain('欧阳娜娜')
    expect(screen.lines.map((l: { code: string }) => l.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
  })

  it('pushes a change signal over the WebSocket within 2 s of a call', async () => {
    const staff = await insertWindowStaff(s.server, 'tianfu', 'tianfu-w4')
    const [person] = await insertCitizens(s.server, 1)
    await takeAndCheckIn(s.server, person.token, staff, 'tianfu-A')
    const client = await liveClient(s.server, person.token)
    const heard = client.changed()
    const started = Date.now()
    await api(s.server, staff).post('/api/v1/staff/windows/tianfu-w4/call-next')
    await heard
    expect(Date.now() - started).toBeLessThan(2000)
    client.socket.terminate()
  })

  it('closes a live connection that does not authenticate', async () => {
    const socket = await s.server.app.injectWS('/api/v1/queue/live?hallId=tianfu')
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
    socket.send(JSON.stringify({ type: 'auth', token: 'not-a-real-token-at-all-000000' }))
    expect(await closed).toBe(4401)
  })
})

/** A live client authenticated on `server`'s WebSocket route; resolves its next "changed" signal. */
async function liveClient(server: TestServer, token: string) {
  const socket = await server.app.injectWS('/api/v1/queue/live?hallId=tianfu')
  await new Promise<void>((resolve) => {
    socket.on('message', (data) => String(data).includes('ready') && resolve())
    socket.send(JSON.stringify({ type: 'auth', token }))
  })
  return { socket, changed: () => new Promise<void>((resolve) => socket.on('message', (data) => String(data).includes('changed') && resolve())) }
}

describeWithPostgres('live updates across instances', () => {
  let cluster: Awaited<ReturnType<typeof startTestCluster>>
  beforeAll(async () => {
    cluster = await startTestCluster(2)
  })
  afterAll(() => cluster.close())

  it('tells a client connected to one instance about a call made on the other, within 2 s', async () => {
    const [a, b] = cluster.servers
    const staff = await insertWindowStaff(a, 'tianfu', 'tianfu-w5')
    const [person] = await insertCitizens(a, 1)
    await takeAndCheckIn(a, person.token, staff, 'tianfu-A')
    const client = await liveClient(b, person.token)
    const heard = client.changed()
    const started = Date.now()
    expect((await api(a, staff).post('/api/v1/staff/windows/tianfu-w5/call-next')).statusCode).toBe(200)
    await heard
    expect(Date.now() - started).toBeLessThan(2000)
    client.socket.terminate()
  })
})
