import type { AppContext } from './context'
import type { Queryable } from './db'
import type { Job } from './jobs'
import type { PageLink, SubscribePage } from '../../src/domain/page-routes'
import type { SubscribeKind } from '../../src/domain/subscribe-templates'
import { WechatError } from './wechat'

export interface Notification {
  userId: string
  /** Stable per cause (e.g. `ticket:<id>:called`), so a retried cause sends nothing twice. */
  dedupeKey: string
  kind: string
  title: string
  body: string
  /** A page of the app (src/domain/page-routes.ts `pageLink`), opened when the message is tapped. */
  link?: PageLink
  /** Also as a WeChat one-time subscribe message, if the user granted this template and is a WeChat user. */
  wechat?: { templateKind: SubscribeKind; data: Record<string, { value: string }>; page?: SubscribePage }
}

/**
 * Sends an in-app message and, where the user granted it, queues a WeChat subscribe message in the
 * outbox. Call it inside the transaction of the change it reports, so both commit or neither does.
 */
export async function notify(q: Queryable, now: Date, n: Notification): Promise<void> {
  const inserted = await q.query(
    `insert into messages (user_id, kind, title, body, link, dedupe_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (dedupe_key) do nothing`,
    [n.userId, n.kind, n.title, n.body, n.link ?? null, n.dedupeKey, now],
  )
  if (inserted.rowCount === 0 || !n.wechat) return
  // One-time templates: each grant allows exactly one message, so take one grant or send nothing.
  const grant = await q.query(
    `update subscribe_grants set used_at = $3
      where id = (select g.id from subscribe_grants g join users u on u.id = g.user_id
                   where g.user_id = $1 and g.template_kind = $2 and g.used_at is null and u.wechat_openid is not null
                   order by g.granted_at limit 1 for update skip locked)
      returning id`,
    [n.userId, n.wechat.templateKind, now],
  )
  if (grant.rowCount === 0) return
  await q.query(
    `insert into outbox (dedupe_key, user_id, channel, template_kind, payload, created_at, next_attempt_at)
     values ($1, $2, 'wechat_subscribe', $3, $4, $5, $5) on conflict (dedupe_key) do nothing`,
    [n.dedupeKey, n.userId, n.wechat.templateKind, JSON.stringify({ data: n.wechat.data, page: n.wechat.page }), now],
  )
}

const MAX_ATTEMPTS = 5
/** WeChat answers that no retry can change: invalid openid, invalid template id, the user refused the message (43101: stop), invalid data or page. */
const PERMANENT_ERRCODES = new Set([40003, 40037, 41030, 43101, 47003])
/** WeChat's quotas (45009 daily API quota, 45011 per-minute quota) and "system busy" (-1): the message waits and costs no attempt. */
const RATE_LIMIT_ERRCODES = new Set([-1, 45009, 45011])
const RATE_LIMIT_RETRY_SECONDS = 10 * 60
const BATCH = 20

interface OutboxRow {
  id: string
  template_kind: string
  payload: { data: Record<string, unknown>; page?: string }
  openid: string | null
  attempts: number
}

/**
 * Delivers pending outbox rows. Each row is claimed by pushing its next attempt into the future in a
 * short transaction (skip locked), so two workers never send the same row; it is marked delivered after
 * WeChat accepts it. A crash between sending and marking resends it once the claim lapses.
 */
export async function deliverOutbox(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const claimed = await ctx.db.tx((tx) =>
    tx.query<OutboxRow>(
      `update outbox o set attempts = o.attempts + 1, next_attempt_at = $1::timestamptz + interval '2 minutes'
         from users u
        where o.user_id = u.id and o.id in (
              select id from outbox where delivered_at is null and failed_at is null and next_attempt_at <= $1
               order by next_attempt_at limit ${BATCH} for update skip locked)
        returning o.id, o.template_kind, o.payload, u.wechat_openid as openid, o.attempts`,
      [now],
    ),
  )
  let delivered = 0
  for (const row of claimed.rows) {
    try {
      if (!row.openid) throw new Error('user has no WeChat openid')
      await ctx.wechat.sendSubscribeMessage({ openid: row.openid, templateKind: row.template_kind, data: row.payload.data, page: row.payload.page })
      await ctx.db.query('update outbox set delivered_at = $2, last_error = null where id = $1', [row.id, ctx.clock.now()])
      delivered++
    } catch (error) {
      const errcode = error instanceof WechatError ? error.errcode : null
      const rateLimited = errcode !== null && RATE_LIMIT_ERRCODES.has(errcode)
      const giveUp = !rateLimited && (row.attempts >= MAX_ATTEMPTS || (errcode !== null && PERMANENT_ERRCODES.has(errcode)))
      await ctx.db.query(
        `update outbox set last_error = $2, failed_at = case when $3 then $4::timestamptz end,
                attempts = attempts - case when $6 then 1 else 0 end,
                next_attempt_at = $4::timestamptz + ($5 * interval '1 second') where id = $1`,
        [
          row.id,
          String((error as Error).message).slice(0, 500),
          giveUp,
          ctx.clock.now(),
          rateLimited ? RATE_LIMIT_RETRY_SECONDS : 30 * 2 ** row.attempts,
          rateLimited,
        ],
      )
    }
  }
  return delivered
}

export const outboxJob: Job = { name: 'outbox', everyMs: 2000, run: async (ctx) => void (await deliverOutbox(ctx)) }
