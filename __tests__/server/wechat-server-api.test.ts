/**
 * Issue 19: one WeChat access_token shared by every BFF instance (kept in the database, refreshed once
 * under a lock through stable_token, 40001 → one forced refresh and a retry), code2session, and the
 * outbox's handling of WeChat's answers (43101 refused → stop; quotas → retry later, no attempt spent).
 * Runs against a local stand-in speaking WeChat's JSON API; on PostgreSQL, across two instances.
 */
import type { AppContext } from '../../server/core/context'
import type { Db } from '../../server/core/db'
import { deliverOutbox } from '../../server/core/notify'
import { createWechatClient, type WechatClient } from '../../server/core/wechat'
import { TEST_DATABASE_URL, startTestCluster, startTestServer, type TestServer } from './harness'
import { startWechatStandIn, type WechatStandIn } from './stand-ins/wechat'

jest.setTimeout(180_000)

const APP = { appId: 'wx0123456789abcdef', appSecret: 'hall-app-secret' }
const TEMPLATE_ID = 'Vx3kQm9ZpR7tLs2YbN8cHd4FgJ6wEa1uKo5iTy0qXzc'

let wechatApi: WechatStandIn
/** Two BFF instances: on PostgreSQL two servers with their own pools on one database; on PGlite two contexts on the one database. */
let instances: TestServer[]
let closeAll: () => Promise<void>

const clientOf = (server: TestServer): WechatClient =>
  createWechatClient(
    { apiBase: wechatApi.url, ...APP, templates: { queue_called: TEMPLATE_ID } },
    { db: server.db, cipher: server.runtime.keys.cipher, clock: server.clock },
  )
const contextOf = (server: TestServer, wechat: WechatClient): AppContext => ({ ...server.runtime, wechat, log: server.app.log })

beforeAll(async () => {
  wechatApi = await startWechatStandIn(APP)
  if (TEST_DATABASE_URL) {
    const cluster = await startTestCluster(2)
    instances = cluster.servers
    closeAll = cluster.close
  } else {
    const server = await startTestServer()
    instances = [server, server]
    closeAll = server.close
  }
})
afterAll(async () => {
  await closeAll?.()
  await wechatApi?.close()
})

const send = (wechat: WechatClient, openid: string) =>
  wechat.sendSubscribeMessage({ openid, templateKind: 'queue_called', data: { thing2: { value: '1号窗口' } } })

it('two instances sending at once fetch exactly one token, through stable_token, and keep it sealed in the database', async () => {
  const clients = instances.map(clientOf)
  await Promise.all(clients.flatMap((client, i) => [0, 1, 2, 3].map((n) => send(client, `openid-${i}-${n}`))))
  expect(wechatApi.tokenCalls).toEqual([{ forceRefresh: false }])
  expect(new Set(wechatApi.sent.map((s) => s.token)).size).toBe(1)
  expect(wechatApi.sent).toHaveLength(8)
  const { rows } = await instances[1].db.query<{ token_sealed: string }>('select token_sealed from wechat_access_tokens where app_id = $1', [APP.appId])
  expect(rows[0].token_sealed).not.toContain(wechatApi.sent[0].token)
  // A client created later (a restarted instance) uses the stored token: no new fetch.
  await send(clientOf(instances[0]), 'openid-restarted')
  expect(wechatApi.tokenCalls).toHaveLength(1)
})

it('refreshes once, before expiry, however many instances notice', async () => {
  wechatApi.tokenCalls.length = 0
  // Two hours on: the stored token is within five minutes of its expiry.
  for (const server of new Set(instances)) server.clock.advance(7200_000 - 4 * 60_000)
  const clients = instances.map(clientOf)
  await Promise.all(clients.map((client, i) => send(client, `openid-expiring-${i}`)))
  expect(wechatApi.tokenCalls).toEqual([{ forceRefresh: false }])
})

it('a token WeChat rejects (40001) is force-refreshed once for all instances and the message is retried', async () => {
  wechatApi.tokenCalls.length = 0
  wechatApi.invalidateToken()
  const before = wechatApi.sent.length
  const clients = instances.map(clientOf)
  await Promise.all(clients.map((client, i) => send(client, `openid-after-40001-${i}`)))
  expect(wechatApi.tokenCalls).toEqual([{ forceRefresh: true }])
  expect(wechatApi.sent.length - before).toBe(2)
})

it('code2session: a valid code gives the openid, an invalid one WeChat’s 40029', async () => {
  const client = clientOf(instances[0])
  await expect(client.codeToSession('wx-openid-login')).resolves.toMatchObject({ openid: 'openid-login', sessionKey: 'key-wx-openid-login' })
  await expect(client.codeToSession('stale')).rejects.toMatchObject({ errcode: 40029 })
})

describe('the outbox and WeChat’s answers', () => {
  let server: TestServer
  let db: Db
  const queue = async (openid: string) => {
    const user = await db.query<{ id: string }>('insert into users (wechat_openid) values ($1) returning id', [openid])
    const row = await db.query<{ id: string }>(
      `insert into outbox (dedupe_key, user_id, channel, template_kind, payload, created_at, next_attempt_at)
       values ($1, $2, 'wechat_subscribe', 'queue_called', '{"data":{}}', $3, $3) returning id`,
      [`wechat-api-${openid}`, user.rows[0].id, server.clock.now()],
    )
    return row.rows[0].id
  }
  const outboxRow = async (id: string) =>
    (await db.query<{ delivered_at: Date | null; failed_at: Date | null; attempts: number; next_attempt_at: Date }>('select * from outbox where id = $1', [id]))
      .rows[0]

  beforeAll(() => {
    server = instances[0]
    db = server.db
  })

  it('43101 (the user refused the message) stops: never retried', async () => {
    wechatApi.refusals.set('openid-refuses', 43101)
    const id = await queue('openid-refuses')
    await deliverOutbox(contextOf(server, clientOf(server)))
    const row = await outboxRow(id)
    expect(row.failed_at).not.toBeNull()
    expect(row.delivered_at).toBeNull()
  })

  it('a quota (45009) keeps the message for later without spending an attempt, and it is delivered once the quota resets', async () => {
    wechatApi.refusals.set('openid-quota', 45009)
    const id = await queue('openid-quota')
    const client = clientOf(server)
    for (let i = 0; i < 7; i++) {
      await deliverOutbox(contextOf(server, client))
      server.clock.advance(10 * 60_000)
    }
    const waiting = await outboxRow(id)
    expect(waiting).toMatchObject({ failed_at: null, delivered_at: null, attempts: 0 })
    wechatApi.refusals.delete('openid-quota')
    await deliverOutbox(contextOf(server, client))
    expect((await outboxRow(id)).delivered_at).not.toBeNull()
  })
})
