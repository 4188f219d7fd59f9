import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { IdParams, Ok, literals, replies } from '../../core/schemas'
import { AcceptConsentsBody, ConsentListSchema, MeSchema, MessageListSchema, PreferencesBody, SensitiveConsent } from './schemas'
import { acceptConsents, bindRealName, consentList, loadMe, setPreferences, withdrawSensitiveConsent } from './service'
import { recordAcceptedTemplates, subscriptionCounts } from './subscriptions'
import { SUBSCRIBE_KINDS } from '../../../src/domain/subscribe-templates'

const security = [{ bearer: [] }]

export const meRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/me',
      {
        schema: {
          tags: ['me'],
          summary: '当前用户',
          operationId: 'getMe',
          description: '返回当前登录用户：脱敏手机号、微信绑定情况、脱敏实名信息和工作人员岗位。',
          security,
          response: replies(MeSchema, [401]),
        },
      },
      async (request) => loadMe(ctx, requireUser(request).id),
    )

    app.put(
      '/me/real-name',
      {
        schema: {
          tags: ['me'],
          summary: '实名认证（姓名 + 身份证号，经身份核验；已认证后不能在线修改）',
          operationId: 'bindRealName',
          description:
            '提交姓名、身份证号和对处理身份证号（敏感个人信息）的单独同意，经身份核验通过后绑定到当前账号并记录同意；身份证号加密存储，应答中只含脱敏信息。' +
            '未带当前版本的同意返回 409 CONSENT_OUTDATED；已实名的账号换用其他身份返回 409。',
          security,
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 40, title: '姓名' }),
              idNumber: Type.String({ minLength: 1, maxLength: 30, title: '身份证号' }),
              sensitiveConsent: SensitiveConsent,
            },
            { additionalProperties: false },
          ),
          response: replies(MeSchema, [401, 409, 422, 503]),
        },
      },
      async (request) => bindRealName(ctx, requireUser(request).id, request.body.name, request.body.idNumber, request.body.sensitiveConsent),
    )

    app.get(
      '/me/consents',
      {
        schema: {
          tags: ['me'],
          summary: '协议与授权同意记录',
          operationId: 'listConsents',
          description: '返回本人同意过的《用户服务协议》《隐私政策》和身份证号处理同意的记录（版本、同意时间、渠道、撤回时间），以及需要重新同意的协议。',
          security,
          response: replies(ConsentListSchema, [401]),
        },
      },
      async (request) => consentList(ctx.db, requireUser(request).id),
    )

    app.post(
      '/me/consents',
      {
        schema: {
          tags: ['me'],
          summary: '同意更新后的协议',
          operationId: 'acceptConsents',
          description: '协议更新后（当前用户的 consentsDue 不为空），用户阅读并勾选同意最新版本时调用；版本不是当前版本时返回 409 CONSENT_OUTDATED。',
          security,
          body: AcceptConsentsBody,
          response: replies(ConsentListSchema, [401, 409]),
        },
      },
      async (request) => acceptConsents(ctx, requireUser(request).id, request.body.accepted),
    )

    app.post(
      '/me/consents/sensitive/withdrawal',
      {
        schema: {
          tags: ['me'],
          summary: '撤回身份证号处理同意（解除实名认证）',
          operationId: 'withdrawSensitiveConsent',
          description:
            '撤回对处理身份证号（敏感个人信息）的同意：删除账号上的姓名、身份证号、出生日期和性别（解除实名认证）；已提交办件、已签署委托书等行政记录中的身份信息依法保留。没有可撤回的同意时返回 409。',
          security,
          response: replies(ConsentListSchema, [401, 409]),
        },
      },
      async (request) => withdrawSensitiveConsent(ctx, requireUser(request).id),
    )

    app.put(
      '/me/preferences',
      {
        schema: {
          tags: ['me'],
          summary: '阅读偏好（长辈版）',
          operationId: 'setPreferences',
          description: '记录当前用户选择的阅读模式（长辈版：大字、大按钮、简化首页）；登录后在任何设备上沿用。返回更新后的当前用户。',
          security,
          body: PreferencesBody,
          response: replies(MeSchema, [401]),
        },
      },
      async (request) => setPreferences(ctx, requireUser(request).id, request.body),
    )

    app.get(
      '/me/messages',
      {
        schema: {
          tags: ['me'],
          summary: '站内消息',
          operationId: 'listMessages',
          description: '返回当前用户的站内消息（排队叫号、预约、预审、取件等通知），新的在前，并给出未读数。',
          security,
          response: replies(MessageListSchema, [401]),
        },
      },
      async (request) => {
        const userId = requireUser(request).id
        const { rows } = await ctx.db.query<{
          id: string
          kind: string
          title: string
          body: string
          link: string | null
          created_at: Date
          read_at: Date | null
        }>('select id, kind, title, body, link, created_at, read_at from messages where user_id = $1 order by created_at desc limit 50', [userId])
        const unread = await ctx.db.query<{ n: number }>('select count(*)::int as n from messages where user_id = $1 and read_at is null', [userId])
        return {
          unread: unread.rows[0].n,
          messages: rows.map((m) => ({
            id: m.id,
            kind: m.kind,
            title: m.title,
            body: m.body,
            link: m.link,
            createdAt: m.created_at.toISOString(),
            read: m.read_at !== null,
          })),
        }
      },
    )

    app.post(
      '/me/messages/:id/read',
      {
        schema: {
          tags: ['me'],
          summary: '标记消息已读',
          operationId: 'markMessageRead',
          description: '将当前用户的一条站内消息标记为已读；不是本人的消息返回 404。',
          security,
          params: IdParams,
          response: replies(Ok, [401, 404]),
        },
      },
      async (request) => {
        const updated = await ctx.db.query('update messages set read_at = coalesce(read_at, $3) where id = $1 and user_id = $2', [
          request.params.id,
          requireUser(request).id,
          ctx.clock.now(),
        ])
        if (!updated.rowCount) throw notFound('消息不存在')
        return { ok: true as const }
      },
    )

    const Counts = Type.Object({
      configured: Type.Array(Type.String()),
      remaining: Type.Record(Type.String(), Type.Integer()),
    })
    app.get(
      '/me/subscriptions',
      {
        schema: {
          tags: ['me'],
          summary: '微信订阅消息：已开通的提醒与每种提醒还可发送的条数',
          operationId: 'getSubscriptions',
          description: '返回当前用户每种微信订阅提醒还可发送的条数（一次性模板每次同意可发一条）。',
          security,
          response: replies(Counts, [401]),
        },
      },
      async (request) => subscriptionCounts(ctx, requireUser(request).id),
    )

    app.post(
      '/me/subscriptions',
      {
        schema: {
          tags: ['me'],
          summary: '记录用户在微信订阅弹窗中同意的模板（一次性模板：每次同意可发送一条）',
          operationId: 'recordSubscriptions',
          description: '小程序在订阅弹窗回调后调用，记录用户本次同意的模板；每次同意为该提醒增加一条可发送额度。',
          security,
          body: Type.Object(
            {
              accepted: Type.Array(
                Type.Object(
                  { kind: literals(SUBSCRIBE_KINDS, { title: '提醒类型' }), templateId: Type.String({ minLength: 1, maxLength: 64, title: '模板' }) },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 3, title: '同意的提醒' },
              ),
            },
            { additionalProperties: false },
          ),
          response: replies(Counts, [401, 409]),
        },
      },
      async (request) => recordAcceptedTemplates(ctx, requireUser(request).id, request.body.accepted),
    )
  }
