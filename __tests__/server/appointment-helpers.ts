import { randomToken, sha256Hex } from '../../server/core/crypto'
import { idCardCheckChar } from '../../src/domain/id-card'
import { api, type TestServer } from './harness'

/** An F-category item (企业开办) offered at both halls, and a B-category one (税务). */
export const LLC_ITEM = 'company-llc-establishment'
export const SOLE_TRADER_ITEM = 'individual-business-registration'
export const TAX_ITEM = 'tax-info-confirmation'

let batch = 0

/**
 * Real-name citizens with sessions, written straight into the database: logging in 1,000 people through
 * the SMS API takes minutes. Personal fields are sealed with the server's cipher as the API would, and
 * session tokens are stored as SHA-256 hashes as core/auth.ts looks them up.
 */
export async function insertCitizens(server: TestServer, count: number): Promise<{ userId: string; token: string }[]> {
  const { cipher } = server.runtime.keys
  const now = server.clock.now()
  const expires = new Date(now.getTime() + 365 * 86_400_000)
  const run = `${process.pid % 1000}${batch++}`.padStart(4, '0').slice(-4)
  const people = Array.from({ length: count }, (_, i) => {
    const phone = `186${run}${String(i).padStart(4, '0')}`
    const first17 = `510107${1950 + (i % 40)}0101${String(i % 1000).padStart(3, '0')}`
    return { phone, idNumber: first17 + idCardCheckChar(first17), token: randomToken(), serial: `${run}-${i}` }
  })
  const { rows } = await server.db.query<{ id: string }>(
    `insert into users (phone_index, phone_enc, real_name_enc, id_number_enc, id_number_index, birth_date, sex, real_name_verified_at)
     select x.phone_index, x.phone_enc, x.name_enc, x.id_enc, x.id_index, '1980-01-01', 'male', $7
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) as x(phone_index, phone_enc, name_enc, id_enc, id_index, ord)
      order by x.ord
     returning id`,
    [
      people.map((p) => cipher.blindIndex(`phone:${p.phone}`)),
      people.map((p) => cipher.encrypt(p.phone)),
      people.map(() => cipher.encrypt('测试市民')),
      people.map((p) => cipher.encrypt(p.idNumber)),
      // The index only has to be unique: tie it to the batch so repeated batches never collide.
      people.map((p) => cipher.blindIndex(`id:test:${p.serial}`)),
      people.map((_, i) => i),
      now,
    ],
  )
  await server.db.query(
    `insert into sessions (token_hash, user_id, created_at, expires_at)
     select * from unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::timestamptz[])`,
    [people.map((p) => sha256Hex(p.token)), rows.map((r) => r.id), people.map(() => now), people.map(() => expires)],
  )
  return rows.map((row, i) => ({ userId: row.id, token: people[i].token }))
}

export interface SlotView {
  id: string
  start: string
  end: string
  capacity: number
  remaining: number
}

/** The bookable days for an item at a hall, as the citizen's day picker gets them. */
export async function bookableDays(server: TestServer, hallId = 'tianfu', itemId = LLC_ITEM) {
  const reply = await api(server).get(`/api/v1/appointments/days?hallId=${hallId}&itemId=${itemId}`)
  if (reply.statusCode !== 200) throw new Error(`days failed: ${reply.body}`)
  return reply.json() as { days: { date: string; status: string; remaining: number; label: string | null }[] }
}

export async function slotsOf(server: TestServer, date: string, hallId = 'tianfu', itemId = LLC_ITEM): Promise<SlotView[]> {
  const reply = await api(server).get(`/api/v1/appointments/slots?hallId=${hallId}&itemId=${itemId}&date=${date}`)
  if (reply.statusCode !== 200) throw new Error(`slots failed: ${reply.body}`)
  return reply.json().slots
}

/** A slot on `date` starting at `start`. */
export async function slotAt(server: TestServer, date: string, start: string, hallId = 'tianfu', itemId = LLC_ITEM): Promise<SlotView> {
  const slot = (await slotsOf(server, date, hallId, itemId)).find((s) => s.start === start)
  if (!slot) throw new Error(`no slot at ${date} ${start}`)
  return slot
}

export const book = (server: TestServer, token: string, slotId: string, itemId = LLC_ITEM, headers?: Record<string, string>) =>
  api(server, token).post('/api/v1/appointments', { slotId, itemId }, headers)

/** Sets capacities (and any other settings) of a hall through the staff API. */
export async function configureHall(server: TestServer, staffToken: string, hallId: string, changes: Record<string, unknown>) {
  const current = await api(server, staffToken).get(`/api/v1/staff/halls/${hallId}/appointment-settings`)
  if (current.statusCode !== 200) throw new Error(`settings failed: ${current.body}`)
  const { settings, capacities } = current.json()
  const reply = await api(server, staffToken).put(`/api/v1/staff/halls/${hallId}/appointment-settings`, {
    ...settings,
    capacities: capacities.map((c: { categoryCode: string; capacity: number }) => ({ categoryCode: c.categoryCode, capacity: c.capacity })),
    ...changes,
  })
  if (reply.statusCode !== 200) throw new Error(`settings update failed (${reply.statusCode}): ${reply.body}`)
  return reply.json()
}
