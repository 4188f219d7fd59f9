import crypto from 'node:crypto'
import { randomToken, sha256Hex } from '../../server/core/crypto'
import { api, nextIdNumber, type TestServer } from './harness'

let phoneSeq = 0
const phonePrefix = String(crypto.randomInt(100, 999))

/**
 * Signed-in citizens with verified real names, written straight into the database (users + sessions
 * rows as the auth module writes them): logging 500 people in through SMS would take minutes.
 */
export async function insertCitizens(server: TestServer, count: number, options: { birth?: string; name?: string } = {}) {
  const { cipher } = server.runtime.keys
  const now = server.clock.now()
  const people = Array.from({ length: count }, () => {
    const phone = `186${phonePrefix}${String(++phoneSeq).padStart(5, '0')}`
    const idNumber = nextIdNumber(options.birth)
    return { phone, idNumber, birth: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` }
  })
  const { rows } = await server.db.query<{ id: string }>(
    `insert into users (phone_index, phone_enc, real_name_enc, id_number_enc, id_number_index, birth_date, sex, real_name_verified_at)
     select p, pe, n, i, ii, b::date, 'male', $7::timestamptz from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(p, pe, n, i, ii, b)
     returning id`,
    [
      people.map((p) => cipher.blindIndex(`phone:${p.phone}`)),
      people.map((p) => cipher.encrypt(p.phone)),
      people.map(() => cipher.encrypt(options.name ?? '张三')),
      people.map((p) => cipher.encrypt(p.idNumber)),
      people.map((p) => cipher.blindIndex(`id:${p.idNumber}`)),
      people.map((p) => p.birth),
      now,
    ],
  )
  const tokens = rows.map(() => randomToken())
  await server.db.query(
    `insert into sessions (token_hash, user_id, created_at, expires_at) select h, u::uuid, $3, $4 from unnest($1::text[], $2::text[]) as x(h, u)`,
    // A year: suites that move their clock across weeks of bookings keep the same signed-in citizens.
    [tokens.map(sha256Hex), rows.map((r) => r.id), now, new Date(now.getTime() + 365 * 86_400_000)],
  )
  return rows.map((row, i) => ({ userId: row.id, token: tokens[i], phone: people[i].phone }))
}

/** A staff member working at `windowId`, written like the demo staff seed writes them. */
export async function insertWindowStaff(server: TestServer, hallId: string, windowId: string) {
  const [person] = await insertCitizens(server, 1, { name: '窗口员' })
  await server.db.query(`insert into staff_roles (user_id, hall_id, role, window_id) values ($1, $2, 'staff', $3)`, [person.userId, hallId, windowId])
  return person.token
}

/** The check-in token the hall screen shows right now, fetched as the screen fetches it. */
export async function screenCheckinToken(server: TestServer, staffToken: string, hallId = 'tianfu'): Promise<string> {
  const reply = await api(server, staffToken).get(`/api/v1/staff/halls/${hallId}/checkin-code`)
  if (reply.statusCode !== 200) throw new Error(`checkin-code failed: ${reply.body}`)
  return reply.json().token
}

/** Takes a number in a category of tianfu (or another hall) and returns the ticket. */
export async function take(server: TestServer, token: string, categoryId = 'tianfu-A', headers?: Record<string, string>) {
  return api(server, token).post('/api/v1/queue/tickets', { hallId: categoryId.replace(/-[A-Z]$/, ''), categoryId }, headers)
}

/** Takes a number and checks it in with the hall's QR code. */
export async function takeAndCheckIn(server: TestServer, token: string, staffToken: string, categoryId = 'tianfu-A') {
  const taken = await take(server, token, categoryId)
  if (taken.statusCode !== 201) throw new Error(`take failed: ${taken.body}`)
  const checkinToken = await screenCheckinToken(server, staffToken, categoryId.replace(/-[A-Z]$/, ''))
  const checked = await api(server, token).post(`/api/v1/queue/tickets/${taken.json().id}/check-in`, { token: checkinToken })
  if (checked.statusCode !== 200) throw new Error(`check-in failed: ${checked.body}`)
  return checked.json() as { id: string; number: string; status: string }
}
