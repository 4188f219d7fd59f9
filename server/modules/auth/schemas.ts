import { Type } from '@sinclair/typebox'
import { MeSchema } from '../me/schemas'

export const Phone = Type.String({ minLength: 1, maxLength: 20, title: '手机号', description: '中国大陆手机号' })

export const SmsCode = Type.String({ pattern: '^\\d{6}$', title: '验证码' })

export const SmsSentSchema = Type.Object({
  resendAfterSeconds: Type.Integer(),
  expiresInSeconds: Type.Integer(),
  devCode: Type.Optional(Type.String({ description: '仅开发环境：控制台短信网关“发送”的验证码' })),
})

export const SessionSchema = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: MeSchema })
