import type { AuthUser } from '../../core/auth'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { sha256Hex } from '../../core/crypto'
import { conflict, forbidden, notFound } from '../../core/errors'
import { notify } from '../../core/notify'
import { maskIdNumber, maskPhone } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import { loadIdentity } from '../me/service'
import { caseByNumber, reviewerOf } from '../review/service'
import { envelopeDigest, keyFingerprint, verifyDigest } from './integrity'
import * as repo from './repository'
import type { SignInput, VerificationView } from './schemas'
import { normalizeSignature } from './signature-image'
import { ID_TYPE, chooseMethod, resolveDivisions, sealAuthorization, storeAuthorization } from './sign'
import { licenceView, principalView, readSignedData, type SignedData } from './views'
import { pageLink } from '../../../src/domain/page-routes'

/** For the blind-index rotation (server/blind-index.ts). */
export { reindexAddressFingerprints } from './address-fingerprint'
export const pendingAgentPickups = (q: Queryable) => repo.countPendingAgentPickups(q)

const NO_CASE_MESSAGE = '未找到该办件，请核对办件编号'

export const authorizationLink = (id: string) => pageLink('pickupDetail', { id })
export const verifyPath = (id: string) => `/api/v1/authorizations/${id}/verify`

/** A citizen's own case, or 404 whether it belongs to someone else or does not exist. */
async function ownCase(q: Queryable, userId: string, caseNumber: string) {
  const found = await caseByNumber(q, caseNumber)
  if (!found || found.user_id !== userId) throw notFound(NO_CASE_MESSAGE)
  return found
}

export async function listMyLicences(ctx: AppContext, userId: string) {
  return (await repo.listLicencesOfUser(ctx.db, userId)).map((row) => licenceView(ctx, row))
}

/** A case seen from the pickup pages: its licence (if issued) and, when it can be signed now, the draft. */
export async function pickupCase(ctx: AppContext, userId: string, caseNumber: string) {
  const found = await ownCase(ctx.db, userId, caseNumber)
  const licence = await repo.findLicenceOfCase(ctx.db, found.id)
  const identity = await loadIdentity(ctx, userId)
  const signable = licence && licence.status === 'ready' && (!licence.authorization || licence.authorization.status === 'expired')
  return {
    caseNumber: found.case_number,
    itemName: found.item_name,
    hallName: found.hall_name,
    resultLicence: found.result_licence,
    licence: licence ? licenceView(ctx, licence) : null,
    draft:
      signable && identity
        ? {
            principal: { name: identity.name, idType: ID_TYPE, idNumberMasked: maskIdNumber(identity.idNumber) },
            hallName: found.hall_name,
            caseNumber: found.case_number,
            itemName: found.item_name,
            licenceName: licence.name,
            licenceCopies: licence.copies,
          }
        : null,
  }
}

/**
 * Signs a 取件委托书: the text is rebuilt from data, rendered to PDF with the signature, hashed and
 * signed by the server (sign.ts), and stored with the signing time in the append-only record — all or nothing.
 */
export async function signAuthorization(ctx: AppContext, userId: string, input: SignInput) {
  const identity = await loadIdentity(ctx, userId)
  if (!identity) throw forbidden('请先完成实名认证')
  const found = await ownCase(ctx.db, userId, input.caseNumber)
  const licence = await repo.findLicenceOfCase(ctx.db, found.id)
  if (!licence) throw conflict('LICENCE_NOT_READY', '该办件的证照尚未出证，出证后会通知您')
  const chosen = await chooseMethod(ctx, userId, input, identity)
  const signaturePng = await normalizeSignature(input.signaturePng)
  const now = ctx.clock.now()
  const sealed = await sealAuthorization(ctx, { userId, identity, found, licence, method: input.method, chosen, signaturePng, now, verifyPath })

  return ctx.db.tx(async (q) => {
    const locked = await repo.lockLicence(q, licence.id)
    if (locked?.status !== 'ready') throw conflict('LICENCE_HANDED_OVER', '该证照已领取，无需再签署委托书')
    const live = await repo.liveAuthorizationOfLicence(q, licence.id)
    if (live) throw conflict('AUTHORIZATION_EXISTS', `该证照已签署取件委托书（编号 ${live.number}），无需重复签署`)
    await storeAuthorization(ctx, q, { sealed, userId, found, licenceId: licence.id, method: input.method, chosen, now })
    await notify(q, now, {
      userId,
      dedupeKey: `authorization:${sealed.id}:signed`,
      kind: 'pickup',
      title: '取件委托书已签署',
      body:
        input.method === 'ems'
          ? `${licence.name}（办件 ${found.case_number}）将由窗口寄出，寄出后会通知您EMS单号。`
          : `${licence.name}（办件 ${found.case_number}）请代领人携带身份证和取件码到窗口领取。`,
      link: authorizationLink(sealed.id),
    })
    const row = await repo.findAuthorization(q, sealed.id)
    return principalView(ctx, q, row!)
  })
}

/**
 * Who may see an authorization: its principal and staff of its hall. Staff of another hall are told
 * 403; anyone else gets 404, so an id reveals nothing.
 */
export async function accessibleAuthorization(ctx: AppContext, user: AuthUser, id: string) {
  const row = await repo.findAuthorization(ctx.db, id)
  if (row && row.user_id === user.id) return { row, as: 'principal' as const }
  if (row && user.staff.some((a) => a.hallId === row.hall_id)) return { row, as: 'staff' as const }
  if (row && user.staff.length) throw forbidden('您不是该服务中心的工作人员')
  throw notFound('委托书不存在')
}

/**
 * Who may download the signed PDF (it shows the principal's name and the delivery address or agent):
 * the principal, the certificate clerk of its hall (who hands the licence over) and the reviewer of its
 * case. Other staff of the hall get 403; everyone else what `accessibleAuthorization` answers.
 */
export async function authorizationForPdf(ctx: AppContext, user: AuthUser, id: string) {
  const access = await accessibleAuthorization(ctx, user, id)
  if (access.as === 'principal') return access.row
  const { row } = access
  const clerk = user.staff.some((a) => a.hallId === row.hall_id && (a.role === 'clerk' || a.role === 'admin'))
  if (clerk || (await reviewerOf(ctx.db, row.case_id)) === user.id) return row
  throw forbidden('委托书PDF仅限证照发放人员和该办件的预审人员下载')
}

export async function authorizationForPrincipal(ctx: AppContext, userId: string, id: string) {
  const row = await repo.findAuthorization(ctx.db, id)
  if (!row || row.user_id !== userId) throw notFound('委托书不存在')
  return principalView(ctx, ctx.db, row)
}

export async function authorizationPdf(ctx: AppContext, row: repo.AuthorizationRow): Promise<Buffer> {
  const record = await repo.findRecord(ctx.db, row.id)
  try {
    return Buffer.from(ctx.keys.cipher.decrypt(record!.pdf_enc), 'base64')
  } catch {
    throw conflict('RECORD_ALTERED', '该委托书文件校验未通过，可能已被改动，请联系服务中心')
  }
}

function unseal(ctx: AppContext, sealed: string, kind: 'text' | 'bytes'): string | Buffer | null {
  try {
    const plain = ctx.keys.cipher.decrypt(sealed)
    return kind === 'text' ? plain : Buffer.from(plain, 'base64')
  } catch {
    return null
  }
}

/**
 * Recomputes everything from the stored bytes: each part against its hash, the envelope against the
 * digest, the digest against the server's signature, and the living row against what was signed.
 */
export async function verifyAuthorization(ctx: AppContext, row: repo.AuthorizationRow): Promise<VerificationView> {
  const record = await repo.findRecord(ctx.db, row.id)
  if (!record) throw conflict('RECORD_MISSING', '该委托书的签署记录缺失，请联系服务中心')
  const data = unseal(ctx, record.data_enc, 'text') as string | null
  const signature = unseal(ctx, record.signature_png_enc, 'bytes') as Buffer | null
  const pdf = unseal(ctx, record.pdf_enc, 'bytes') as Buffer | null
  let signed: SignedData | null = null
  try {
    signed = data ? (JSON.parse(data) as SignedData) : null
  } catch {
    signed = null
  }
  const recomputedDigest = envelopeDigest({
    authorizationId: record.authorization_id,
    signedAt: record.signed_at,
    dataSha256: record.data_sha256,
    signatureSha256: record.signature_sha256,
    pdfSha256: record.pdf_sha256,
  })
  const rowMatches =
    signed !== null &&
    signed.authorizationId === row.id &&
    signed.number === row.number &&
    signed.userId === row.user_id &&
    signed.caseId === row.case_id &&
    signed.licenceId === row.licence_id &&
    signed.hallId === row.hall_id &&
    signed.method === row.method &&
    signed.validUntil === row.valid_until &&
    signed.agentIdIndex === row.agent_id_index &&
    signed.signedAt === record.signed_at.toISOString()
  const checks = [
    { key: 'data', label: '委托书内容', ok: data !== null && sha256Hex(data) === record.data_sha256 },
    { key: 'signature', label: '手写签名', ok: signature !== null && sha256Hex(signature) === record.signature_sha256 },
    { key: 'pdf', label: 'PDF 文件', ok: pdf !== null && sha256Hex(pdf) === record.pdf_sha256 },
    { key: 'record', label: '签署记录（摘要与签署时间）', ok: recomputedDigest === record.digest },
    {
      key: 'server_signature',
      label: '服务端电子签名',
      ok: record.key_fingerprint === keyFingerprint(ctx.keys.verifyKey) && verifyDigest(ctx.keys, record.digest, record.server_signature),
    },
    { key: 'status_row', label: '委托状态记录与签署内容一致', ok: rowMatches },
  ]
  return {
    intact: checks.every((c) => c.ok),
    number: row.number,
    signedAt: record.signed_at.toISOString(),
    digest: record.digest,
    keyFingerprint: record.key_fingerprint,
    checks,
    checkedAt: ctx.clock.now().toISOString(),
  }
}

export async function listAddresses(ctx: AppContext, userId: string) {
  const { cipher } = ctx.keys
  return (await repo.listAddresses(ctx.db, userId)).flatMap((a) => {
    const names = resolveDivisions(a.province_code, a.city_code, a.district_code)
    if (!names) return []
    return [
      {
        id: a.id,
        recipient: cipher.decrypt(a.recipient_enc),
        phoneMasked: maskPhone(cipher.decrypt(a.phone_enc)),
        provinceCode: a.province_code,
        cityCode: a.city_code,
        districtCode: a.district_code,
        ...names,
        address: cipher.decrypt(a.address_enc),
      },
    ]
  })
}

/** Expires live authorizations past their last valid day (the job); idempotent by its conditional update. */
export async function expireAuthorizations(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  return ctx.db.tx(async (q) => {
    const expired = await repo.expireOverdue(q, shanghaiDate(now), now)
    for (const row of expired) {
      await repo.insertEvent(q, { authorizationId: row.id, kind: 'expired', actor: null, now })
      const data = await readSignedData(ctx, q, row.id).catch(() => null)
      await notify(q, now, {
        userId: row.user_id,
        dedupeKey: `authorization:${row.id}:expired`,
        kind: 'pickup',
        title: '取件委托书已过期',
        body: `委托书 ${row.number}${data ? `（${data.document.licenceName}）` : ''}已过有效期未寄出或领取，如需寄递或代领请重新签署。`,
        link: authorizationLink(row.id),
      })
    }
    return expired.length
  })
}
