import crypto from 'node:crypto'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { divisionData } from '../../core/divisions'
import { badRequest, notFound, unprocessable } from '../../core/errors'
import { parseIdCard } from '../../../src/domain/id-card'
import { maskIdNumber, maskPhone } from '../../../src/domain/mask'
import { CHINESE_NAME, RECIPIENT_NAME } from '../../../src/domain/person-name'
import { MOBILE_INVALID_MESSAGE, normalizeMobile } from '../../../src/domain/phone'
import { initialStatus, validUntilOf, type AgentPickup, type AuthorizationDocument, type EmsDelivery } from '../../../src/domain/pickup-authorization'
import { shanghaiDate } from '../../../src/domain/time'
import { addressFingerprint } from './address-fingerprint'
import { canonicalJson, envelopeDigest, hashParts, signDigest } from './integrity'
import { renderAuthorizationPdf } from './pdf'
import * as repo from './repository'
import { SELF_RECIPIENT, type SignInput } from './schemas'
import type { SignedData } from './views'

/** Signing a 取件委托书: the method the citizen chose, the sealed record, and storing it. */

export const ID_TYPE = '居民身份证'

/**
 * The names of a province → city → district chain of the division tree the names module serves at
 * /api/v1/names/divisions (the app's region picker uses it too), or null when the codes do not nest.
 */
export function resolveDivisions(provinceCode: string, cityCode: string, districtCode: string) {
  const tree = divisionData()
  const province = tree.provinces.find((p) => p.code === provinceCode)
  const city = province && tree.childrenOf(province.code)?.find((c) => c.code === cityCode)
  const district = city && tree.childrenOf(city.code)?.find((d) => d.code === districtCode)
  return province && city && district ? { province: province.name, city: city.name, district: district.name } : null
}

export interface ChosenMethod {
  document: EmsDelivery | AgentPickup
  contact: SignedData['contact']
  agentIdIndex: string | null
  remember: { fingerprint: string; provinceCode: string; cityCode: string; districtCode: string; recipient: string; phone: string; address: string } | null
  addressId: string | null
}

const cleanText = (value: string) => value.replace(/[\u0000-\u001f\u007f]/g, '').trim()

/**
 * Validates the delivery or agent part of the request into what the document prints (§6). `self` is the
 * signing user's verified name and sign-in phone, for `recipient: 'self'`.
 */
export async function chooseMethod(ctx: AppContext, userId: string, input: SignInput, self: { name: string; phone: string | null }): Promise<ChosenMethod> {
  const { cipher } = ctx.keys
  if (input.method === 'agent') {
    if (!input.agent || input.address || input.addressId) throw badRequest('AGENT_REQUIRED', '请填写代领人的姓名、身份证号和手机号')
    const name = cleanText(input.agent.name)
    if (!CHINESE_NAME.test(name)) throw badRequest('INVALID_AGENT_NAME', '请输入与代领人身份证一致的中文姓名')
    const parsed = parseIdCard(input.agent.idNumber, shanghaiDate(ctx.clock.now()))
    if (!parsed.ok) throw badRequest('INVALID_AGENT_ID_NUMBER', `代领人${parsed.message}`)
    const phone = normalizeMobile(input.agent.phone)
    if (!phone) throw badRequest('INVALID_AGENT_PHONE', `代领人手机号：${MOBILE_INVALID_MESSAGE}`)
    const agentIdIndex = cipher.blindIndex(`id:${parsed.value.normalized}`)
    if (agentIdIndex === (await repo.idNumberIndexOf(ctx.db, userId))) {
      throw unprocessable('AGENT_IS_PRINCIPAL', '代领人不能是委托人本人；本人领取请携带身份证直接到窗口办理')
    }
    return {
      document: { kind: 'agent', name, idNumberMasked: maskIdNumber(parsed.value.normalized), phoneMasked: maskPhone(phone) },
      contact: { agentPhone: phone },
      agentIdIndex,
      remember: null,
      addressId: null,
    }
  }

  if (input.agent || (input.address ? input.addressId : !input.addressId)) {
    throw badRequest('ADDRESS_REQUIRED', '请选择常用地址或填写收件人、电话和收件地址')
  }
  let fields: { recipient: string; phone: string; provinceCode: string; cityCode: string; districtCode: string; address: string }
  if (input.addressId) {
    const saved = await repo.findAddress(ctx.db, userId, input.addressId)
    if (!saved) throw notFound('常用地址不存在，请重新选择')
    fields = {
      recipient: cipher.decrypt(saved.recipient_enc),
      phone: cipher.decrypt(saved.phone_enc),
      provinceCode: saved.province_code,
      cityCode: saved.city_code,
      districtCode: saved.district_code,
      address: cipher.decrypt(saved.address_enc),
    }
  } else {
    const { phone, recipient, ...place } = input.address!
    if (recipient === SELF_RECIPIENT) {
      if (phone !== undefined) throw badRequest('SELF_RECIPIENT_PHONE', '收件人为本人时由系统填入您的手机号，请勿另填电话')
      if (!self.phone) throw badRequest('SELF_PHONE_UNKNOWN', '您的账号没有登记手机号，请改用其他收件人并填写电话')
      fields = { ...place, recipient: self.name, phone: self.phone, address: cleanText(place.address) }
    } else {
      if (phone === undefined) throw badRequest('RECIPIENT_PHONE_REQUIRED', '请填写收件人手机号')
      fields = { ...place, recipient: cleanText(recipient), phone, address: cleanText(place.address) }
    }
  }
  if (!RECIPIENT_NAME.test(fields.recipient)) throw badRequest('INVALID_RECIPIENT', '请输入收件人姓名')
  const phone = normalizeMobile(fields.phone)
  if (!phone) throw badRequest('INVALID_RECIPIENT_PHONE', `收件人电话：${MOBILE_INVALID_MESSAGE}`)
  const names = resolveDivisions(fields.provinceCode, fields.cityCode, fields.districtCode)
  if (!names) throw badRequest('INVALID_DIVISION', '请重新选择省、市、区县')
  if ([...fields.address].length < 5) throw badRequest('INVALID_ADDRESS', '请填写详细地址（街道、门牌号等），至少5个字')
  const remember = input.address?.remember
    ? {
        fingerprint: addressFingerprint(cipher, { ...fields, phone }),
        ...fields,
        phone,
      }
    : null
  return {
    document: { kind: 'ems', recipient: fields.recipient, phoneMasked: maskPhone(phone), ...names, address: fields.address },
    contact: { recipientPhone: phone },
    agentIdIndex: null,
    remember,
    addressId: input.addressId ?? null,
  }
}

/** Everything the signed record holds, computed before the transaction (the PDF takes a while to render). */
export interface SealedAuthorization {
  id: string
  number: string
  validUntil: string
  data: string
  signaturePng: Buffer
  pdf: Buffer
  hashes: ReturnType<typeof hashParts>
  digest: string
  serverSignature: string
  keyFingerprint: string
}

/**
 * Rebuilds the document from data, renders it to PDF with the signature, hashes the parts and signs the
 * envelope with the server key.
 */
export async function sealAuthorization(
  ctx: AppContext,
  s: {
    userId: string
    identity: { name: string; idNumber: string }
    found: repo.CaseRow
    licence: { id: string; name: string; copies: string }
    method: SignInput['method']
    chosen: ChosenMethod
    signaturePng: Buffer
    now: Date
    verifyPath: (id: string) => string
  },
): Promise<SealedAuthorization> {
  const { now, found, licence } = s
  const id = crypto.randomUUID()
  const number = `WT${shanghaiDate(now).replace(/-/g, '')}${String(await repo.nextAuthorizationSequence(ctx.db)).padStart(6, '0')}`
  const validUntil = validUntilOf(now)
  const document: AuthorizationDocument = {
    number,
    principal: { name: s.identity.name, idType: ID_TYPE, idNumberMasked: maskIdNumber(s.identity.idNumber) },
    hallName: found.hall_name,
    caseNumber: found.case_number,
    itemName: found.item_name,
    licenceName: licence.name,
    licenceCopies: licence.copies,
    method: s.chosen.document,
    signedAt: now.toISOString(),
  }
  const signed: SignedData = {
    v: 1,
    authorizationId: id,
    number,
    userId: s.userId,
    caseId: found.id,
    licenceId: licence.id,
    hallId: found.hall_id,
    method: s.method,
    validUntil,
    signedAt: now.toISOString(),
    agentIdIndex: s.chosen.agentIdIndex,
    document,
    contact: s.chosen.contact,
  }
  const data = canonicalJson(signed)
  const pdf = await renderAuthorizationPdf(document, s.signaturePng, s.verifyPath(id))
  const hashes = hashParts({ data, signaturePng: s.signaturePng, pdf })
  const digest = envelopeDigest({ authorizationId: id, signedAt: now, ...hashes })
  const { serverSignature, keyFingerprint } = signDigest(ctx.keys, digest)
  return { id, number, validUntil, data, signaturePng: s.signaturePng, pdf, hashes, digest, serverSignature, keyFingerprint }
}

/** Stores a sealed authorization in the caller's transaction: the row, its sealed record, the signed event and the address. */
export async function storeAuthorization(
  ctx: AppContext,
  q: Queryable,
  s: { sealed: SealedAuthorization; userId: string; found: repo.CaseRow; licenceId: string; method: SignInput['method']; chosen: ChosenMethod; now: Date },
): Promise<void> {
  const { sealed, userId, chosen, now } = s
  const { cipher } = ctx.keys
  await repo.insertAuthorization(q, {
    id: sealed.id,
    number: sealed.number,
    licenceId: s.licenceId,
    caseId: s.found.id,
    userId,
    hallId: s.found.hall_id,
    method: s.method,
    status: initialStatus(s.method),
    validUntil: sealed.validUntil,
    agentIdIndex: chosen.agentIdIndex,
    now,
  })
  await repo.insertRecord(q, {
    authorization_id: sealed.id,
    data_enc: cipher.encrypt(sealed.data),
    signature_png_enc: cipher.encrypt(sealed.signaturePng.toString('base64')),
    pdf_enc: cipher.encrypt(sealed.pdf.toString('base64')),
    data_sha256: sealed.hashes.dataSha256,
    signature_sha256: sealed.hashes.signatureSha256,
    pdf_sha256: sealed.hashes.pdfSha256,
    digest: sealed.digest,
    server_signature: sealed.serverSignature,
    key_fingerprint: sealed.keyFingerprint,
    signed_at: now,
  })
  await repo.insertEvent(q, { authorizationId: sealed.id, kind: 'signed', actor: userId, now })
  if (chosen.remember) {
    const r = chosen.remember
    await repo.rememberAddress(q, {
      userId,
      fingerprint: r.fingerprint,
      recipientEnc: cipher.encrypt(r.recipient),
      phoneEnc: cipher.encrypt(r.phone),
      provinceCode: r.provinceCode,
      cityCode: r.cityCode,
      districtCode: r.districtCode,
      addressEnc: cipher.encrypt(r.address),
      now,
    })
  }
  if (chosen.addressId) await repo.touchAddress(q, chosen.addressId, now)
}
