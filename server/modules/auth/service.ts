import crypto from 'node:crypto'
import type { AppContext } from '../../core/context'
import { randomToken, sha256Hex, type ServerKeys } from '../../core/crypto'
import type { Queryable } from '../../core/db'
import { AppError, badRequest, tooMany, unauthorized } from '../../core/errors'
import { WechatError } from '../../core/wechat'
import { MOBILE_INVALID_MESSAGE, normalizeMobile } from '../../../src/domain/phone'
import { LOGIN_DOCUMENTS } from '../../../src/domain/legal'
import { recordConsents, requireCurrentVersions } from '../me/service'
import type { LoginAgreement } from '../me/schemas'
import type { Static } from '@sinclair/typebox'
import { cancelDeletionAtSignIn } from '../privacy/service'
import * as repo from './repository'

export const SMS_CODE_TTL_MS = 5 * 60_000
export const SMS_RESEND_INTERVAL_MS = 60_000
export const SMS_MAX_ATTEMPTS = 5
export const SMS_DAILY_LIMIT = 10

/** A login code's hash binds the phone; a phone-change code's also binds the account that asked for it. */
const codeHash = (phoneIndex: string, code: string, purpose: SmsPurpose = { kind: 'login' }) =>
  sha256Hex(purpose.kind === 'login' ? `${phoneIndex}:${code}` : `${phoneIndex}:phone_change:${purpose.userId}:${code}`)

export type SmsPurpose = { kind: 'login' } | { kind: 'phone_change'; userId: string }

export function phoneIndexOf(keys: ServerKeys, phoneInput: string) {
  const phone = normalizeMobile(phoneInput)
  if (!phone) throw badRequest('INVALID_PHONE', MOBILE_INVALID_MESSAGE)
  return { phone, phoneIndex: keys.cipher.blindIndex(`phone:${phone}`) }
}

/**
 * Sends a 6-digit code to `phoneInput` for a login or a phone change. The resend interval and the daily
 * limit count every code the phone received, whatever its purpose.
 */
export async function sendSmsCode(ctx: AppContext, phoneInput: string, purpose: SmsPurpose = { kind: 'login' }) {
  const { phone, phoneIndex } = phoneIndexOf(ctx.keys, phoneInput)
  const now = ctx.clock.now()
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
  const codeId = await ctx.db.tx(async (tx) => {
    // Serialises concurrent sends for one phone so the resend interval cannot be raced.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [phoneIndex])
    const latest = await repo.latestSmsCode(tx, phoneIndex, null)
    if (latest && now.getTime() - latest.sent_at.getTime() < SMS_RESEND_INTERVAL_MS) {
      const wait = Math.ceil((SMS_RESEND_INTERVAL_MS - (now.getTime() - latest.sent_at.getTime())) / 1000)
      throw tooMany(`验证码发送过于频繁，请在${wait}秒后重试`)
    }
    if ((await repo.countSmsSentSince(tx, phoneIndex, new Date(now.getTime() - 86_400_000))) >= SMS_DAILY_LIMIT) {
      throw tooMany('该手机号今日获取验证码次数已达上限，请明天再试')
    }
    return repo.insertSmsCode(tx, {
      phoneIndex,
      purpose: purpose.kind,
      codeHash: codeHash(phoneIndex, code, purpose),
      sentAt: now,
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
    })
  })
  try {
    await ctx.sms.sendLoginCode(phone, code)
  } catch (error) {
    // The gateway's refusal (a Chinese message, sms.ts) reaches the user; the undelivered code must not hold back a retry.
    await repo.deleteSmsCode(ctx.db, codeId)
    throw error
  }
  return {
    resendAfterSeconds: SMS_RESEND_INTERVAL_MS / 1000,
    expiresInSeconds: SMS_CODE_TTL_MS / 1000,
    ...(ctx.sms.echoesCode ? { devCode: code } : {}),
  }
}

async function startSession(ctx: AppContext, userId: string) {
  const token = randomToken()
  const createdAt = ctx.clock.now()
  const expiresAt = new Date(createdAt.getTime() + ctx.config.sessionTtlHours * 3_600_000)
  await repo.insertSession(ctx.db, { tokenHash: sha256Hex(token), userId, createdAt, expiresAt })
  return { token, expiresAt: expiresAt.toISOString(), userId }
}

/**
 * Checks `code` against the phone's latest code of this purpose and counts the attempt (inside the caller's
 * transaction); the refusal is returned, not thrown, so the counted attempt is committed.
 */
export async function consumeSmsCode(tx: Queryable, phoneIndex: string, code: string, purpose: SmsPurpose, now: Date): Promise<AppError | null> {
  const latest = await repo.latestSmsCode(tx, phoneIndex, purpose.kind)
  if (!latest || latest.consumed_at || latest.expires_at <= now) {
    return badRequest('SMS_CODE_EXPIRED', '验证码已失效，请重新获取')
  }
  if (latest.attempts >= SMS_MAX_ATTEMPTS) return tooMany('验证码错误次数过多，请重新获取')
  const matches = crypto.timingSafeEqual(Buffer.from(latest.code_hash), Buffer.from(codeHash(phoneIndex, code, purpose)))
  await repo.recordSmsAttempt(tx, latest.id, matches ? now : null)
  if (matches) return null
  const left = SMS_MAX_ATTEMPTS - latest.attempts - 1
  return left > 0 ? badRequest('SMS_CODE_WRONG', `验证码不正确，还可尝试${left}次`) : tooMany('验证码错误次数过多，请重新获取')
}

/** Every sign-in accepts the current 《用户服务协议》 and 《隐私政策》 and records it in its own transaction. */
async function signedIn(tx: Queryable, userId: string, channel: 'sms_login' | 'wechat_login', now: Date) {
  await cancelDeletionAtSignIn(tx, userId, now)
  await recordConsents(tx, userId, LOGIN_DOCUMENTS, channel, now)
}

export async function loginWithSms(ctx: AppContext, phoneInput: string, code: string, agreed: Static<typeof LoginAgreement>) {
  // Before the code is looked at: a refused consent does not use up the code.
  requireCurrentVersions(agreed, LOGIN_DOCUMENTS)
  const { phone, phoneIndex } = phoneIndexOf(ctx.keys, phoneInput)
  const now = ctx.clock.now()
  // The attempt counter must survive a wrong guess, so the transaction returns the verdict instead of throwing.
  const verdict = await ctx.db.tx(async (tx): Promise<AppError | string> => {
    const refused = await consumeSmsCode(tx, phoneIndex, code, { kind: 'login' }, now)
    if (refused) return refused
    const userId = await repo.upsertUserByPhone(tx, phoneIndex, ctx.keys.cipher.encrypt(phone))
    await signedIn(tx, userId, 'sms_login', now)
    return userId
  })
  if (verdict instanceof AppError) throw verdict
  return startSession(ctx, verdict)
}

/** The account of a mobile number, created when it has none yet (staff invited before their first login). */
export async function ensureUserByPhone(q: Queryable, keys: ServerKeys, phoneInput: string): Promise<{ userId: string; phone: string }> {
  const { phone, phoneIndex } = phoneIndexOf(keys, phoneInput)
  const userId = await repo.upsertUserByPhone(q, phoneIndex, keys.cipher.encrypt(phone))
  return { userId, phone }
}

/** When each of these users last signed in (staff lists show it as last activity). */
export async function lastLogins(q: Queryable, userIds: string[]): Promise<Map<string, Date>> {
  return new Map((await repo.lastSessionStarts(q, userIds)).map((row) => [row.user_id, row.at]))
}

export async function loginWithWechat(ctx: AppContext, code: string, agreed: Static<typeof LoginAgreement>) {
  requireCurrentVersions(agreed, LOGIN_DOCUMENTS)
  let session
  try {
    session = await ctx.wechat.codeToSession(code)
  } catch (error) {
    ctx.log.warn({ errcode: (error as WechatError).errcode }, 'wechat code2session failed')
    throw error instanceof WechatError ? unauthorized('微信登录失败，请重试') : new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务暂不可用，请稍后再试')
  }
  const userId = await ctx.db.tx(async (tx) => {
    const id = await repo.upsertUserByOpenid(tx, session.openid, ctx.keys.cipher.encrypt(session.sessionKey))
    await signedIn(tx, id, 'wechat_login', ctx.clock.now())
    return id
  })
  return startSession(ctx, userId)
}

export async function logout(ctx: AppContext, token: string) {
  await repo.revokeSession(ctx.db, sha256Hex(token), ctx.clock.now())
}
