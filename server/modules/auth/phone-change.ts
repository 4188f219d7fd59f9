import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import { AppError, badRequest, conflict } from '../../core/errors'
import * as repo from './repository'
import { consumeSmsCode, phoneIndexOf, sendSmsCode } from './service'

const phoneTaken = () => conflict('PHONE_TAKEN', '该手机号已是另一个账号的登录手机号，不能绑定到本账号；如需合并，请先用该手机号登录并注销那个账号')

/** Sends a phone-change code to the NEW phone, under the same limits as a login code to that phone. */
export async function sendPhoneChangeCode(ctx: AppContext, userId: string, phoneInput: string) {
  return sendSmsCode(ctx, phoneInput, { kind: 'phone_change', userId })
}

/**
 * Moves the account to a new phone once the code sent to it is entered (PIPL art. 46, correction): the
 * blind index and the sealed number change together, audited without the numbers. The unique index on
 * `users.phone_index` is what refuses a phone another account holds, also when two accounts race for it.
 */
export async function changePhone(ctx: AppContext, userId: string, phoneInput: string, code: string) {
  const { phone, phoneIndex } = phoneIndexOf(ctx.keys, phoneInput)
  const now = ctx.clock.now()
  let verdict: AppError | null
  try {
    verdict = await ctx.db.tx(async (tx): Promise<AppError | null> => {
      const refused = await consumeSmsCode(tx, phoneIndex, code, { kind: 'phone_change', userId }, now)
      if (refused) return refused
      const holder = await repo.userByPhone(tx, phoneIndex)
      if (holder === userId) return badRequest('PHONE_UNCHANGED', '新手机号与当前手机号相同')
      if (holder) return phoneTaken()
      await repo.setPhone(tx, userId, phoneIndex, ctx.keys.cipher.encrypt(phone))
      await audit(tx, { actor: userId, hallId: null, action: 'auth.phone_changed', target: { kind: 'user', id: userId }, at: now })
      return null
    })
  } catch (error) {
    // A concurrent first login or change took the phone between the check and the update.
    if ((error as { code?: string }).code === '23505') throw phoneTaken()
    throw error
  }
  if (verdict) throw verdict
}
