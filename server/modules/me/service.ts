import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../core/errors'
import { claimDisplaces, verifyIdentity, type IdentityStrength } from '../../core/identity'
import { notify } from '../../core/notify'
import { ageOn, parseIdCard } from '../../../src/domain/id-card'
import { maskIdNumber, maskName, maskPhone } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import { CHINESE_NAME } from '../../../src/domain/person-name'
import { isPlatformAdmin, type StaffAssignment } from '../../core/auth'
import { pageLink } from '../../../src/domain/page-routes'
import type { LegalDocument } from '../../../src/domain/legal'
import { consentsDue, recordConsents, requireCurrentVersions } from './consent'
import * as repo from './repository'

export { acceptConsents, consentList, markWithdrawn, recordConsents, requireCurrentVersions, withdrawSensitiveConsent } from './consent'

export interface MeView {
  id: string
  phoneMasked: string | null
  wechatBound: boolean
  realName: { nameMasked: string; idNumberMasked: string; sex: 'male' | 'female'; age: number } | null
  staff: StaffAssignment[]
  platformAdmin: boolean
  elderMode: boolean | null
  consentsDue: LegalDocument[]
}

export async function loadMe(ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>, userId: string): Promise<MeView> {
  const row = await repo.findUser(ctx.db, userId)
  if (!row) throw notFound('用户不存在')
  const { cipher } = ctx.keys
  return {
    id: row.id,
    phoneMasked: row.phone_enc ? maskPhone(cipher.decrypt(row.phone_enc)) : null,
    wechatBound: row.wechat_openid !== null,
    realName:
      row.real_name_enc && row.id_number_enc && row.birth_date && row.sex
        ? {
            nameMasked: maskName(cipher.decrypt(row.real_name_enc)),
            idNumberMasked: maskIdNumber(cipher.decrypt(row.id_number_enc)),
            sex: row.sex,
            age: ageOn(row.birth_date, shanghaiDate(ctx.clock.now())),
          }
        : null,
    staff: row.staff ?? [],
    platformAdmin: await isPlatformAdmin(ctx.db, row.id),
    elderMode: row.elder_mode,
    consentsDue: await consentsDue(ctx.db, userId),
  }
}

/** Remembers the user's reading mode on the account (applied by the app at every login) and returns the profile. */
export async function setPreferences(ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>, userId: string, preferences: { elderMode: boolean }): Promise<MeView> {
  if (!(await repo.setElderMode(ctx.db, userId, preferences.elderMode))) throw notFound('用户不存在')
  return loadMe(ctx, userId)
}

/**
 * One answer for every failed bind that depends on someone else's data — the authority said no, or the
 * number is bound to an account this claim cannot displace — so a bind never tells whether an ID
 * number is registered here.
 */
const notVerified = () =>
  unprocessable('REAL_NAME_NOT_VERIFIED', '实名认证未通过：请核对姓名与身份证号是否与身份证一致；如确为本人仍无法认证，请携带身份证到服务中心窗口办理')
const boundChange = () => conflict('REAL_NAME_BOUND', '您已完成实名认证，姓名和身份证号不能在线修改；如需变更，请携带身份证到服务中心窗口办理')
const verifierUnavailable = () => new AppError(503, 'IDENTITY_UNAVAILABLE', '实名核验服务暂时不可用，未作任何修改，请稍后再试')

/** The bound identity is this very name and number: a repeated bind changes nothing. */
const sameBinding = (ctx: Pick<AppContext, 'keys'>, row: repo.BindingRow, name: string, idIndex: string) =>
  row.id_number_index === idIndex && row.real_name_enc !== null && ctx.keys.cipher.decrypt(row.real_name_enc) === name

/**
 * Binds a real name once (issue #13 item 6). The name + ID number go to the identity verifier
 * (core/identity.ts) before anything is written; a binding records the verifier's strength. An ID
 * number bound to another account is taken over only by a claim that displaces it (claimDisplaces:
 * a real verifier, at least as strong as the holder's) — the holder is unbound and told in-app;
 * otherwise the claim gets the same neutral refusal as a failed verification. A bound identity is never
 * changed through the API: that is done at a window.
 */
export async function bindRealName(ctx: AppContext, userId: string, nameInput: string, idNumberInput: string, sensitiveConsent: string) {
  // PIPL art. 29: the ID number is sensitive personal information; its processing needs this separate consent.
  requireCurrentVersions({ sensitive: sensitiveConsent }, ['sensitive'])
  const name = nameInput.trim()
  if (!CHINESE_NAME.test(name)) throw badRequest('INVALID_NAME', '请输入与身份证一致的中文姓名')
  const now = ctx.clock.now()
  const parsed = parseIdCard(idNumberInput, shanghaiDate(now))
  if (!parsed.ok) throw badRequest('INVALID_ID_NUMBER', parsed.message)
  const idNumber = parsed.value.normalized
  const { cipher } = ctx.keys
  const idIndex = cipher.blindIndex(`id:${idNumber}`)

  const own = await repo.findBinding(ctx.db, 'id', userId, false)
  if (own?.id_number_index) {
    if (!sameBinding(ctx, own, name, idIndex)) throw boundChange()
    await recordConsents(ctx.db, userId, ['sensitive'], 'real_name', now)
    return loadMe(ctx, userId)
  }

  // Outside any transaction: no row stays locked while the authority answers.
  const verdict = await verifyIdentity(ctx.identity, { name, idNumber }, ctx.config.identity.timeoutMs)
  if (verdict === 'unavailable') {
    ctx.log.warn({ verifier: ctx.identity.id }, 'identity verifier did not answer; nothing bound')
    throw verifierUnavailable()
  }
  if (verdict === 'mismatch') throw notVerified()

  const strength = ctx.identity.strength
  await ctx.db.tx(async (tx) => {
    // Claims on one ID number run one at a time, so two claimants cannot both see it free.
    await repo.lockIdNumber(tx, idIndex)
    const me = await repo.findBinding(tx, 'id', userId, true)
    await recordConsents(tx, userId, ['sensitive'], 'real_name', now)
    if (me?.id_number_index) {
      if (sameBinding(ctx, me, name, idIndex)) return
      throw boundChange()
    }
    const holder = await repo.findBinding(tx, 'id_number_index', idIndex, true)
    if (holder) {
      if (!claimDisplaces(strength, holder.real_name_strength)) throw notVerified()
      await displace(tx, now, holder, { claimantId: userId, strength, verifier: ctx.identity.id })
    }
    await repo.bindIdentity(tx, userId, {
      nameEnc: cipher.encrypt(name),
      idNumberEnc: cipher.encrypt(idNumber),
      idIndex,
      birthDate: parsed.value.birthDate,
      sex: parsed.value.sex,
      at: now,
      strength,
      verifier: ctx.identity.id,
    })
  })
  return loadMe(ctx, userId)
}

/** Unbinds the holder a verified claim displaces, tells them in-app, and records it (no personal data in the log). */
async function displace(q: Queryable, now: Date, holder: repo.BindingRow, claim: { claimantId: string; strength: IdentityStrength; verifier: string }) {
  await repo.clearIdentity(q, holder.id)
  await notify(q, now, {
    userId: holder.id,
    dedupeKey: `identity:${holder.id}:displaced:${now.getTime()}`,
    kind: 'identity_displaced',
    title: '实名认证已解除',
    body: '您账号绑定的身份证号已由通过身份核验的本人重新认证，本账号的实名认证已解除，需要实名的业务暂不可办理。如您是该身份证的持有人，请携带身份证到服务中心窗口办理。',
    link: pageLink('realName'),
  })
  await audit(q, {
    actor: claim.claimantId,
    hallId: null,
    action: 'identity.displaced',
    target: { kind: 'user', id: holder.id },
    detail: { displacedStrength: holder.real_name_strength ?? 'check_digit', claimStrength: claim.strength, verifier: claim.verifier },
    at: now,
  })
}

/** Decrypted identity for features that must print it (authorizations) or rank by it (elderly priority). */
export async function loadIdentity(ctx: Pick<AppContext, 'db' | 'keys'>, userId: string) {
  const row = await repo.findIdentity(ctx.db, userId)
  if (!row?.real_name_enc || !row.id_number_enc) return null
  const { cipher } = ctx.keys
  return {
    name: cipher.decrypt(row.real_name_enc),
    idNumber: cipher.decrypt(row.id_number_enc),
    phone: row.phone_enc ? cipher.decrypt(row.phone_enc) : null,
    birthDate: row.birth_date!,
  }
}
