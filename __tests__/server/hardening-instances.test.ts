/**
 * Several BFF instances sharing one PostgreSQL and no memory: scheduled jobs run once, not once per
 * instance, and the outbox hands each message to exactly one worker.
 */
import { runJobExclusively, type Job } from '../../server/core/jobs'
import { deliverOutbox } from '../../server/core/notify'
import { describeWithPostgres, fakeWechat, startTestCluster, type TestServer } from './harness'

jest.setTimeout(120_000)

describeWithPostgres('two instances on one PostgreSQL', () => {
  let cluster: Awaited<ReturnType<typeof startTestCluster>>
  let wechats: ReturnType<typeof fakeWechat>[]
  const contextOf = (server: TestServer, wechat: ReturnType<typeof fakeWechat>) => ({ ...server.runtime, wechat, log: server.app.log })

  beforeAll(async () => {
    cluster = await startTestCluster(2)
    wechats = cluster.servers.map(() => fakeWechat())
  })
  afterAll(() => cluster.close())

  it('runs a scheduled job on one instance at a time', async () => {
    let running = 0
    let maxConcurrent = 0
    let runs = 0
    const slowJob: Job = {
      name: 'test-slow-job',
      everyMs: 1000,
      async run() {
        running++
        runs++
        maxConcurrent = Math.max(maxConcurrent, running)
        await new Promise((resolve) => setTimeout(resolve, 300))
        running--
      },
    }
    const ran = await Promise.all(cluster.servers.flatMap((server, i) => [0, 1].map(() => runJobExclusively(contextOf(server, wechats[i]), slowJob))))
    expect(ran.filter(Boolean)).toHaveLength(1)
    expect(runs).toBe(1)
    expect(maxConcurrent).toBe(1)
  })

  it('delivers each outbox message exactly once when both instances work the outbox at the same moment', async () => {
    const [first] = cluster.servers
    const { rows } = await first.db.query<{ id: string }>(`insert into users (wechat_openid) values ('openid-cluster') returning id`)
    // Due a day before the instances' clock: the BFF's clock decides what is due, never the database's now().
    const due = new Date(first.clock.now().getTime() - 86_400_000)
    for (let i = 0; i < 60; i++) {
      await first.db.query(
        `insert into outbox (dedupe_key, user_id, channel, template_kind, payload, created_at, next_attempt_at)
         values ($1, $2, 'wechat_subscribe', 'queue_called', '{"data":{}}', $3, $3)`,
        [`cluster-${i}`, rows[0].id, due],
      )
    }
    // Each instance drains with its own worker loop until nothing is left.
    await Promise.all(
      cluster.servers.map(async (server, i) => {
        while ((await deliverOutbox(contextOf(server, wechats[i]))) > 0);
      }),
    )
    const sends = wechats[0].sent.length + wechats[1].sent.length
    expect(sends).toBe(60)
    const pending = await first.db.query<{ n: number }>(`select count(*)::int as n from outbox where delivered_at is null`)
    expect(pending.rows[0].n).toBe(0)
  })
})
