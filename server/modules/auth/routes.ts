import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { bearerToken, requireUser } from '../../core/auth'
import { Ok, replies } from '../../core/schemas'
import { LoginAgreement, MeSchema } from '../me/schemas'
import { loadMe } from '../me/service'
import { changePhone, sendPhoneChangeCode } from './phone-change'
import { Phone, SessionSchema, SmsCode, SmsSentSchema } from './schemas'
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
          description:
            '公开接口。用手机号和短信验证码登录，返回会话令牌及当前用户；验证码错误次数过多后失效。' +
            '须带勾选同意的《用户服务协议》和《隐私政策》的当前版本（agreed），并记录同意；版本不是当前版本时返回 409 CONSENT_OUTDATED，验证码不受影响。',
          body: Type.Object({ phone: Phone, code: SmsCode, agreed: LoginAgreement }, { additionalProperties: false }),
          response: replies(SessionSchema),
        },
      },
      async (request) => {
        const session = await auth.loginWithSms(ctx, request.body.phone, request.body.code, request.body.agreed)
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
          description:
            '公开接口。用 wx.login 取得的 code 换取微信身份并登录，返回会话令牌及当前用户。' +
            '须带勾选同意的《用户服务协议》和《隐私政策》的当前版本（agreed），并记录同意；版本不是当前版本时返回 409 CONSENT_OUTDATED。',
          body: Type.Object(
            { code: Type.String({ minLength: 1, maxLength: 128, title: '微信登录凭证' }), agreed: LoginAgreement },
            { additionalProperties: false },
          ),
          response: replies(SessionSchema, [401, 409, 503]),
        },
      },
      async (request) => {
        const session = await auth.loginWithWechat(ctx, request.body.code, request.body.agreed)
        return { token: session.token, expiresAt: session.expiresAt, user: await loadMe(ctx, session.userId) }
      },
    )

    app.post(
      '/me/phone/code',
      {
        config: { rateLimit: limit(10) },
        schema: {
          tags: ['auth'],
          summary: '更换手机号：向新手机号发送验证码',
          operationId: 'sendPhoneChangeCode',
          description: '向要换成的新手机号发送验证码；与登录验证码同样受重发间隔和每日次数限制（按手机号计），超过时返回 429。',
          security: [{ bearer: [] }],
          body: Type.Object({ phone: Phone }, { additionalProperties: false }),
          response: replies(SmsSentSchema, [401, 429]),
        },
      },
      async (request) => sendPhoneChangeCode(ctx, requireUser(request).id, request.body.phone),
    )

    app.put(
      '/me/phone',
      {
        config: { rateLimit: limit(20) },
        schema: {
          tags: ['auth'],
          summary: '更换手机号（新手机号短信验证）',
          operationId: 'changePhone',
          description:
            '用发到新手机号的验证码把账号的登录手机号换成新号码，并记录操作日志；验证码错误返回 400，错误次数过多返回 429，新号码已是其他账号的手机号返回 409。返回更新后的当前用户。',
          security: [{ bearer: [] }],
          body: Type.Object({ phone: Phone, code: SmsCode }, { additionalProperties: false }),
          response: replies(MeSchema, [401, 409, 429]),
        },
      },
      async (request) => {
        const userId = requireUser(request).id
        await changePhone(ctx, userId, request.body.phone, request.body.code)
        return loadMe(ctx, userId)
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
