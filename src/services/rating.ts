import type { Static } from '@sinclair/typebox'
import type {
  KioskCurrentSchema,
  KioskSchema,
  RatedServiceListSchema,
  RatedServiceSchema,
  RatingInput as RatingInputSchema,
  StaffFollowUpListSchema,
  StaffFollowUpSchema,
} from '../../server/modules/rating/schemas'
import { http, type UserAction } from './http'

export type RatedService = Static<typeof RatedServiceSchema>
export type RatedServiceList = Static<typeof RatedServiceListSchema>
export type RatingInput = Static<typeof RatingInputSchema>
export type StaffFollowUp = Static<typeof StaffFollowUpSchema>
export type StaffFollowUpList = Static<typeof StaffFollowUpListSchema>
export type Kiosk = Static<typeof KioskSchema>
export type KioskCurrent = Static<typeof KioskCurrentSchema>

const service = (id: string) => `/api/v1/rating/services/${encodeURIComponent(id)}`

export const listMyRatedServices = () => http.get<RatedServiceList>('/api/v1/rating/services')
export const getRatedService = (id: string) => http.get<RatedService>(service(id))
export const rateService = (id: string, input: RatingInput, action?: UserAction) => http.post<RatedService>(`${service(id)}/rating`, input, { action })
export const changeRating = (id: string, input: RatingInput) => http.put<RatedService>(`${service(id)}/rating`, input)

export const listFollowUps = (hallId: string | undefined) => http.get<StaffFollowUpList>('/api/v1/staff/rating/follow-ups', { hallId })
export const recordFollowUpStep = (ratingId: string, step: 'visit' | 'rectify', note: string, action?: UserAction) =>
  http.post<StaffFollowUp>(`/api/v1/staff/rating/follow-ups/${encodeURIComponent(ratingId)}/${step}`, { note }, { action })

export const bindKiosk = (windowId: string, action?: UserAction) => http.post<Kiosk>('/api/v1/staff/rating/kiosks', { windowId }, { action })
const kioskHeaders = (token: string) => ({ headers: { 'X-Kiosk-Token': token } })
export const kioskCurrent = (token: string) => http.get<KioskCurrent>('/api/v1/rating/kiosk/current', undefined, kioskHeaders(token))
export const rateAtKiosk = (token: string, input: { serviceId: string; level: number; reasons: string[] }) =>
  http.post<KioskCurrent>('/api/v1/rating/kiosk/ratings', input, kioskHeaders(token))
