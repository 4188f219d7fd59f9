import { currentCheckinToken } from '../../server/modules/queue/checkin-token'
import { markNoShows, sendReminders } from '../../server/modules/appointment/service'
import { TUESDAY_10AM, api, citizen, loginBySms, staffLogin, startTestServer, type TestServer } from './harness'
import { LLC_ITEM, SOLE_TRADER_ITEM, TAX_ITEM, book, bookableDays, configureHall, slotAt, slotsOf } from './appointment-helpers'
import { insertCitizens } from './queue-helpers'

// TUESDAY_10AM is 2026-11-24: the next five working days are 25, 26, 27, 30 Nov and 1 Dec.
const WEDNESDAY = '2026-11-25'
const THURSDAY = '2026-11-26'
const at = (date: string, time: string) => `${date}T${time}:00+08:00`
// A location check-in carries the accuracy the phone reports (checkin-location.test.ts covers its bounds).
const TIANFU = { lat: 30.4985, lng: 104.0712, accuracy: 20 }

// Several engineers share two cores: starting PGlite can take longer than jest's default 5 s.
jest.setTimeout(60_000)

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => server.clock.set(TUESDAY_10AM))

const messagesOf = async (token: string) =>
  (await api(server, token).get('/api/v1/me/messages')).json().messages as { kind: string; title: string; body: string }[]

describe('bookable days and slots', () => {
  it('offers the next five working days, each with 30-minute slots inside opening hours', async () => {
    const { days } = await bookableDays(server)
    expect(days.map((d) => d.date)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01'])
    expect(days.every((d) => d.status === 'open' && d.remaining === 16 * 10)).toBe(true)
    const slots = await slotsOf(server, WEDNESDAY)
    expect(slots).toHaveLength(16)
    expect(slots[0]).toMatchObject({ start: '09:00', end: '09:30', capacity: 10, remaining: 10 })
    expect(slots[15]).toMatchObject({ start: '16:30', end: '17:00' })
  })

  it('skips 国庆 and counts the 10 October make-up Saturday', async () => {
    server.clock.set(at('2026-09-29', '10:00'))
    const { days } = await bookableDays(server)
    expect(days.map((d) => d.date)).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'])
    expect(days.find((d) => d.date === '2026-10-10')?.label).toBe('调休上班')
  })

  it('skips 春节 and offers the 14 February make-up Saturday', async () => {
    server.clock.set(at('2026-02-12', '10:00'))
    const { days } = await bookableDays(server)
    expect(days.map((d) => d.date)).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26'])
  })

  it('books the 28 February 2026 make-up Saturday like any working day', async () => {
    server.clock.set(at('2026-02-26', '10:00'))
    const [{ token }] = await insertCitizens(server, 1)
    const { days } = await bookableDays(server)
    expect(days.map((d) => d.date)).toEqual(['2026-02-27', '2026-02-28', '2026-03-02', '2026-03-03', '2026-03-04'])
    const reply = await book(server, token, (await slotAt(server, '2026-02-28', '10:00')).id)
    expect(reply.statusCode).toBe(201)
    expect(reply.json().appointment).toMatchObject({ date: '2026-02-28', weekday: '周六' })
  })

  it('refuses a booking on a holiday or outside opening hours even for a slot that exists', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    server.clock.set(at('2026-09-29', '10:00'))
    const holiday = await server.db.query<{ id: string }>(
      `insert into appointment_slots (hall_id, category_code, service_date, start_time, end_time, starts_at, ends_at, capacity)
       values ('tianfu', 'F', '2026-10-01', '10:00', '10:30', '2026-10-01T02:00:00Z', '2026-10-01T02:30:00Z', 10) returning id`,
    )
    const onHoliday = await book(server, token, holiday.rows[0].id)
    expect(onHoliday.statusCode).toBe(409)
    expect(onHoliday.json()).toEqual({ code: 'NOT_WORKING_DAY', message: '2026年10月1日为国庆节假期，不能预约' })

    server.clock.set(TUESDAY_10AM)
    const late = await slotAt(server, '2026-11-27', '16:30', 'kexuecheng')
    await server.db.query(`update halls set close_time = '16:00' where id = 'kexuecheng'`)
    try {
      const outside = await book(server, token, late.id)
      expect(outside.statusCode).toBe(409)
      expect(outside.json()).toEqual({ code: 'OUTSIDE_OPENING_HOURS', message: '该时段不在办公时间（09:00–16:00）内，请重新选择' })
    } finally {
      await server.db.query(`update halls set close_time = '17:00' where id = 'kexuecheng'`)
    }
  })

  it('refuses slots on a holiday, a weekend and beyond the horizon', async () => {
    server.clock.set(at('2026-09-29', '10:00'))
    const holiday = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=2026-10-01`)
    expect(holiday.statusCode).toBe(400)
    expect(holiday.json()).toEqual({ code: 'NOT_WORKING_DAY', message: '2026年10月1日为国庆节假期，不能预约' })
    server.clock.set(TUESDAY_10AM)
    const saturday = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=2026-11-28`)
    expect(saturday.json()).toEqual({ code: 'NOT_WORKING_DAY', message: '2026年11月28日为休息日，不能预约' })
    const far = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=2026-12-02`)
    expect(far.json()).toEqual({ code: 'BEYOND_HORIZON', message: '仅可预约未来5个工作日' })
    const nonsense = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=2026-02-30`)
    expect(nonsense.statusCode).toBe(400)
    const today = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=2026-11-24`)
    expect(today.json()).toEqual({ code: 'BOOKING_CLOSED', message: '当天及以前的日期不能预约，请到大厅现场取号办理' })
    const past = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=2025-11-24`)
    expect(past.statusCode).toBe(400)
    const written = await server.db.query(`select 1 from appointment_slots where service_date in ('2026-11-24', '2025-11-24')`)
    expect(written.rowCount).toBe(0)
  })

  it('refuses an item the hall does not handle', async () => {
    const reply = await api(server).get(`/api/v1/appointments/days?hallId=kexuecheng&itemId=social-security-card-application`)
    expect(reply.statusCode).toBe(404)
    expect(reply.json().message).toBe('该服务中心不办理此事项')
  })

  it('closes booking for a day at 17:00 the day before', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    server.clock.set(at('2026-11-24', '17:00'))
    const { days } = await bookableDays(server)
    expect(days[0]).toMatchObject({ date: WEDNESDAY, status: 'closed' })
    const slots = await api(server).get(`/api/v1/appointments/slots?hallId=tianfu&itemId=${LLC_ITEM}&date=${WEDNESDAY}`)
    expect(slots.json()).toMatchObject({ bookable: false, notice: '2026年11月25日的预约已于前一天17:00截止' })
    const slot = slots.json().slots[0]
    const reply = await book(server, token, slot.id)
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'BOOKING_CLOSED', message: '2026年11月25日的预约已于前一天17:00截止' })
  })
})

describe('booking', () => {
  it('books a slot and shows it with a QR voucher and the materials to bring', async () => {
    const token = await citizen(server)
    const slot = await slotAt(server, WEDNESDAY, '09:30')
    const reply = await book(server, token, slot.id)
    expect(reply.statusCode).toBe(201)
    const { appointment } = reply.json()
    expect(appointment).toMatchObject({ status: 'booked', date: WEDNESDAY, weekday: '周三', start: '09:30', end: '10:00', canCancel: true, canCheckIn: false })
    expect(appointment.hall.name).toBe('天府新区政务服务中心')
    expect(appointment.voucher).toMatch(/^[0-9A-Z]{8}$/)
    const detail = (await api(server, token).get(`/api/v1/appointments/${appointment.id}`)).json().appointment
    expect(detail.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(detail.materials.length).toBeGreaterThan(0)
    expect(detail.materials.every((m: { name: string; bring: boolean }) => m.name && typeof m.bring === 'boolean')).toBe(true)
    expect((await slotAt(server, WEDNESDAY, '09:30')).remaining).toBe(9)
    const mine = (await api(server, token).get('/api/v1/appointments')).json().appointments
    expect(mine.map((a: { id: string }) => a.id)).toEqual([appointment.id])
    expect((await messagesOf(token))[0].title).toBe('预约成功')
  })

  it('needs a verified real name', async () => {
    const token = await loginBySms(server)
    const slot = await slotAt(server, WEDNESDAY, '10:00')
    const reply = await book(server, token, slot.id)
    expect(reply.statusCode).toBe(403)
    expect(reply.json().message).toBe('请先完成实名认证')
  })

  it('allows one booking per person per day', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    expect((await book(server, token, (await slotAt(server, THURSDAY, '09:00')).id)).statusCode).toBe(201)
    const second = await book(server, token, (await slotAt(server, THURSDAY, '14:00', 'tianfu', TAX_ITEM)).id, TAX_ITEM)
    expect(second.statusCode).toBe(409)
    expect(second.json()).toEqual({ code: 'ONE_PER_DAY', message: '您当天已有预约，每人每天限预约一次' })
  })

  it('allows one active booking per item', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    expect((await book(server, token, (await slotAt(server, THURSDAY, '10:00')).id)).statusCode).toBe(201)
    const second = await book(server, token, (await slotAt(server, '2026-11-27', '10:00')).id)
    expect(second.statusCode).toBe(409)
    expect(second.json()).toEqual({ code: 'ONE_PER_ITEM', message: '该事项已有待办理的预约，请先办理或取消后再约' })
    // Another item of the same category on another day is fine.
    expect((await book(server, token, (await slotAt(server, '2026-11-27', '10:00')).id, SOLE_TRADER_ITEM)).statusCode).toBe(201)
  })

  it('refuses a slot of another category than the item', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    const taxSlot = await slotAt(server, THURSDAY, '11:00', 'tianfu', TAX_ITEM)
    const reply = await book(server, token, taxSlot.id, LLC_ITEM)
    expect(reply.statusCode).toBe(400)
    expect(reply.json().code).toBe('SLOT_NOT_FOR_ITEM')
  })

  it('never books a full slot and says so', async () => {
    const people = await insertCitizens(server, 11)
    const slot = await slotAt(server, THURSDAY, '15:00')
    for (const person of people.slice(0, 10)) expect((await book(server, person.token, slot.id)).statusCode).toBe(201)
    const refused = await book(server, people[10].token, slot.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({ code: 'SLOT_FULL', message: '该时段已约满，请选择其他时段' })
    expect((await slotAt(server, THURSDAY, '15:00')).remaining).toBe(0)
  })

  it("hides other people's bookings (404, not 403)", async () => {
    const [owner, stranger] = await insertCitizens(server, 2)
    const { appointment } = (await book(server, owner.token, (await slotAt(server, THURSDAY, '11:30')).id)).json()
    expect((await api(server, stranger.token).get(`/api/v1/appointments/${appointment.id}`)).statusCode).toBe(404)
    const cancel = await api(server, stranger.token).post(`/api/v1/appointments/${appointment.id}/cancel`)
    expect(cancel.statusCode).toBe(404)
    expect(cancel.json().message).toBe('预约不存在')
  })
})

describe('cancelling', () => {
  it('cancels until 2 hours before and gives the place back', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    const slot = await slotAt(server, WEDNESDAY, '16:00')
    const { appointment } = (await book(server, token, slot.id)).json()
    server.clock.set(at(WEDNESDAY, '14:00'))
    const reply = await api(server, token).post(`/api/v1/appointments/${appointment.id}/cancel`)
    expect(reply.statusCode).toBe(200)
    expect(reply.json().appointment).toMatchObject({ status: 'cancelled', cancelReason: 'citizen', canCancel: false })
    const again = await api(server, token).post(`/api/v1/appointments/${appointment.id}/cancel`)
    expect(again.json()).toEqual({ code: 'NOT_CANCELLABLE', message: '该预约已取消' })
    server.clock.set(TUESDAY_10AM)
    expect((await slotAt(server, WEDNESDAY, '16:00')).remaining).toBe(10)
  })

  it('refuses to cancel within 2 hours of the slot', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    const { appointment } = (await book(server, token, (await slotAt(server, WEDNESDAY, '16:30')).id)).json()
    server.clock.set(at(WEDNESDAY, '14:31'))
    const reply = await api(server, token).post(`/api/v1/appointments/${appointment.id}/cancel`)
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'CANCEL_CUTOFF', message: '预约开始前2小时内不能取消；如无法到场，将记为爽约' })
  })

  it('lets the person book the same item again after cancelling', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    const { appointment } = (await book(server, token, (await slotAt(server, '2026-11-30', '09:00')).id)).json()
    await api(server, token).post(`/api/v1/appointments/${appointment.id}/cancel`)
    expect((await book(server, token, (await slotAt(server, '2026-11-30', '09:30')).id)).statusCode).toBe(201)
  })
})

describe('checking in', () => {
  async function bookedAt(date: string, start: string) {
    const [person] = await insertCitizens(server, 1)
    const { appointment } = (await book(server, person.token, (await slotAt(server, date, start)).id)).json()
    return { ...person, id: appointment.id as string }
  }
  const checkIn = (token: string, id: string, body: object) => api(server, token).post(`/api/v1/appointments/${id}/check-in`, body)

  it('turns the booking into a priority Y ticket with the hall QR, from 15 minutes before the slot', async () => {
    const person = await bookedAt(WEDNESDAY, '10:00')
    server.clock.set(at(WEDNESDAY, '09:44'))
    const early = await checkIn(person.token, person.id, { hallToken: currentCheckinToken(server.runtime.keys, 'tianfu', server.clock.now()).token })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toEqual({ code: 'CHECKIN_TOO_EARLY', message: '请于2026年11月25日 09:45后签到（时段开始前15分钟起）' })

    server.clock.set(at(WEDNESDAY, '09:45'))
    const token = currentCheckinToken(server.runtime.keys, 'tianfu', server.clock.now()).token
    const reply = await checkIn(person.token, person.id, { hallToken: token })
    expect(reply.statusCode).toBe(200)
    const { appointment } = reply.json()
    expect(appointment.status).toBe('checked_in')
    expect(appointment.ticket.number).toMatch(/^Y\d{3}$/)
    const ticket = await server.db.query<{ priority: string; source: string; status: string; appointment_id: string }>(
      'select priority, source, status, appointment_id from queue_tickets where id = $1',
      [appointment.ticket.id],
    )
    expect(ticket.rows[0]).toEqual({ priority: 'appointment', source: 'appointment', status: 'waiting', appointment_id: person.id })
    // A second tap answers with the same ticket.
    const again = await checkIn(person.token, person.id, { hallToken: token })
    expect(again.json().appointment.ticket).toEqual(appointment.ticket)
    const cancel = await api(server, person.token).post(`/api/v1/appointments/${person.id}/cancel`)
    expect(cancel.json().message).toBe('该预约已签到')
  })

  it('refuses a forged or another hall’s check-in code', async () => {
    const person = await bookedAt(WEDNESDAY, '11:00')
    server.clock.set(at(WEDNESDAY, '11:00'))
    const other = currentCheckinToken(server.runtime.keys, 'kexuecheng', server.clock.now()).token
    for (const hallToken of [other, 'tianfu.abc.forged']) {
      const reply = await checkIn(person.token, person.id, { hallToken })
      expect(reply.statusCode).toBe(400)
      expect(reply.json().code).toBe('CHECKIN_CODE_INVALID')
    }
  })

  it('checks in by location only inside the hall geofence', async () => {
    const person = await bookedAt(WEDNESDAY, '13:00')
    server.clock.set(at(WEDNESDAY, '13:20'))
    const far = await checkIn(person.token, person.id, { location: { ...TIANFU, lat: 30.6 } })
    expect(far.statusCode).toBe(422)
    expect(far.json().code).toBe('OUT_OF_GEOFENCE')
    const near = await checkIn(person.token, person.id, { location: { ...TIANFU, lat: TIANFU.lat + 0.001 } })
    expect(near.statusCode).toBe(200)
    expect(near.json().appointment.status).toBe('checked_in')
  })

  it('refuses check-in more than 30 minutes after the slot start', async () => {
    const person = await bookedAt(WEDNESDAY, '14:00')
    server.clock.set(at(WEDNESDAY, '14:31'))
    const reply = await checkIn(person.token, person.id, { location: TIANFU })
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'CHECKIN_TOO_LATE', message: '已超过签到时间（时段开始后30分钟），请到大厅现场取号办理' })
  })

  it('lets staff check a citizen in by the voucher QR at the desk', async () => {
    const [person] = await insertCitizens(server, 1)
    const { appointment } = (await book(server, person.token, (await slotAt(server, WEDNESDAY, '15:30')).id)).json()
    server.clock.set(at(WEDNESDAY, '15:30'))
    const staff = await staffLogin(server, '13900000002')
    const reply = await api(server, staff).post('/api/v1/staff/halls/tianfu/appointments/check-in', { voucher: `ONETRIP-APPT:${appointment.voucher}` })
    expect(reply.statusCode).toBe(200)
    expect(reply.json().appointment.ticket.number).toMatch(/^Y\d{3}$/)
    const elsewhere = await api(server, await staffLogin(server, '13900000011')).post('/api/v1/staff/halls/tianfu/appointments/check-in', {
      voucher: appointment.voucher,
    })
    expect(elsewhere.statusCode).toBe(403)
  })
})

describe('no-shows', () => {
  it('warns after the first no-show and blocks booking for 90 days after the second within 30 days', async () => {
    const [{ token, userId }] = await insertCitizens(server, 1)
    const first = (await book(server, token, (await slotAt(server, WEDNESDAY, '09:00', 'tianfu', TAX_ITEM)).id, TAX_ITEM)).json().appointment
    server.clock.set(at(WEDNESDAY, '09:30'))
    await markNoShows(server.runtime)
    expect((await api(server, token).get(`/api/v1/appointments/${first.id}`)).json().appointment.status).toBe('booked')
    server.clock.set(at(WEDNESDAY, '09:31'))
    expect(await markNoShows(server.runtime)).toBeGreaterThanOrEqual(1)
    expect((await api(server, token).get(`/api/v1/appointments/${first.id}`)).json().appointment.status).toBe('no_show')
    expect((await messagesOf(token))[0]).toMatchObject({ kind: 'appointment_no_show', title: '预约爽约提醒' })
    // Running the job again changes nothing and sends nothing twice.
    await markNoShows(server.runtime)
    expect((await messagesOf(token)).filter((m) => m.kind === 'appointment_no_show')).toHaveLength(1)

    const second = (await book(server, token, (await slotAt(server, THURSDAY, '09:00', 'tianfu', TAX_ITEM)).id, TAX_ITEM)).json().appointment
    server.clock.set(at(THURSDAY, '10:00'))
    await markNoShows(server.runtime)
    expect((await api(server, token).get(`/api/v1/appointments/${second.id}`)).json().appointment.status).toBe('no_show')
    expect((await messagesOf(token))[0]).toMatchObject({ kind: 'appointment_blocked', title: '预约功能已暂停' })

    // Blocked through 2027-02-23 (90 days from 26 Nov 2026, inclusive).
    const blocked = await book(server, token, (await slotAt(server, '2026-11-27', '10:00', 'tianfu', TAX_ITEM)).id, TAX_ITEM)
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json().message).toBe('您近30天内在本中心爽约2次，预约已暂停至2027年2月23日；期间仍可到大厅现场取号办理')
    const block = await server.db.query<{ until: string }>(`select to_char(blocked_until, 'YYYY-MM-DD') as until from appointment_blocks where user_id = $1`, [
      userId,
    ])
    expect(block.rows).toEqual([{ until: '2027-02-23' }])
  })
})

describe('reminders', () => {
  it('reminds the day before from 18:00 and one hour before, each once', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    server.clock.set(at('2026-11-30', '10:00'))
    await book(server, token, (await slotAt(server, '2026-12-02', '10:30', 'tianfu', TAX_ITEM)).id, TAX_ITEM)
    const reminders = async () => (await messagesOf(token)).filter((m) => m.kind === 'appointment_reminder').map((m) => m.title)

    server.clock.set(at('2026-12-01', '17:59'))
    await sendReminders(server.runtime)
    expect(await reminders()).toEqual([])
    server.clock.set(at('2026-12-01', '18:00'))
    await sendReminders(server.runtime)
    await sendReminders(server.runtime)
    expect(await reminders()).toEqual(['预约提醒：明天办理'])

    server.clock.set(at('2026-12-02', '09:29'))
    await sendReminders(server.runtime)
    expect(await reminders()).toHaveLength(1)
    server.clock.set(at('2026-12-02', '09:30'))
    await sendReminders(server.runtime)
    await sendReminders(server.runtime)
    expect(await reminders()).toEqual(['预约提醒：1小时后办理', '预约提醒：明天办理'])
  })
})

describe('staff configuration', () => {
  let staff: string
  beforeAll(async () => {
    staff = await staffLogin(server, '13900000011') // kexuecheng, window 1
  })

  it('is for staff of that hall only', async () => {
    const [{ token }] = await insertCitizens(server, 1)
    expect((await api(server, token).get('/api/v1/staff/halls/kexuecheng/appointment-settings')).statusCode).toBe(403)
    const otherHall = await api(server, staff).get('/api/v1/staff/halls/tianfu/appointment-settings')
    expect(otherHall.statusCode).toBe(403)
    expect(otherHall.json().message).toBe('您不是该服务中心的工作人员')
  })

  it('shows the seeded defaults and warns that 2027 holidays are not in the calendar yet', async () => {
    const reply = await api(server, staff).get('/api/v1/staff/halls/kexuecheng/appointment-settings')
    expect(reply.statusCode).toBe(200)
    const body = reply.json()
    expect(body.settings).toEqual({
      slotMinutes: 30,
      horizonDays: 5,
      bookingCloseTime: '17:00',
      cancelCutoffMinutes: 120,
      checkinBeforeMinutes: 15,
      checkinAfterMinutes: 30,
      noShowLimit: 2,
      noShowWindowDays: 30,
      blockDays: 90,
    })
    expect(body.capacities.every((c: { capacity: number }) => c.capacity === 10)).toBe(true)
    expect(body.calendarWarnings).toEqual(['2027年的法定节假日安排尚未收录，该年按周一至周五计算；国务院通知公布后，请为节假日添加闭厅安排'])
  })

  it('rejects settings outside the allowed ranges', async () => {
    await expect(configureHall(server, staff, 'kexuecheng', { horizonDays: 8 })).rejects.toThrow(
      '(400): {"code":"VALIDATION","message":"可预约天数超出允许范围"}',
    )
    await expect(configureHall(server, staff, 'kexuecheng', { slotMinutes: 45 })).rejects.toThrow('(400)')
    await expect(configureHall(server, staff, 'kexuecheng', { capacities: [{ categoryCode: 'Q', capacity: 5 }] })).rejects.toThrow('该服务中心没有类别 Q')
  })

  it('keeps existing bookings when capacity drops or the slot length changes', async () => {
    const people = await insertCitizens(server, 3)
    const slot = await slotAt(server, THURSDAY, '09:00', 'kexuecheng')
    for (const p of people) expect((await book(server, p.token, slot.id, LLC_ITEM)).statusCode).toBe(201)
    await slotsOf(server, '2026-11-27', 'kexuecheng') // an untouched day, written with 30-minute slots

    const result = await configureHall(server, staff, 'kexuecheng', {
      slotMinutes: 60,
      capacities: [{ categoryCode: 'F', capacity: 2 }],
    })
    expect(result.notices).toEqual([
      '1个时段的已约人数超过新容量，已保留现有预约，不再接受新预约',
      '2026年11月26日已有预约，这些日期保持原时段划分；新时段长度自其他日期生效',
    ])
    const thursday = await slotsOf(server, THURSDAY, 'kexuecheng')
    expect(thursday[0]).toMatchObject({ start: '09:00', end: '09:30', capacity: 3, remaining: 0 })
    expect(thursday[1]).toMatchObject({ start: '09:30', capacity: 2, remaining: 2 })
    const friday = await slotsOf(server, '2026-11-27', 'kexuecheng')
    expect(friday).toHaveLength(8)
    expect(friday[0]).toMatchObject({ start: '09:00', end: '10:00', capacity: 2 })
    for (const p of people) expect((await api(server, p.token).get('/api/v1/appointments')).json().appointments[0].status).toBe('booked')
    await configureHall(server, staff, 'kexuecheng', { slotMinutes: 30, capacities: [{ categoryCode: 'F', capacity: 10 }] })
  })

  it('cancels bookings inside a new closure and tells each citizen', async () => {
    const [inside, outside] = await insertCitizens(server, 2)
    const morning = (await book(server, inside.token, (await slotAt(server, '2026-11-30', '14:30', 'kexuecheng')).id)).json().appointment
    const early = (await book(server, outside.token, (await slotAt(server, '2026-11-30', '10:00', 'kexuecheng')).id)).json().appointment
    const reply = await api(server, staff).post('/api/v1/staff/halls/kexuecheng/appointment-closures', {
      date: '2026-11-30',
      start: '14:00',
      end: '17:00',
      reason: '业务培训',
    })
    expect(reply.statusCode).toBe(201)
    expect(reply.json().cancelled).toBe(1)

    const cancelled = (await api(server, inside.token).get(`/api/v1/appointments/${morning.id}`)).json().appointment
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'hall_closure' })
    const message = (await messagesOf(inside.token)).find((m) => m.kind === 'appointment_cancelled')
    expect(message?.title).toBe('预约已取消：服务中心临时调整')
    expect(message?.body).toContain('因业务培训')
    expect((await messagesOf(outside.token)).some((m) => m.kind === 'appointment_cancelled')).toBe(false)
    expect((await api(server, outside.token).get(`/api/v1/appointments/${early.id}`)).json().appointment.status).toBe('booked')

    const slots = await api(server).get(`/api/v1/appointments/slots?hallId=kexuecheng&itemId=${LLC_ITEM}&date=2026-11-30`)
    expect(slots.json().slots.map((s: { start: string }) => s.start)).not.toContain('14:00')
    expect(slots.json().notice).toBe('14:00–17:00 暂停预约（业务培训）')
    const closureId = reply.json().closure.id
    expect((await api(server, staff).delete(`/api/v1/staff/halls/kexuecheng/appointment-closures/${closureId}`)).statusCode).toBe(200)
    expect((await slotsOf(server, '2026-11-30', 'kexuecheng')).map((s) => s.start)).toContain('14:00')
  })

  it('lists the day with masked names per slot, and marks a day outside the calendar data', async () => {
    const [person] = await insertCitizens(server, 1, { name: '测试市民' })
    await book(server, person.token, (await slotAt(server, '2026-12-01', '16:00', 'kexuecheng')).id)
    const reply = await api(server, staff).get('/api/v1/staff/halls/kexuecheng/appointments?date=2026-12-01')
    expect(reply.statusCode).toBe(200)
    const day = reply.json()
    expect(day).toMatchObject({ working: true, calendarKnown: true, totals: { booked: 1 } })
    const slot = day.categories.find((c: { code: string }) => c.code === 'F').slots.find((s: { start: string }) => s.start === '16:00')
    expect(slot.bookings[0]).toMatchObject({ nameMasked: '测***', status: 'booked' })
    const today = (await api(server, staff).get('/api/v1/staff/halls/kexuecheng/appointments')).json()
    expect(today).toMatchObject({ date: '2026-11-24', weekday: '周二' })
    const unknown = (await api(server, staff).get('/api/v1/staff/halls/kexuecheng/appointments?date=2027-01-01')).json()
    expect(unknown).toMatchObject({ working: true, calendarKnown: false, holidayName: null })
  })
})
