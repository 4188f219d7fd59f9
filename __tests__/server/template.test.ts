import { ManualClock } from '../../server/core/clock'
import type { Db } from '../../server/core/db'
import { openRuntime, seedAll } from '../../server/runtime'
import { DEMO_STAFF } from '../../server/modules/auth/seed'
import { TEST_DATABASE_URL, startTestServer } from './harness'
import { TUESDAY_10AM, openStage, testConfig } from './template'

/** Row count of every table in the suite's schema: what migrating and seeding wrote. */
async function contents(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables.rows) counts[name] = Number((await db.query<{ n: number }>(`select count(*) as n from "${name}"`)).rows[0].n)
  return counts
}

const staffVerifiedAt = async (db: Db) =>
  (
    await db.query<{ at: Date }>(`select u.real_name_verified_at as at from users u join staff_roles r on r.user_id = u.id group by u.id order by u.id`)
  ).rows.map((row) => new Date(row.at).toISOString())

describe('the server suites’ template database', () => {
  it('is copied from the run’s template, and holds what migrating and seeding afresh writes', async () => {
    const copy = await openStage(TEST_DATABASE_URL, 'seeded')
    const fresh = await openStage(TEST_DATABASE_URL, 'empty')
    try {
      expect(copy.fromTemplate).toBe(true)
      await seedAll(await openRuntime(testConfig(), { db: fresh.db, clock: new ManualClock(TUESDAY_10AM) }))
      const expected = await contents(fresh.db)
      expect(Object.keys(expected).length).toBeGreaterThan(20)
      expect(await contents(copy.db)).toEqual(expected)
      // The same keys: the demo staff log in with the phone indexes the seed wrote.
      const phones = (db: Db) => db.query<{ phone_index: string }>('select phone_index from users order by phone_index').then((r) => r.rows)
      expect(await phones(copy.db)).toEqual(await phones(fresh.db))
    } finally {
      await copy.drop()
      await fresh.drop()
    }
  })

  it('gives each suite its own copy: a write in one is not seen by the next', async () => {
    const first = await openStage(TEST_DATABASE_URL, 'seeded')
    try {
      await first.db.query(`delete from staff_roles`)
      const second = await openStage(TEST_DATABASE_URL, 'seeded')
      try {
        expect(Number((await second.db.query<{ n: number }>('select count(*) as n from staff_roles')).rows[0].n)).toBeGreaterThan(0)
      } finally {
        await second.drop()
      }
    } finally {
      await first.drop()
    }
  })

  it('seeds afresh for a server whose clock the seed would record differently', async () => {
    const later = '2031-03-04T10:00:00+08:00'
    const server = await startTestServer({ now: later })
    try {
      const stamps = await staffVerifiedAt(server.db)
      expect(stamps).toHaveLength(DEMO_STAFF.length)
      expect(new Set(stamps)).toEqual(new Set([new Date(later).toISOString()]))
    } finally {
      await server.close()
    }
    const usual = await startTestServer()
    try {
      expect(new Set(await staffVerifiedAt(usual.db))).toEqual(new Set([new Date(TUESDAY_10AM).toISOString()]))
    } finally {
      await usual.close()
    }
  })
})
