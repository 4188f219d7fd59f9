/**
 * Booking contention: many connections booking one slot of capacity 10, then bookings spread over
 * every slot of the bookable days, next to GET /healthz in the same run. Throws if any slot ends up
 * overbooked. `npx tsx bench/appointment.ts` (PGlite) or with BENCH_DATABASE_URL (PostgreSQL).
 */
import { healthBaseline, load, makeCitizens, startBenchServer, type BenchServer, type LoadResult } from './lib'
import { currentLoginAgreement } from '../src/domain/legal'

const CONNECTIONS = 50
const DURATION_SECONDS = 5
const CITIZENS = 600
const HALL = 'tianfu'
// The four 企业开办 (category F) items: a person may hold one active booking per item, each on another day.
const ITEMS = ['company-llc-establishment', 'individual-business-registration', 'company-change-registration', 'company-simplified-deregistration']

async function call<T>(bench: BenchServer, method: string, url: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(bench.baseUrl + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

async function setCapacity(bench: BenchServer, staffToken: string, capacity: number) {
  const current = await call<{ settings: object; capacities: { categoryCode: string; capacity: number }[] }>(
    bench,
    'GET',
    `/api/v1/staff/halls/${HALL}/appointment-settings`,
    staffToken,
  )
  await call(bench, 'PUT', `/api/v1/staff/halls/${HALL}/appointment-settings`, staffToken, {
    ...current.settings,
    capacities: current.capacities.map((c) => ({ categoryCode: c.categoryCode, capacity: c.categoryCode === 'F' ? capacity : c.capacity })),
  })
}

interface Slot {
  id: string
  start: string
}

async function slotsOf(bench: BenchServer, date: string): Promise<Slot[]> {
  return (await call<{ slots: Slot[] }>(bench, 'GET', `/api/v1/appointments/slots?hallId=${HALL}&itemId=${ITEMS[0]}&date=${date}`)).slots
}

/** Checks what the load left in the database: no slot over capacity, counters equal to the booking rows. */
async function assertNotOverbooked(bench: BenchServer, slotIds: string[]) {
  const { rows } = await bench.runtime.db.query<{ booked: number; overbooked: number; rows: number }>(
    `select coalesce(sum(booked), 0)::int as booked, count(*) filter (where booked > capacity)::int as overbooked,
            (select count(*)::int from appointments where slot_id = any($1) and status = 'booked') as rows
       from appointment_slots where id = any($1)`,
    [slotIds],
  )
  const result = rows[0]
  if (result.overbooked > 0 || result.booked !== result.rows) throw new Error(`booking invariant broken: ${JSON.stringify(result)}`)
  return result.booked
}

/** Names a booking load with its outcome: 2xx are bookings made, the rest refusals (full slot, one per day or item). */
const withOutcome = (result: LoadResult): LoadResult => ({
  ...result,
  name: `${result.name}: ${result.requests - result.non2xx} booked, ${result.non2xx} refused`,
})

/** Booking requests with each request's body and token chosen by `pick(k)` for the k-th request. */
function bookingLoad(bench: BenchServer, name: string, pick: (k: number) => { token: string; slotId: string; itemId: string }) {
  let k = 0
  return load(name, {
    url: `${bench.baseUrl}/api/v1/appointments`,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { token, slotId, itemId } = pick(k++)
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ slotId, itemId }),
          }
        },
      },
    ],
  })
}

export async function run(options: { databaseUrl?: string | null }): Promise<LoadResult[]> {
  const bench = await startBenchServer(options)
  try {
    const tokens = await makeCitizens(bench.baseUrl, CITIZENS, 15100000000)
    const staff = await signInStaff(bench)
    const { days } = await call<{ days: { date: string }[] }>(bench, 'GET', `/api/v1/appointments/days?hallId=${HALL}&itemId=${ITEMS[0]}`)
    const results: LoadResult[] = [await healthBaseline(bench.baseUrl, CONNECTIONS, DURATION_SECONDS)]

    // One hot slot: every request fights for the same row; 10 win, the rest are told 该时段已约满.
    await setCapacity(bench, staff, 10)
    const hot = (await slotsOf(bench, days[0].date))[0]
    const single = await bookingLoad(bench, 'POST /appointments, one slot of capacity 10', (k) => ({
      token: tokens[k % tokens.length],
      slotId: hot.id,
      itemId: ITEMS[0],
    }))
    if ((await assertNotOverbooked(bench, [hot.id])) !== 10) throw new Error('the hot slot did not end with exactly 10 bookings')
    results.push(withOutcome(single))

    // Many slots: capacity 50 on every slot of the remaining days; person k books day ⌊k/N⌋, slot k mod 16.
    await setCapacity(bench, staff, 50)
    const spread = await Promise.all(days.slice(1).map((d) => slotsOf(bench, d.date)))
    const many = await bookingLoad(bench, `POST /appointments, ${spread.flat().length} slots of capacity 50`, (k) => {
      const round = Math.floor(k / tokens.length) % spread.length
      const daySlots = spread[round]
      return { token: tokens[k % tokens.length], slotId: daySlots[k % daySlots.length].id, itemId: ITEMS[round % ITEMS.length] }
    })
    await assertNotOverbooked(
      bench,
      spread.flat().map((s) => s.id),
    )
    results.push(withOutcome(many))
    // autocannon stops at its deadline with requests still queued in the BFF; let them finish before the database closes.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    return results
  } finally {
    await bench.close()
  }
}

/** The demo staff member of the hall (window 1), signed in by SMS like anyone else. */
async function signInStaff(bench: BenchServer): Promise<string> {
  const phone = '13900000001'
  const sent = await call<{ devCode: string }>(bench, 'POST', '/api/v1/auth/sms/send', undefined, { phone })
  const { token } = await call<{ token: string }>(bench, 'POST', '/api/v1/auth/sms/login', undefined, {
    agreed: currentLoginAgreement(),
    phone,
    code: sent.devCode,
  })
  return token
}

if (require.main === module) {
  run({ databaseUrl: process.env.BENCH_DATABASE_URL || null })
    .then((results) => console.log(JSON.stringify(results, null, 2)))
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}
