import { api, describeWithPostgres, startTestCluster, startTestServer, type Reply, type TestServer } from './harness'
import { insertCitizens, insertWindowStaff, take } from './queue-helpers'

jest.setTimeout(600_000)

const DISTINCT_TAKERS = 500
const REPEATERS = 10
const numberOf = (n: number, letter: string) => letter + String(n).padStart(3, '0')

/** Asserts the invariants of a category's tickets in the database: no duplicates, no gaps, one active per person. */
async function expectCleanNumbering(server: TestServer, categoryId: string, letter: string, expected: number) {
  const { rows } = await server.db.query<{ number: string }>('select number from queue_tickets where category_id = $1 order by number', [categoryId])
  expect(rows.map((r) => r.number)).toEqual(Array.from({ length: expected }, (_, i) => numberOf(i + 1, letter)))
  const doubled = await server.db.query(
    `select user_id from queue_tickets where category_id = $1 and status in ('waiting_checkin', 'waiting', 'called', 'serving')
      group by user_id, service_date having count(*) > 1`,
    [categoryId],
  )
  expect(doubled.rows).toEqual([])
}

function concurrencySuite(start: () => Promise<{ servers: TestServer[]; close(): Promise<void> }>) {
  let cluster: { servers: TestServer[]; close(): Promise<void> }
  const on = (i: number) => cluster.servers[i % cluster.servers.length]
  beforeAll(async () => {
    cluster = await start()
  })
  afterAll(() => cluster.close())

  it(`numbers ${DISTINCT_TAKERS} simultaneous takes without duplicates or gaps, and gives repeaters one ticket`, async () => {
    const takers = await insertCitizens(on(0), DISTINCT_TAKERS)
    const repeaters = await insertCitizens(on(0), REPEATERS)
    const distinct: Promise<Reply>[] = takers.map((person, i) => take(on(i), person.token, 'tianfu-A'))
    // Each repeater: three requests with one idempotency key and three with keys of their own, spread over the instances.
    const repeated = repeaters.map((person, r) =>
      Promise.all(
        Array.from({ length: 6 }, (_, k) =>
          take(on(r + k), person.token, 'tianfu-A', { 'idempotency-key': k < 3 ? `same-key-${r}-000` : `own-key-${r}-${k}-00` }),
        ),
      ),
    )
    const [distinctReplies, repeatedReplies] = await Promise.all([Promise.all(distinct), Promise.all(repeated)])

    expect(distinctReplies.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([])
    for (const replies of repeatedReplies) {
      const created = replies.filter((r) => r.statusCode === 201)
      // Replays of the winning key repeat its answer; everything else is refused with a reason.
      expect(new Set(created.map((r) => r.json().id)).size).toBe(1)
      for (const refused of replies.filter((r) => r.statusCode !== 201)) {
        expect(refused.statusCode).toBe(409)
        expect(['TICKET_ACTIVE', 'REQUEST_IN_PROGRESS']).toContain(refused.json().code)
      }
    }
    await expectCleanNumbering(on(0), 'tianfu-A', 'A', DISTINCT_TAKERS + REPEATERS)
  })

  it('never issues more numbers than the daily quota', async () => {
    await on(0).db.query(`update queue_categories set daily_quota = 300 where id = 'tianfu-B'`)
    const people = await insertCitizens(on(0), 400)
    const replies = await Promise.all(people.map((person, i) => take(on(i), person.token, 'tianfu-B')))
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(300)
    const refused = replies.filter((r) => r.statusCode !== 201)
    expect(refused).toHaveLength(100)
    for (const reply of refused) expect(reply.json().code).toBe('QUOTA_EXHAUSTED')
    await expectCleanNumbering(on(0), 'tianfu-B', 'B', 300)
  })

  it('never hands one ticket to two windows calling at once', async () => {
    // Everyone in line for 综合窗口 (A) checks in; four windows serve A (1, 2, 4 and 5).
    await on(0).db.query(
      `update queue_tickets set status = 'waiting', checked_in_at = issued_at, queued_at = issued_at, checkin_method = 'qr'
        where category_id = 'tianfu-A' and status = 'waiting_checkin'`,
    )
    const windows = ['tianfu-w1', 'tianfu-w2', 'tianfu-w4', 'tianfu-w5']
    const staff = await Promise.all(windows.map((w) => insertWindowStaff(on(0), 'tianfu', w)))
    const calledBy = new Map<string, string[]>()
    for (let round = 0; round < 15; round++) {
      // Every window calls twice at once (a double tap), on alternating instances.
      const replies = await Promise.all(
        windows.flatMap((w, i) => [0, 1].map((tap) => api(on(i + tap + round), staff[i]).post(`/api/v1/staff/windows/${w}/call-next`))),
      )
      const current = new Map<string, string>()
      replies.forEach((reply, k) => {
        const window = windows[Math.floor(k / 2)]
        if (reply.statusCode === 200) current.set(window, reply.json().current.id)
        else expect(reply.json().code).toBe('WINDOW_BUSY')
      })
      expect([...current.keys()].sort()).toEqual([...windows].sort())
      for (const [window, ticketId] of current) calledBy.set(ticketId, [...(calledBy.get(ticketId) ?? []), window])
      await Promise.all(
        [...current].map(async ([window, ticketId], i) => {
          const path = `/api/v1/staff/windows/${window}/tickets/${ticketId}`
          expect((await api(on(i), staff[windows.indexOf(window)]).post(`${path}/start`)).statusCode).toBe(200)
          expect((await api(on(i + 1), staff[windows.indexOf(window)]).post(`${path}/finish`)).statusCode).toBe(200)
        }),
      )
    }
    expect(calledBy.size).toBe(15 * windows.length)
    for (const callers of calledBy.values()) expect(callers).toHaveLength(1)
    const calls = await on(0).db.query<{ target: string; n: number }>(
      `select target, count(*)::int as n from audit_log where action = 'queue.call' group by target having count(*) > 1`,
    )
    expect(calls.rows).toEqual([])
    // Calls follow check-in order: the first 60 numbers, none skipped.
    const { rows } = await on(0).db.query<{ number: string }>(
      `select number from queue_tickets where category_id = 'tianfu-A' and status = 'done' order by number`,
    )
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 60 }, (_, i) => numberOf(i + 1, 'A')))
  })
}

describe('queue under concurrency, one instance (PGlite, or PostgreSQL when TEST_DATABASE_URL is set)', () =>
  concurrencySuite(async () => {
    const server = await startTestServer()
    return { servers: [server], close: () => server.close() }
  }))

describeWithPostgres('queue under concurrency, two instances sharing one PostgreSQL', () => concurrencySuite(() => startTestCluster(2)))
