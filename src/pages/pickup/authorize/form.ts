import { parseIdCard } from '@/domain/id-card'
import { maskIdNumber, maskPhone } from '@/domain/mask'
import { MOBILE_INVALID_MESSAGE, normalizeMobile } from '@/domain/phone'
import type { AgentPickup, AuthorizationDocument, EmsDelivery } from '@/domain/pickup-authorization'
import type { AuthorizationDraft, SavedAddress, SignRequest } from '@/services/pickup'
import type { AddressForm, AgentForm } from '@/stores/pickup'
import type { FieldErrors } from '@/hooks/use-form'
// The same rules the BFF applies (it checks again); here they turn into messages beside the fields.
import { CHINESE_NAME, RECIPIENT_NAME } from '@/domain/person-name'

/** The signer as the EMS recipient: their own name (from the draft) and their sign-in phone, masked; null without a phone. */
export interface SelfRecipient {
  name: string
  phoneMasked: string
}

/** Whether the form sends the parcel to the signer: chosen, and possible (the account has a phone). */
export const toSelf = (input: { form: AddressForm; self: SelfRecipient | null }) => input.form.toSelf && input.self !== null

export function checkAddress(form: AddressForm, self: SelfRecipient | null): FieldErrors<'recipient' | 'phone' | 'region' | 'address'> {
  const errors: FieldErrors<'recipient' | 'phone' | 'region' | 'address'> = {}
  const other = !toSelf({ form, self })
  if (other && !RECIPIENT_NAME.test(form.recipient.trim())) errors.recipient = '请输入收件人姓名'
  if (other && !normalizeMobile(form.phone)) errors.phone = MOBILE_INVALID_MESSAGE
  if (!form.province || !form.city || !form.district) errors.region = '请选择省、市、区县'
  if ([...form.address.trim()].length < 5) errors.address = '请填写详细地址（街道、门牌号等），至少5个字'
  return errors
}

export function checkAgent(form: AgentForm, today: string): FieldErrors<'name' | 'idNumber' | 'phone'> {
  const errors: FieldErrors<'name' | 'idNumber' | 'phone'> = {}
  if (!CHINESE_NAME.test(form.name.trim())) errors.name = '请输入与代领人身份证一致的中文姓名'
  const id = parseIdCard(form.idNumber, today)
  if (!id.ok) errors.idNumber = id.message
  if (!normalizeMobile(form.phone)) errors.phone = MOBILE_INVALID_MESSAGE
  return errors
}

/** The method part of the document, exactly as the BFF will print it (masked the same way). */
export type Chosen =
  { kind: 'saved'; saved: SavedAddress } | { kind: 'ems'; form: AddressForm; self: SelfRecipient | null } | { kind: 'agent'; form: AgentForm }

export function methodOf(input: Chosen): EmsDelivery | AgentPickup {
  if (input.kind === 'saved') {
    const { recipient, phoneMasked, province, city, district, address } = input.saved
    return { kind: 'ems', recipient, phoneMasked, province, city, district, address }
  }
  if (input.kind === 'ems') {
    const f = input.form
    const self = toSelf(input) ? input.self : null
    return {
      kind: 'ems',
      recipient: self ? self.name : f.recipient.trim(),
      phoneMasked: self ? self.phoneMasked : maskPhone(normalizeMobile(f.phone) ?? f.phone),
      province: f.province?.name ?? '',
      city: f.city?.name ?? '',
      district: f.district?.name ?? '',
      address: f.address.trim(),
    }
  }
  const f = input.form
  const id = f.idNumber.trim().toUpperCase()
  return { kind: 'agent', name: f.name.trim(), idNumberMasked: maskIdNumber(id), phoneMasked: maskPhone(normalizeMobile(f.phone) ?? f.phone) }
}

export const previewDocument = (draft: AuthorizationDraft, method: EmsDelivery | AgentPickup): AuthorizationDocument => ({
  ...draft,
  method,
  number: null,
  signedAt: null,
})

export function signRequest(caseNumber: string, signaturePng: string, input: Chosen): SignRequest {
  if (input.kind === 'saved') return { caseNumber, signaturePng, method: 'ems', addressId: input.saved.id }
  if (input.kind === 'agent') {
    const f = input.form
    return { caseNumber, signaturePng, method: 'agent', agent: { name: f.name.trim(), idNumber: f.idNumber.trim().toUpperCase(), phone: f.phone.trim() } }
  }
  const f = input.form
  return {
    caseNumber,
    signaturePng,
    method: 'ems',
    address: {
      ...(toSelf(input) ? { recipient: 'self' } : { recipient: f.recipient.trim(), phone: f.phone.trim() }),
      provinceCode: f.province!.code,
      cityCode: f.city!.code,
      districtCode: f.district!.code,
      address: f.address.trim(),
      remember: f.remember,
    },
  }
}
