import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { bearerToken } from '../../core/auth'
import { Ok, replies } from '../../core/schemas'
import { loadMe } from '../me/service'
import { Phone, SessionSchema, SmsSentSchema } from './schemas'
import * as auth from './service'

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const limit = (max: number) => (ctx.config.rateLimit ? { max, timeWindow: '1 minute' } : false)

    app.post(
      '/auth/sms/send',
      {
        config: { auth: 'public', rateLimit: limit(10) },
        schema: {
          tags: ['auth'],
          summary: '发送短信验证码',
          operationId: 'sendSmsCode',
          description: '公开接口。向手机号发送登录验证码；同一号码须等待 resendAfterSeconds 才能重发，超过频率限制时返回 429。',
          body: Type.Object({ phone: Phone }, { additionalProperties: false }),
          response: replies(SmsSentSchema),
        },
      },
      async (request) => auth.sendSmsCode(ctx, request.body.phone),
    )

    app.post(
      '/auth/sms/login',
      {
        config: { auth: 'public', rateLimit: limit(20) },
        schema: {
          tags: ['auth'],
          summary: '短信验证码登录',
          operationId: 'loginWithSms',
          description: '公开接口。用手机号和短信验证码登录，返回会话令牌及当前用户；验证码错误次数过多后失效。',
          body: Type.Object({ phone: Phone, code: Type.String({ pattern: '^\\d{6}$', title: '验证码' }) }, { additionalProperties: false }),
          response: replies(SessionSchema),
        },
      },
      async (request) => {
        const session = await auth.loginWithSms(ctx, request.body.phone, request.body.code)
        return { token: session.token, expiresAt: session.expiresAt, user: await loadMe(ctx, session.userId) }
      },
    )

    app.post(
      '/auth/wechat/login',
      {
        config: { auth: 'public', rateLimit: limit(20) },
        schema: {
          tags: ['auth'],
          summary: '微信小程序登录（wx.login 的 code）',
          operationId: 'loginWithWechat',
          description: '公开接口。用 wx.login 取得的 code 换取微信身份并登录，返回会话令牌及当前用户。',
          body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128, title: '微信登录凭证' }) }, { additionalProperties: false }),
          response: replies(SessionSchema, [401, 503]),
        },
      },
      async (request) => {
        const session = await auth.loginWithWechat(ctx, request.body.code)
        return { token: session.token, expiresAt: session.expiresAt, user: await loadMe(ctx, session.userId) }
      },
    )

    app.post(
      '/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: '退出登录',
          operationId: 'logout',
          description: '吊销当前会话令牌，此后用该令牌的请求均返回 401。',
          security: [{ bearer: [] }],
          response: replies(Ok, [401]),
        },
      },
      async (request) => {
        await auth.logout(ctx, bearerToken(request)!)
        return { ok: true as const }
      },
    )
  }
