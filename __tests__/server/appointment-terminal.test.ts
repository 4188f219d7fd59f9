import { currentCheckinToken } from '../../server/modules/queue/checkin-token'
import { markNoShows } from '../../server/modules/appointment/service'
import { TUESDAY_10AM, api, staffLogin, startTestServer, type TestServer } from './harness'
import { TAX_ITEM, book, slotAt } from './appointment-helpers'
import { insertCitizens } from './queue-helpers'

// TUESDAY_10AM is 2026-11-24; the next working days are 25, 26, 27, 30 Nov.
const WEDNESDAY = '2026-11-25'
const at = (date: string, time: string) => `${date}T${time}:00+08:00`

jest.setTimeout(60_000)

let server: TestServer
let staff: string
beforeAll(async () => {
  server = await startTestServer()
  staff = await staffLogin(server, '13900000002')
}, 120_000)
afterAll(() => server.close())
beforeEach(() => server.clock.set(TUESDAY_10AM))

type Detail = { status: string; voucher: string | null; qrDataUrl: string | null; materials: unknown[] }
const detailOf = async (token: string, id: string) => (await api(server, token).get(`/api/v1/appointments/${id}`)).json().appointment as Detail
const listOf = async (token: string) =>
  (await api(server, token).get('/api/v1/appointments')).json().appointments as { id: string; status: string; voucher: string | null }[]
const messagesOf = async (token: string) =>
  (await api(server, token).get('/api/v1/me/messages')).json().messages as { kind: string; title: string; body: string; link: string }[]
const deskCheckIn = (voucher: string, hall = 'tianfu') =>
  api(server, staff).post(`/api/v1/staff/halls/${hall}/appointments/check-in`, { voucher: `ONETRIP-APPT:${voucher}` })

/** A booking at `time` on Wednesday, with the voucher the citizen was shown while it stood. */
async function booked(time: string, itemId?: string) {
  const [person] = await insertCitizens(server, 1)
  const reply = await book(server, person.token, (await slotAt(server, WEDNESDAY, time, 'tianfu', itemId)).id, itemId)
  expect(reply.statusCode).toBe(201)
  const { id } = reply.json().appointment
  const standing = await detailOf(person.token, id)
  expect(standing.voucher).toMatch(/^[0-9A-Z]{8}$/)
  expect(standing.qrDataUrl).toMatch(/^data:image\/png;base64,/)
  expect(standing.materials.length).toBeGreaterThan(0)
  return { ...person, id, voucher: standing.voucher! }
}

/** What a terminal booking must look like everywhere the citizen sees it: no code, nothing to bring. */
async function expectEnded(person: { token: string; id: string }, status: string) {
  const detail = await detailOf(person.token, person.id)
  expect(detail).toMatchObject({ status, voucher: null, qrDataUrl: null, materials: [] })
  expect((await listOf(person.token)).find((a) => a.id === person.id)).toMatchObject({ status, voucher: null })
}

describe('a booking that ended shows no code, its code is refused, and the message list says so', () => {
  it('cancelled by the citizen: 已取消 in the messages (not only 预约成功), voucher gone, desk and hall-QR check-in refused', async () => {
    const person = await booked('15:00')
    server.clock.advance(60_000)
    expect((await api(server, person.token).post(`/api/v1/appointments/${person.id}/cancel`)).statusCode).toBe(200)
    await expectEnded(person, 'cancelled')

    const messages = await messagesOf(person.token)
    expect(messages.map((m) => m.title)).toEqual(['预约已取消', '预约成功'])
    expect(messages[0]).toMatchObject({ kind: 'appointment_cancelled', body: expect.stringContaining('预约码已失效') })

    server.clock.set(at(WEDNESDAY, '15:00'))
    const desk = await deskCheckIn(person.voucher)
    expect(desk.statusCode).toBe(409)
    expect(desk.json()).toEqual({ code: 'NOT_CHECKABLE', message: '该预约已取消' })
    const hallQr = await api(server, person.token).post(`/api/v1/appointments/${person.id}/check-in`, {
      hallToken: currentCheckinToken(server.runtime.keys, 'tianfu', server.clock.now()).token,
    })
    expect(hallQr.statusCode).toBe(409)
    expect((await server.db.query('select 1 from queue_tickets where appointment_id = $1', [person.id])).rowCount).toBe(0)
  })

  it('cancelled by a hall closure: the citizen is told, and the old voucher is refused at the desk', async () => {
    const person = await booked('16:00')
    server.clock.advance(60_000)
    const closure = await api(server, staff).post('/api/v1/staff/halls/tianfu/appointment-closures', {
      date: WEDNESDAY,
      start: '16:00',
      end: '17:00',
      reason: '系统维护',
    })
    expect(closure.statusCode).toBe(201)
    await expectEnded(person, 'cancelled')
    expect((await messagesOf(person.token))[0]).toMatchObject({ kind: 'appointment_cancelled', title: '预约已取消：服务中心临时调整' })

    server.clock.set(at(WEDNESDAY, '16:00'))
    const desk = await deskCheckIn(person.voucher)
    expect(desk.statusCode).toBe(409)
    expect(desk.json().message).toBe('该预约已取消')
    await api(server, staff).delete(`/api/v1/staff/halls/tianfu/appointment-closures/${closure.json().closure.id}`)
  })

  it('no-show: the citizen is told, and a late scan of the voucher is refused', async () => {
    const person = await booked('09:00', TAX_ITEM)
    server.clock.set(at(WEDNESDAY, '09:31'))
    await markNoShows(server.runtime)
    await expectEnded(person, 'no_show')
    expect((await messagesOf(person.token))[0]).toMatchObject({ kind: 'appointment_no_show', title: '预约爽约提醒' })

    const desk = await deskCheckIn(person.voucher)
    expect(desk.statusCode).toBe(409)
    expect(desk.json()).toEqual({ code: 'NOT_CHECKABLE', message: '该预约已过签到时间，记为爽约' })
  })

  it('checked in: the QR is gone, the voucher stays as a reference but a second scan is refused, the materials stay listed', async () => {
    const person = await booked('11:00')
    server.clock.set(at(WEDNESDAY, '11:00'))
    expect((await deskCheckIn(person.voucher)).statusCode).toBe(200)
    const detail = await detailOf(person.token, person.id)
    expect(detail).toMatchObject({ status: 'checked_in', voucher: person.voucher, qrDataUrl: null })
    expect(detail.materials.length).toBeGreaterThan(0)
    const again = await deskCheckIn(person.voucher)
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toBe('该预约已签到')
  })
})
