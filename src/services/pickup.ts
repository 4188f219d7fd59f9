import Taro from '@tarojs/taro'
import type { Static } from '@sinclair/typebox'
import type { DivisionSchema } from '../../server/modules/name/schemas'
import type {
  AddressSchema,
  AuthorizationSchema,
  ClerkAuthorizationSchema,
  EventSchema,
  HallLicenceStateSchema,
  LicenceSchema,
  PendingCaseSchema,
  PickupCaseSchema,
  SignBody,
  TrackingSchema,
  VerificationSchema,
} from '../../server/modules/pickup/schemas'
import { download, http, type UserAction } from './http'

export type Division = Static<typeof DivisionSchema>
export type Licence = Static<typeof LicenceSchema>
export type AuthorizationSummary = NonNullable<Licence['authorization']>
export type PickupCase = Static<typeof PickupCaseSchema>
/** Everything of the document but the method, number and signing time (from the BFF, as it will print it). */
export type AuthorizationDraft = NonNullable<PickupCase['draft']>
export type SavedAddress = Static<typeof AddressSchema>
export type AuthorizationEvent = Static<typeof EventSchema>
export type Authorization = Static<typeof AuthorizationSchema>
export type ClerkAuthorization = Static<typeof ClerkAuthorizationSchema>
export type Verification = Static<typeof VerificationSchema>
export type Tracking = Static<typeof TrackingSchema>
export type PendingCase = Static<typeof PendingCaseSchema>
export type HallLicenceState = Static<typeof HallLicenceStateSchema>

type SignInput = Static<typeof SignBody>
/** The body of 确认签署: the schema's optional parts, as the one combination each method sends. */
export type SignRequest = Pick<SignInput, 'caseNumber' | 'signaturePng'> &
  (
    | { method: 'ems'; addressId: string }
    | { method: 'ems'; address: NonNullable<SignInput['address']> }
    | { method: 'agent'; agent: NonNullable<SignInput['agent']> }
  )

const enc = encodeURIComponent

export const listDivisions = async (parent?: string) => (await http.get<{ divisions: Division[] }>('/api/v1/names/divisions', { parent })).divisions

export const listMyLicences = async () => (await http.get<{ licences: Licence[] }>('/api/v1/pickup/licences')).licences

export const getPickupCase = (caseNumber: string) => http.get<PickupCase>(`/api/v1/pickup/cases/${enc(caseNumber)}`)

export const listAddresses = async () => (await http.get<{ addresses: SavedAddress[] }>('/api/v1/pickup/addresses')).addresses

export const deleteAddress = (id: string) => http.delete<{ ok: true }>(`/api/v1/pickup/addresses/${enc(id)}`)

export const signAuthorization = (body: SignRequest, action?: UserAction) => http.post<Authorization>('/api/v1/authorizations', body, { action })

export const getAuthorization = (id: string) => http.get<Authorization>(`/api/v1/authorizations/${enc(id)}`)

export const getTracking = (id: string) => http.get<Tracking>(`/api/v1/authorizations/${enc(id)}/tracking`)

export const verifyAuthorization = (id: string) => http.get<Verification>(`/api/v1/authorizations/${enc(id)}/verify`)

export const listHallLicences = async (hallId: string, state: HallLicenceState) =>
  (await http.get<{ licences: Licence[] }>('/api/v1/staff/pickup/licences', { hallId, state })).licences

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
  const tempFilePath = await download(`/api/v1/authorizations/${enc(id)}/pdf`, '委托书文件下载失败，请稍后重试')
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = tempFilePath
    link.download = `${number}.pdf`
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true })
}
