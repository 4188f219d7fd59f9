import type { Static } from '@sinclair/typebox'
import type {
  CheckBody,
  CheckResultSchema,
  DivisionSchema,
  FindingSchema,
  IndustrySchema,
  LocationSchema,
  ReservationSchema,
  ReserveBody,
} from '../../server/modules/name/schemas'
import type { NameParts } from '../domain/enterprise-name/types'
import { http, type UserAction } from './http'

export type DivisionEntry = Static<typeof DivisionSchema>
export type NameLocation = Static<typeof LocationSchema>
export type IndustryOption = Static<typeof IndustrySchema>
export type CheckFinding = Static<typeof FindingSchema>
export type CheckResult = Static<typeof CheckResultSchema>
export type NameReservation = Static<typeof ReservationSchema>

/** 限用: an approval document the applicant holds, stated by its title and number. */
export type StatedApproval = NonNullable<Static<typeof ReserveBody>['approvals']>[number]

/** What the applicant declares: the name by its parts (the app always sends them). */
export type Declaration = Omit<Static<typeof CheckBody>, 'name' | 'parts' | 'foreignInvested'> & { foreignInvested: boolean; parts: NameParts }

/** Provinces without a parent; then the cities of a province, the counties of a city. */
export const listDivisions = async (parent?: string) => (await http.get<{ divisions: DivisionEntry[] }>('/api/v1/names/divisions', { parent })).divisions

export const getLocation = async (code: string) => (await http.get<{ location: NameLocation }>(`/api/v1/names/locations/${encodeURIComponent(code)}`)).location

export const searchIndustries = async (q: string) =>
  (await http.get<{ industries: IndustryOption[] }>('/api/v1/names/industries', { q: q.trim() || undefined })).industries

export const checkName = (declaration: Declaration) => http.post<CheckResult>('/api/v1/names/check', declaration)

export const reserveName = async (
  declaration: Declaration & { preApproval: boolean; riskConfirmed: boolean; approvals?: StatedApproval[]; commitmentVersion: string },
  action?: UserAction,
) => (await http.post<{ reservation: NameReservation }>('/api/v1/names/reservations', { ...declaration, commitmentAccepted: true }, { action })).reservation

export const listMyNames = async () => (await http.get<{ reservations: NameReservation[] }>('/api/v1/names/reservations')).reservations

export const getReservation = async (id: string) =>
  (await http.get<{ reservation: NameReservation }>(`/api/v1/names/reservations/${encodeURIComponent(id)}`)).reservation

export const releaseReservation = async (id: string) =>
  (await http.post<{ reservation: NameReservation }>(`/api/v1/names/reservations/${encodeURIComponent(id)}/release`)).reservation
