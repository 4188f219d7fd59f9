/**
 * WeChat subscribe messages: template ids are configuration (WECHAT_TEMPLATE_<KIND>), the BFF counts
 * what the user accepted per template, the outbox queues a message only while a count is left and
 * spends it in the same transaction, and WeChat is sent the configured template id, never the kind.
 */
import { api, loginBySms, startTestServer, type TestServer } from './harness'
import { notify, deliverOutbox } from '../../server/core/notify'
import { createWechatClient } from '../../server/core/wechat'
import { loadConfig } from '../../server/config'
import { templateIdsFrom } from '../../src/domain/subscribe-templates'

const NEAR_ID = 'Kx2V3j2Wk2VHiotWvkEGfxVWeZa8HEOPRVgiqdXu9Wk'
const CALLED_ID = 'Lq9L93nmrpG6j81FsLg91j6gMH-UT_MhjQirbVmdFh8'

let server: TestServer
let token: string
let userId: string

beforeAll(async () => {
  server = await startTestServer({ env: { WECHAT_TEMPLATE_QUEUE_NEAR: NEAR_ID, WECHAT_TEMPLATE_QUEUE_CALLED: CALLED_ID } })
  token = await loginBySms(server)
  userId = (await api(server, token).get('/api/v1/me')).json().id
  await server.db.query('update users set wechat_openid = $2 where id = $1', [userId, `openid-${userId}`])
}, 60_000)
afterAll(() => server?.close())

const accept = (accepted: unknown) => api(server, token).post('/api/v1/me/subscriptions', { accepted })

it('counts each acceptance of a configured template, and says which kinds are configured', async () => {
  const first = await accept([
    { kind: 'queue_near', templateId: NEAR_ID },
    { kind: 'queue_called', templateId: CALLED_ID },
  ])
  expect(first.statusCode).toBe(200)
  expect(first.json().remaining).toMatchObject({ queue_near: 1, queue_called: 1, appointment_reminder: 0 })
  const second = await accept([{ kind: 'queue_called', templateId: CALLED_ID }])
  expect(second.json().remaining.queue_called).toBe(2)
  const counts = (await api(server, token).get('/api/v1/me/subscriptions')).json()
  expect(counts.configured).toEqual(['queue_near', 'queue_called'])
  expect(counts.remaining).toMatchObject({ queue_near: 1, queue_called: 2 })
})

it('refuses a template the BFF is not configured with, or a different id, with a Chinese 409', async () => {
  const unconfigured = await accept([{ kind: 'case_result', templateId: NEAR_ID }])
  expect(unconfigured.statusCode).toBe(409)
  expect(unconfigured.json()).toMatchObject({ code: 'TEMPLATE_NOT_CONFIGURED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
  const stale = await accept([{ kind: 'queue_near', templateId: 'appointment_reminder_old_fake_id' }])
  expect(stale.statusCode).toBe(409)
  expect(stale.json().code).toBe('TEMPLATE_MISMATCH')
  for (const body of [[], [{ kind: 'nope', templateId: NEAR_ID }], [{ kind: 'queue_near' }], 'x']) {
    const bad = await accept(body)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/)
  }
  expect((await api(server).post('/api/v1/me/subscriptions', { accepted: [] })).statusCode).toBe(401)
})

it('queues a subscribe message only while a count is left, and spends it in the database', async () => {
  const before = (await api(server, token).get('/api/v1/me/subscriptions')).json().remaining.queue_called as number
  expect(before).toBe(2)
  for (let i = 0; i < 3; i++) {
    await server.db.tx((tx) =>
      notify(tx, server.clock.now(), {
        userId,
        dedupeKey: `subscriptions-test:${i}`,
        kind: 'queue',
        title: '请到窗口办理',
        body: `第 ${i} 次叫号`,
        wechat: { templateKind: 'queue_called', data: { character_string1: { value: 'A001' } } },
      }),
    )
  }
  const queued = await server.db.query<{ n: number }>(`select count(*)::int as n from outbox where user_id = $1 and template_kind = 'queue_called'`, [userId])
  expect(queued.rows[0].n).toBe(2)
  const messages = await server.db.query<{ n: number }>(
    `select count(*)::int as n from messages where user_id = $1 and dedupe_key like 'subscriptions-test:%'`,
    [userId],
  )
  expect(messages.rows[0].n).toBe(3)
  expect((await api(server, token).get('/api/v1/me/subscriptions')).json().remaining.queue_called).toBe(0)
})

it('sends WeChat the configured template id; a kind without one is never sent', async () => {
  const bodies: { template_id: string; touser: string }[] = []
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
    if (url.includes('/cgi-bin/stable_token')) return json({ access_token: 'token', expires_in: 7200 })
    bodies.push(JSON.parse(String(init!.body)))
    return json({ errcode: 0, errmsg: 'ok' })
  }) as typeof fetch
  const config = loadConfig({ WECHAT_TEMPLATE_QUEUE_CALLED: CALLED_ID })
  const wechat = createWechatClient(
    { ...config.wechat, apiBase: 'http://wechat.test' },
    { db: server.db, cipher: server.runtime.keys.cipher, clock: server.clock, fetchImpl },
  )
  const delivered = await deliverOutbox({ ...server.runtime, wechat, log: server.app.log })
  expect(delivered).toBe(2)
  expect(bodies.map((b) => b.template_id)).toEqual([CALLED_ID, CALLED_ID])
  await expect(wechat.sendSubscribeMessage({ openid: 'o', templateKind: 'case_result', data: {} })).rejects.toThrow(/WECHAT_TEMPLATE_CASE_RESULT/)
  expect(bodies).toHaveLength(2)
})

it('reads template ids from the environment and refuses a malformed one at start', () => {
  expect(templateIdsFrom({ WECHAT_TEMPLATE_CASE_RESULT: CALLED_ID })).toEqual({ case_result: CALLED_ID })
  expect(templateIdsFrom({ WECHAT_TEMPLATE_CASE_RESULT: CALLED_ID, TARO_APP_WECHAT_TEMPLATE_CASE_RESULT: NEAR_ID }, 'TARO_APP_')).toEqual({
    case_result: NEAR_ID,
  })
  expect(() => loadConfig({ WECHAT_TEMPLATE_QUEUE_NEAR: 'appointment reminder' })).toThrow(/WECHAT_TEMPLATE_QUEUE_NEAR/)
})
