import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrate } from '../../server/core/migrate'
import { LOCATION_LEAD_MINUTES, LOCATION_MAX_AHEAD } from '../../server/modules/queue/checkin-proof'
import { TUESDAY_10AM, api, openTestDatabase, startTestServer, staffLogin, type TestServer } from './harness'
import { insertCitizens, insertWindowStaff, screenCheckinToken, take } from './queue-helpers'
import { LLC_ITEM, book, slotAt } from './appointment-helpers'

/**
 * Location check-in is client-asserted (issue #13 item 8): any HTTP client can post the hall's published
 * coordinates. These tests pin down what the BFF does about it: an accuracy is required and bounded,
 * it is accepted only near the front of the line (tickets) or close to the slot (bookings), and the
 * window sees how each citizen checked in.
 */

// TUESDAY_10AM is 2026-11-24; the next working day is Wednesday 25 November.
const WEDNESDAY = '2026-11-25'
const at = (date: string, time: string) => `${date}T${time}:00+08:00`
/** The published coordinates of 天府新区政务服务中心: exactly what an attacker would post. */
const HALL = { lat: 30.4985, lng: 104.0712 }

let server: TestServer
let staff: string

beforeAll(async () => {
  server = await startTestServer()
  staff = await insertWindowStaff(server, 'tianfu', 'tianfu-w1')
}, 120_000)
afterAll(() => server?.close())
beforeEach(() => server.clock.set(TUESDAY_10AM))

const checkInTicket = (token: string, id: string, body: object) => api(server, token).post(`/api/v1/queue/tickets/${id}/check-in`, body)
const checkInBooking = (token: string, id: string, body: object) => api(server, token).post(`/api/v1/appointments/${id}/check-in`, body)
const methodOf = async (table: 'queue_tickets' | 'appointments', id: string) =>
  (await server.db.query<{ checkin_method: string | null }>(`select checkin_method from ${table} where id = $1`, [id])).rows[0].checkin_method

async function takeTicket(categoryId: string) {
  const [person] = await insertCitizens(server, 1)
  const reply = await take(server, person.token, categoryId)
  expect(reply.statusCode).toBe(201)
  return { token: person.token, ticket: reply.json() as { id: string; number: string } }
}

/** Fills a category's line with `count` checked-in tickets (by QR), ahead of anyone who checks in later. */
async function fillLine(categoryId: string, count: number) {
  const qr = await screenCheckinToken(server, staff)
  for (const person of await insertCitizens(server, count)) {
    const { id } = (await take(server, person.token, categoryId)).json()
    expect((await checkInTicket(person.token, id, { token: qr })).statusCode).toBe(200)
  }
}

describe('the reported accuracy', () => {
  it('is required', async () => {
    const { token, ticket } = await takeTicket('tianfu-B')
    const reply = await checkInTicket(token, ticket.id, { location: HALL })
    expect(reply.statusCode).toBe(400)
    expect(reply.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await methodOf('queue_tickets', ticket.id)).toBeNull()
  })

  it('must be a real fix no coarser than 100 m', async () => {
    const { token, ticket } = await takeTicket('tianfu-B')
    for (const accuracy of [101, 1500, 0]) {
      const reply = await checkInTicket(token, ticket.id, { location: { ...HALL, accuracy } })
      expect(reply.statusCode).toBe(422)
      expect(reply.json().code).toBe('LOCATION_INACCURATE')
      expect(reply.json().message).toContain('扫描大厅签到二维码')
    }
    expect((await checkInTicket(token, ticket.id, { location: { ...HALL, accuracy: 100 } })).json().status).toBe('waiting')
    expect(await methodOf('queue_tickets', ticket.id)).toBe('location')
  })
})

describe('a remote ticket', () => {
  it(`accepts a location only with at most ${LOCATION_MAX_AHEAD} people ahead; the QR code always works`, async () => {
    await fillLine('tianfu-C', LOCATION_MAX_AHEAD + 1)
    const first = await takeTicket('tianfu-C')
    const refused = await checkInTicket(first.token, first.ticket.id, { location: { ...HALL, accuracy: 15 } })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({
      code: 'LOCATION_CHECKIN_TOO_EARLY',
      message: `您前面还有 ${LOCATION_MAX_AHEAD + 1} 人，定位签到仅在前面不超过 ${LOCATION_MAX_AHEAD} 人时可用；到达服务中心后请扫描大厅屏幕上的签到二维码签到`,
    })
    expect((await api(server, first.token).get(`/api/v1/queue/tickets/${first.ticket.id}`)).json().status).toBe('waiting_checkin')

    const qr = await screenCheckinToken(server, staff)
    expect((await checkInTicket(first.token, first.ticket.id, { token: qr })).json().status).toBe('waiting')
    expect(await methodOf('queue_tickets', first.ticket.id)).toBe('qr')
  })

  it(`accepts a location with exactly ${LOCATION_MAX_AHEAD} people ahead`, async () => {
    await fillLine('tianfu-D', LOCATION_MAX_AHEAD)
    const { token, ticket } = await takeTicket('tianfu-D')
    const reply = await checkInTicket(token, ticket.id, { location: { ...HALL, accuracy: 15 } })
    expect(reply.statusCode).toBe(200)
    expect(reply.json().ahead).toBe(LOCATION_MAX_AHEAD)
    expect(await methodOf('queue_tickets', ticket.id)).toBe('location')
  })
})

describe('a booking', () => {
  async function booked(start: string) {
    const [person] = await insertCitizens(server, 1)
    const reply = await book(server, person.token, (await slotAt(server, WEDNESDAY, start)).id, LLC_ITEM)
    expect(reply.statusCode).toBe(201)
    return { token: person.token, id: reply.json().appointment.id as string }
  }

  it(`accepts a location from ${LOCATION_LEAD_MINUTES} minutes before the slot; the QR code from the start of the check-in window`, async () => {
    const early = await booked('11:00')
    const byQr = await booked('11:00')
    server.clock.set(at(WEDNESDAY, '10:50'))
    const refused = await checkInBooking(early.token, early.id, { location: { ...HALL, accuracy: 20 } })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({
      code: 'LOCATION_CHECKIN_TOO_EARLY',
      message: `定位签到请于 10:55 后进行（时段开始前${LOCATION_LEAD_MINUTES}分钟起）；已到达大厅的，请扫描大厅内的签到二维码签到`,
    })
    expect(await methodOf('appointments', early.id)).toBeNull()

    const qr = await screenCheckinToken(server, staff)
    expect((await checkInBooking(byQr.token, byQr.id, { hallToken: qr })).statusCode).toBe(200)
    expect(await methodOf('appointments', byQr.id)).toBe('qr')

    server.clock.set(at(WEDNESDAY, '10:55'))
    const accepted = await checkInBooking(early.token, early.id, { location: { ...HALL, accuracy: 20 } })
    expect(accepted.statusCode).toBe(200)
    expect(await methodOf('appointments', early.id)).toBe('location')
    // The priority ticket the booking became carries the booking's method, for the window.
    expect(await methodOf('queue_tickets', accepted.json().appointment.ticket.id)).toBe('location')
  })

  it('needs an accuracy too', async () => {
    const person = await booked('13:00')
    server.clock.set(at(WEDNESDAY, '13:00'))
    expect((await checkInBooking(person.token, person.id, { location: HALL })).statusCode).toBe(400)
    const coarse = await checkInBooking(person.token, person.id, { location: { ...HALL, accuracy: 250 } })
    expect(coarse.statusCode).toBe(422)
    expect(coarse.json().code).toBe('LOCATION_INACCURATE')
  })
})

describe('the window sees how each citizen checked in', () => {
  it('扫码签到, 定位签到（未核验） and 窗口签到 on the calling screen', async () => {
    server.clock.set(at(WEDNESDAY, '14:00'))
    const window = await insertWindowStaff(server, 'tianfu', 'tianfu-w9')
    await server.db.query(`update hall_windows set category_codes = '{E}', priority = false where id = 'tianfu-w9'`)

    const qr = await screenCheckinToken(server, staff)
    const [byQr, byLocation] = await insertCitizens(server, 2)
    const qrTicket = (await take(server, byQr.token, 'tianfu-E')).json()
    expect((await checkInTicket(byQr.token, qrTicket.id, { token: qr })).statusCode).toBe(200)
    const locationTicket = (await take(server, byLocation.token, 'tianfu-E')).json()
    expect((await checkInTicket(byLocation.token, locationTicket.id, { location: { ...HALL, accuracy: 30 } })).statusCode).toBe(200)

    const seen: string[] = []
    for (let i = 0; i < 2; i++) {
      const view = (await api(server, window).post('/api/v1/staff/windows/tianfu-w9/call-next')).json()
      seen.push(`${view.current.number}:${view.current.checkinMethod}`)
      for (const action of ['start', 'finish']) {
        expect((await api(server, window).post(`/api/v1/staff/windows/tianfu-w9/tickets/${view.current.id}/${action}`)).statusCode).toBe(200)
      }
    }
    expect(seen).toEqual([`${qrTicket.number}:qr`, `${locationTicket.number}:location`])
  })

  it('a booking checked in at the desk is 窗口签到', async () => {
    const [person] = await insertCitizens(server, 1)
    const { appointment } = (await book(server, person.token, (await slotAt(server, WEDNESDAY, '15:30')).id, LLC_ITEM)).json()
    server.clock.set(at(WEDNESDAY, '15:30'))
    const desk = await staffLogin(server, '13900000002')
    const reply = await api(server, desk).post('/api/v1/staff/halls/tianfu/appointments/check-in', { voucher: appointment.voucher })
    expect(reply.statusCode).toBe(200)
    expect(await methodOf('appointments', appointment.id)).toBe('window')
    expect(await methodOf('queue_tickets', reply.json().appointment.ticket.id)).toBe('window')
  })
})

describe('upgrading existing check-ins (migration 071)', () => {
  it('renames geofence → location and staff → window, and gives a booking’s ticket the booking’s method', async () => {
    const all = path.join(__dirname, '../../server/db/migrations')
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-before-071-'))
    for (const file of fs.readdirSync(all).filter((f) => f < '071')) fs.copyFileSync(path.join(all, file), path.join(before, file))
    const { db, drop } = await openTestDatabase()
    try {
      await migrate(db, before)
      await db.query(
        `insert into halls (id, name, short_name, address, phone, lat, lng, geofence_meters, city_code, county_code, open_time, close_time, take_cutoff_minutes)
         values ('old', '旧中心', '旧', '地址', '028-1', 30, 104, 300, '510100', '510116', '09:00', '17:00', 30)`,
      )
      await db.query(
        `insert into queue_categories (id, hall_id, code, name, daily_quota, per_person_daily_cap, avg_handle_minutes) values ('old-A', 'old', 'A', '综合', 100, 3, 10)`,
      )
      await db.query(
        `insert into service_items (id, name, department, queue_category, promised_days, statutory_days, legal_basis, conditions, fee, search_text)
         values ('old-item', '事项', '部门', 'A', 1, 1, '依据', '条件', '不收费', '事项')`,
      )
      const user = (await db.query<{ id: string }>(`insert into users (phone_index) values ('old-phone') returning id`)).rows[0].id
      const date = (day: number) => `2026-11-${10 + day}`
      const at = (day: number) => new Date(`${date(day)}T10:00:00+08:00`)
      const ticket = (day: number, number: string, status: string, method: string | null, appointmentId: string | null = null) =>
        db.query<{ id: string }>(
          `insert into queue_tickets (hall_id, category_id, service_date, number, user_id, source, appointment_id, priority, status, issued_at, checked_in_at, checkin_method, queued_at)
           values ('old', 'old-A', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9) returning id`,
          [
            date(day),
            number,
            user,
            appointmentId ? 'appointment' : 'remote',
            appointmentId,
            appointmentId ? 'appointment' : null,
            status,
            at(day),
            method ? at(day) : null,
            method,
          ],
        )
      const expected: Record<string, string | null> = {}
      for (const [day, method, now] of [
        [1, 'qr', 'qr'],
        [2, 'geofence', 'location'],
        [3, 'staff', 'window'],
      ] as const) {
        const booking = (
          await db.query<{ id: string }>(
            `insert into appointments (user_id, hall_id, item_id, category_code, service_date, start_time, end_time, starts_at, voucher, status, created_at, checked_in_at, checkin_method)
             values ($1, 'old', 'old-item', 'A', $5, '10:00', '10:30', $2, $3, 'checked_in', $2, $2, $4) returning id`,
            [user, at(day), `VOUCHER${day}`, method, date(day)],
          )
        ).rows[0].id
        expected[`appointment:${booking}`] = now
        expected[(await ticket(day, `Y00${day}`, 'done', 'appointment', booking)).rows[0].id] = now
      }
      expected[(await ticket(4, 'A001', 'done', 'geofence')).rows[0].id] = 'location'
      expected[(await ticket(5, 'A001', 'done', 'qr')).rows[0].id] = 'qr'
      expected[(await ticket(6, 'A001', 'waiting_checkin', null)).rows[0].id] = null

      expect(await migrate(db)).toEqual(expect.arrayContaining(['071_checkin_method.sql']))
      const tickets = await db.query<{ id: string; checkin_method: string | null }>('select id, checkin_method from queue_tickets')
      const bookings = await db.query<{ id: string; checkin_method: string | null }>('select id, checkin_method from appointments')
      const found = Object.fromEntries([
        ...tickets.rows.map((r) => [r.id, r.checkin_method]),
        ...bookings.rows.map((r) => [`appointment:${r.id}`, r.checkin_method]),
      ])
      expect(found).toEqual(expected)
    } finally {
      await drop()
      fs.rmSync(before, { recursive: true, force: true })
    }
  })
})
