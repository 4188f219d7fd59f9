import type { Static } from '@sinclair/typebox'
import type { SessionSchema, SmsSentSchema } from '../../server/modules/auth/schemas'
import { http } from './http'
import { currentLoginAgreement } from '../domain/legal'

export type SmsSent = Static<typeof SmsSentSchema>
export type Session = Static<typeof SessionSchema>

export const sendSmsCode = (phone: string) => http.post<SmsSent>('/api/v1/auth/sms/send', { phone })

/** Sign-ins carry the versions of 《用户服务协议》 and 《隐私政策》 the person ticked on the login page (the BFF requires and records them). */
export const loginWithSms = (phone: string, code: string) => http.post<Session>('/api/v1/auth/sms/login', { phone, code, agreed: currentLoginAgreement() })

export const loginWithWechat = (code: string) => http.post<Session>('/api/v1/auth/wechat/login', { code, agreed: currentLoginAgreement() })

/** Revokes `token` at the BFF; the caller has usually forgotten it locally already. */
export const logout = (token: string) => http.post<{ ok: true }>('/api/v1/auth/logout', {}, { headers: { Authorization: `Bearer ${token}` } })
