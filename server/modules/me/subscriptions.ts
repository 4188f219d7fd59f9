import type { AppContext } from '../../core/context'
import { conflict } from '../../core/errors'
import { SUBSCRIBE_KINDS, type SubscribeKind } from '../../../src/domain/subscribe-templates'

/** One-time grants kept per user and kind; WeChat lets them pile up, the BFF keeps a bounded count. */
export const MAX_OPEN_GRANTS = 20

export interface SubscriptionCounts {
  /** Kinds whose template id the BFF is configured with (the others are never sent). */
  configured: SubscribeKind[]
  /** Messages of each kind the BFF may still send this user: one per acceptance, spent when one is queued. */
  remaining: Record<SubscribeKind, number>
}

export async function subscriptionCounts(ctx: AppContext, userId: string): Promise<SubscriptionCounts> {
  const { rows } = await ctx.db.query<{ template_kind: string; n: number }>(
    'select template_kind, count(*)::int as n from subscribe_grants where user_id = $1 and used_at is null group by template_kind',
    [userId],
  )
  const remaining = Object.fromEntries(SUBSCRIBE_KINDS.map((kind) => [kind, rows.find((r) => r.template_kind === kind)?.n ?? 0])) as Record<
    SubscribeKind,
    number
  >
  return { configured: SUBSCRIBE_KINDS.filter((kind) => ctx.config.wechat.templates[kind]), remaining }
}

/**
 * Records the templates the user accepted in WeChat's subscribe prompt: one grant each, so the
 * outbox sends one message per acceptance (core/notify.ts spends a grant in the transaction that
 * queues the message). The app sends the ids it asked with; an id the BFF is not configured with
 * would never be delivered, so it is refused rather than counted.
 */
export async function recordAcceptedTemplates(
  ctx: AppContext,
  userId: string,
  accepted: { kind: SubscribeKind; templateId: string }[],
): Promise<SubscriptionCounts> {
  for (const { kind, templateId } of accepted) {
    const configured = ctx.config.wechat.templates[kind]
    if (!configured) throw conflict('TEMPLATE_NOT_CONFIGURED', '该提醒暂未开通微信订阅消息，将通过站内消息通知您')
    if (configured !== templateId) throw conflict('TEMPLATE_MISMATCH', '订阅消息模板已更新，请重新打开小程序后再订阅')
  }
  const now = ctx.clock.now()
  for (const kind of new Set(accepted.map((a) => a.kind))) {
    await ctx.db.query(
      `insert into subscribe_grants (user_id, template_kind, granted_at)
       select $1, $2, $3 where (select count(*) from subscribe_grants where user_id = $1 and template_kind = $2 and used_at is null) < $4`,
      [userId, kind, now, MAX_OPEN_GRANTS],
    )
  }
  return subscriptionCounts(ctx, userId)
}
