import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { IdParams, Ok, replies } from '../../core/schemas'
import { MeSchema } from './schemas'
import { bindRealName, loadMe } from './service'

const security = [{ bearer: [] }]
const MessageSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  read: Type.Boolean(),
})
export const SUBSCRIBE_TEMPLATE_KINDS = ['queue_near', 'queue_called', 'appointment_reminder', 'case_result', 'licence_shipped'] as const

export const meRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/me', { schema: { tags: ['me'], summary: '当前用户', security, response: replies(MeSchema, [401]) } }, async (request) =>
      loadMe(ctx, requireUser(request).id),
    )

    app.put(
      '/me/real-name',
      {
        schema: {
          tags: ['me'],
          summary: '实名认证（姓名 + 身份证号，经身份核验；已认证后不能在线修改）',
          security,
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 40 }), idNumber: Type.String({ minLength: 1, maxLength: 30 }) },
            { additionalProperties: false },
          ),
          response: replies(MeSchema, [401, 409, 422, 503]),
        },
      },
      async (request) => bindRealName(ctx, requireUser(request).id, request.body.name, request.body.idNumber),
    )

    app.get(
      '/me/messages',
      { schema: { tags: ['me'], summary: '站内消息', security, response: replies(Type.Object({ messages: Type.Array(MessageSchema), unread: Type.Integer() }), [401]) } },
      async (request) => {
        const userId = requireUser(request).id
        const { rows } = await ctx.db.query<{ id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null }>(
          'select id, kind, title, body, link, created_at, read_at from messages where user_id = $1 order by created_at desc limit 50',
          [userId],
        )
        const unread = await ctx.db.query<{ n: number }>('select count(*)::int as n from messages where user_id = $1 and read_at is null', [userId])
        return {
          unread: unread.rows[0].n,
          messages: rows.map((m) => ({ id: m.id, kind: m.kind, title: m.title, body: m.body, link: m.link, createdAt: m.created_at.toISOString(), read: m.read_at !== null })),
        }
      },
    )

    app.post(
      '/me/messages/:id/read',
      { schema: { tags: ['me'], summary: '标记消息已读', security, params: IdParams, response: replies(Ok, [401, 404]) } },
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

    app.post(
      '/me/subscriptions',
      {
        schema: {
          tags: ['me'],
          summary: '记录用户同意的微信订阅消息（一次性模板，每次同意可发送一条）',
          security,
          body: Type.Object(
            { templateKinds: Type.Array(Type.Union(SUBSCRIBE_TEMPLATE_KINDS.map((k) => Type.Literal(k))), { minItems: 1, maxItems: 5 }) },
            { additionalProperties: false },
          ),
          response: replies(Ok, [401]),
        },
      },
      async (request) => {
        const userId = requireUser(request).id
        for (const kind of new Set(request.body.templateKinds)) {
          await ctx.db.query('insert into subscribe_grants (user_id, template_kind, granted_at) values ($1, $2, $3)', [userId, kind, ctx.clock.now()])
        }
        return { ok: true as const }
      },
    )
  }
