import { TUESDAY_10AM, describeWithPostgres, startTestCluster, startTestServer, staffLogin, type TestServer } from './harness'
import * as repo from '../../server/modules/appointment/repository'
import { book, configureHall, slotAt } from './appointment-helpers'
import { insertCitizens } from './queue-helpers'

// Thousands of requests on two shared cores.
jest.setTimeout(180_000)

const REQUESTS = 1000
const CAPACITY = 10
const DAY = '2026-11-26'

interface Outcome {
  status: number
  code: string | undefined
  message: string | undefined
}

/**
 * Fires one booking per citizen at the same slot, all at once, spread over the given instances. Also
 * counts the requests that passed the early "full?" read and were turned away by the conditional update
 * itself, the guarantee under test.
 */
async function stampede(servers: TestServer[], slotId: string, tokens: string[]) {
  const takePlace = jest.spyOn(repo, 'takePlace')
  try {
    const replies = await Promise.all(tokens.map((token, i) => book(servers[i % servers.length], token, slotId)))
    const taken = await Promise.all(takePlace.mock.results.map((result) => result.value as Promise<boolean>))
    const outcomes: Outcome[] = replies.map((reply) => {
      const body = reply.json()
      return { status: reply.statusCode, code: body.code, message: body.message }
    })
    return { outcomes, refusedByUpdate: taken.filter((ok) => !ok).length }
  } finally {
    takePlace.mockRestore()
  }
}

async function bookingsAt(server: TestServer, slotId: string) {
  const slot = await server.db.query<{ booked: number; capacity: number }>('select booked, capacity from appointment_slots where id = $1', [slotId])
  const rows = await server.db.query<{ n: number; people: number }>(
    `select count(*)::int as n, count(distinct user_id)::int as people from appointments where slot_id = $1 and status = 'booked'`,
    [slotId],
  )
  return { ...slot.rows[0], ...rows.rows[0] }
}

function expectExactlyCapacity(outcomes: Outcome[]) {
  const created = outcomes.filter((o) => o.status === 201)
  const refused = outcomes.filter((o) => o.status !== 201)
  expect(created).toHaveLength(CAPACITY)
  expect(refused).toHaveLength(outcomes.length - CAPACITY)
  for (const o of refused) expect(o).toEqual({ status: 409, code: 'SLOT_FULL', message: '该时段已约满，请选择其他时段' })
}

/** The same person pressing "confirm" twice: once without an idempotency key, once with the same key on both requests. */
async function doubleSubmits(servers: TestServer[], start: string) {
  const [withoutKey, withKey] = await insertCitizens(servers[0], 2)
  const slot = await slotAt(servers[0], DAY, start)
  const plain = await Promise.all(
    servers.length > 1
      ? servers.map((s) => book(s, withoutKey.token, slot.id))
      : [book(servers[0], withoutKey.token, slot.id), book(servers[0], withoutKey.token, slot.id)],
  )
  expect(plain.map((r) => r.statusCode).sort()).toEqual([201, 409])
  expect(plain.find((r) => r.statusCode === 409)!.json().code).toBe('ONE_PER_DAY')

  const key = { 'idempotency-key': 'double-submit-0001' }
  const keyed = await Promise.all([
    book(servers[0], withKey.token, slot.id, undefined, key),
    book(servers[servers.length - 1], withKey.token, slot.id, undefined, key),
  ])
  expect(keyed.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1)
  for (const r of keyed.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('REQUEST_IN_PROGRESS')

  const result = await bookingsAt(servers[0], slot.id)
  expect(result).toMatchObject({ booked: 2, n: 2, people: 2 })
}

async function prepare(server: TestServer) {
  const staff = await staffLogin(server, '13900000001')
  await configureHall(server, staff, 'tianfu', { capacities: [{ categoryCode: 'F', capacity: CAPACITY }] })
  return slotAt(server, DAY, '10:00')
}

describe('booking contention on PGlite (one instance)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ now: TUESDAY_10AM })
  })
  afterAll(() => server.close())

  it(`lets exactly ${CAPACITY} of ${REQUESTS} concurrent citizens book a slot of capacity ${CAPACITY}`, async () => {
    const slot = await prepare(server)
    const people = await insertCitizens(server, REQUESTS)
    // PGlite runs one transaction at a time, so most of the rush is turned away by the early read.
    const { outcomes } = await stampede(
      [server],
      slot.id,
      people.map((p) => p.token),
    )
    expectExactlyCapacity(outcomes)
    expect(await bookingsAt(server, slot.id)).toEqual({ booked: CAPACITY, capacity: CAPACITY, n: CAPACITY, people: CAPACITY })
  })

  it('gives a person who double-submits one booking', () => doubleSubmits([server], '11:00'))
})

describeWithPostgres('booking contention on PostgreSQL (two instances)', () => {
  let cluster: Awaited<ReturnType<typeof startTestCluster>>
  beforeAll(async () => {
    cluster = await startTestCluster(2, { now: TUESDAY_10AM })
  })
  afterAll(() => cluster.close())

  it(`lets exactly ${CAPACITY} of ${REQUESTS} concurrent citizens book a slot of capacity ${CAPACITY}, through both instances`, async () => {
    const [first] = cluster.servers
    const slot = await prepare(first)
    const people = await insertCitizens(first, REQUESTS)
    const { outcomes, refusedByUpdate } = await stampede(
      cluster.servers,
      slot.id,
      people.map((p) => p.token),
    )
    expectExactlyCapacity(outcomes)
    // Many requests read the slot before the first bookings committed: the conditional update held them off.
    expect(refusedByUpdate).toBeGreaterThan(0)
    expect(await bookingsAt(first, slot.id)).toEqual({ booked: CAPACITY, capacity: CAPACITY, n: CAPACITY, people: CAPACITY })
  })

  it('gives a person who double-submits through both instances one booking', () => doubleSubmits(cluster.servers, '11:00'))
})
