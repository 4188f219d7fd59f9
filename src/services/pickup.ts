import Taro from '@tarojs/taro'
import type { AuthorizationDocument, AuthorizationStatus, PickupMethod } from '../domain/pickup-authorization'
import { useSession } from '../stores/session'
import { BFF_BASE_URL } from './config'
import { ApiError, NETWORK_MESSAGE, http, request } from './http'

export interface Division {
  code: string
  name: string
}

export interface AuthorizationSummary {
  id: string
  number: string
  method: PickupMethod
  status: AuthorizationStatus
  statusLabel: string
  validUntil: string
  emsNumber: string | null
  createdAt: string
}

export interface Licence {
  id: string
  caseNumber: string
  itemName: string
  hallId: string
  hallName: string
  licenceName: string
  copies: string
  issuedAt: string
  status: 'ready' | 'handed_over'
  applicantNameMasked: string
  authorization: AuthorizationSummary | null
}

/** Everything of the document but the method, number and signing time (from the BFF, as it will print it). */
export type AuthorizationDraft = Pick<AuthorizationDocument, 'principal' | 'hallName' | 'caseNumber' | 'itemName' | 'licenceName' | 'licenceCopies'>

export interface PickupCase {
  caseNumber: string
  itemName: string
  hallName: string
  resultLicence: string | null
  licence: Licence | null
  draft: AuthorizationDraft | null
}

export interface SavedAddress {
  id: string
  recipient: string
  phoneMasked: string
  provinceCode: string
  cityCode: string
  districtCode: string
  province: string
  city: string
  district: string
  address: string
}

export interface AuthorizationEvent {
  kind: string
  label: string
  note: string | null
  at: string
}

export interface Authorization {
  id: string
  number: string
  method: PickupMethod
  status: AuthorizationStatus
  statusLabel: string
  validUntil: string
  signedAt: string
  emsNumber: string | null
  agentVerified: boolean
  document: AuthorizationDocument
  events: AuthorizationEvent[]
  pickupCode: string | null
  /** PNG data URL of the pickup code, rendered by the BFF. */
  pickupQr: string | null
}

export interface ClerkAuthorization extends Omit<Authorization, 'pickupCode' | 'pickupQr'> {
  shipping: { recipient: string; phone: string; address: string } | null
}

export interface Verification {
  intact: boolean
  number: string
  signedAt: string
  digest: string
  keyFingerprint: string
  checks: { key: string; label: string; ok: boolean }[]
  checkedAt: string
}

export interface NewAddress {
  recipient: string
  phone: string
  provinceCode: string
  cityCode: string
  districtCode: string
  address: string
  remember: boolean
}

export type SignRequest = { caseNumber: string; signaturePng: string } & (
  | { method: 'ems'; addressId: string }
  | { method: 'ems'; address: NewAddress }
  | { method: 'agent'; agent: { name: string; idNumber: string; phone: string } }
)

export type HallLicenceState = 'ready' | 'awaiting' | 'shipped' | 'done'

const enc = encodeURIComponent

export const listDivisions = async (parent?: string) => (await http.get<{ divisions: Division[] }>('/api/v1/names/divisions', { parent })).divisions

export const listMyLicences = async () => (await http.get<{ licences: Licence[] }>('/api/v1/pickup/licences')).licences

export const getPickupCase = (caseNumber: string) => http.get<PickupCase>(`/api/v1/pickup/cases/${enc(caseNumber)}`)

export const listAddresses = async () => (await http.get<{ addresses: SavedAddress[] }>('/api/v1/pickup/addresses')).addresses

export const deleteAddress = (id: string) => request<{ ok: true }>({ method: 'delete', url: `/api/v1/pickup/addresses/${enc(id)}` })

export const signAuthorization = (body: SignRequest) => http.post<Authorization>('/api/v1/authorizations', body)

export const getAuthorization = (id: string) => http.get<Authorization>(`/api/v1/authorizations/${enc(id)}`)

export const verifyAuthorization = (id: string) => http.get<Verification>(`/api/v1/authorizations/${enc(id)}/verify`)

export const listHallLicences = async (hallId: string, state: HallLicenceState) =>
  (await http.get<{ licences: Licence[] }>('/api/v1/staff/pickup/licences', { hallId, state })).licences

/** A case in 待出证 (approved, licence not registered yet). */
export interface PendingCase {
  caseNumber: string
  itemName: string
  licenceName: string
  copies: string
  applicantNameMasked: string
  approvedAt: string
}

export const listPendingCases = async (hallId: string, q?: string) =>
  (await http.get<{ cases: PendingCase[] }>('/api/v1/staff/pickup/pending', { hallId, q: q || undefined })).cases

export const issueLicence = (caseNumber: string) => http.post<Licence>('/api/v1/staff/pickup/licences', { caseNumber })

export const getClerkAuthorization = (id: string) => http.get<ClerkAuthorization>(`/api/v1/staff/pickup/authorizations/${enc(id)}`)

export const recordShipment = (id: string, emsNumber: string) =>
  http.post<ClerkAuthorization>(`/api/v1/staff/pickup/authorizations/${enc(id)}/shipment`, { emsNumber })

export const recordDeliveryEvent = (id: string, kind: 'transit' | 'delivered', note?: string) =>
  http.post<ClerkAuthorization>(`/api/v1/staff/pickup/authorizations/${enc(id)}/events`, note ? { kind, note } : { kind })

export const checkAgent = (code: string, idNumber: string) => http.post<ClerkAuthorization>('/api/v1/staff/pickup/agent-checks', { code, idNumber })

export const markCollected = (id: string) => http.post<ClerkAuthorization>(`/api/v1/staff/pickup/authorizations/${enc(id)}/collect`)

/**
 * Downloads the signed PDF with the session's token and opens it: weapp's document viewer, or on H5
 * a file save (the browser's own PDF handling takes over from there).
 */
export async function openAuthorizationPdf(id: string, number: string): Promise<void> {
  const token = useSession.getState().token
  let result: Taro.downloadFile.FileSuccessCallbackResult
  try {
    result = await Taro.downloadFile({
      url: `${BFF_BASE_URL}/api/v1/authorizations/${enc(id)}/pdf`,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    })
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE)
  }
  if (result.statusCode !== 200) throw new ApiError(`HTTP_${result.statusCode}`, '委托书文件下载失败，请稍后重试', result.statusCode)
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = result.tempFilePath
    link.download = `${number}.pdf`
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'pdf', showMenu: true })
}
