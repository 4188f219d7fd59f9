import type { Static } from '@sinclair/typebox'
import type {
  AppointmentDetailSchema,
  AppointmentSchema,
  ClosureSchema,
  DaysSchema,
  RulesSchema,
  SlotsSchema,
  StaffDaySchema,
  StaffSettingsSchema,
} from '../../server/modules/appointment/schemas'
import type { ReportedLocation } from '../domain/queue'
import { http, type UserAction } from './http'

export type Appointment = Static<typeof AppointmentSchema>
export type AppointmentStatus = Appointment['status']
export type AppointmentDetail = Static<typeof AppointmentDetailSchema>
export type MaterialToBring = AppointmentDetail['materials'][number]
export type BookingRules = Static<typeof RulesSchema>
export type BookableDays = Static<typeof DaysSchema>
export type BookableDay = BookableDays['days'][number]
export type DayStatus = BookableDay['status']
export type DaySlots = Static<typeof SlotsSchema>
export type Slot = DaySlots['slots'][number]

export type CheckinProof = { hallToken: string } | { location: ReportedLocation }

const base = '/api/v1/appointments'
const one = (id: string) => `${base}/${encodeURIComponent(id)}`

export const listBookableDays = (hallId: string, itemId: string) => http.get<BookableDays>(`${base}/days`, { hallId, itemId })

export const listSlots = (hallId: string, itemId: string, date: string) => http.get<DaySlots>(`${base}/slots`, { hallId, itemId, date })

export const bookSlot = async (slotId: string, itemId: string, action?: UserAction) =>
  (await http.post<{ appointment: Appointment }>(base, { slotId, itemId }, { action })).appointment

export const listMyAppointments = async () => (await http.get<{ appointments: Appointment[] }>(base)).appointments

export const getAppointment = async (id: string) => (await http.get<{ appointment: AppointmentDetail }>(one(id))).appointment

export const cancelAppointment = async (id: string) => (await http.post<{ appointment: AppointmentDetail }>(`${one(id)}/cancel`)).appointment

export const checkInAppointment = async (id: string, proof: CheckinProof) =>
  (await http.post<{ appointment: AppointmentDetail }>(`${one(id)}/check-in`, proof)).appointment

// ---------------------------------------------------------------- staff

export type StaffSettings = Static<typeof StaffSettingsSchema>
/** The BFF's per-hall settings (domain README §4). */
export type HallSettings = StaffSettings['settings']
export type Closure = Static<typeof ClosureSchema>
export type StaffDay = Static<typeof StaffDaySchema>
export type StaffBooking = StaffDay['others'][number]

const staffBase = (hallId: string) => `/api/v1/staff/halls/${encodeURIComponent(hallId)}`

export const getHallSettings = (hallId: string) => http.get<StaffSettings>(`${staffBase(hallId)}/appointment-settings`)

export const saveHallSettings = (hallId: string, input: HallSettings & { capacities: { categoryCode: string; capacity: number }[] }) =>
  http.put<StaffSettings>(`${staffBase(hallId)}/appointment-settings`, input)

export const addClosure = (hallId: string, input: { date: string; start: string; end: string; reason: string }) =>
  http.post<{ closure: Closure; cancelled: number }>(`${staffBase(hallId)}/appointment-closures`, input)

export const removeClosure = (hallId: string, id: string) => http.delete<{ ok: true }>(`${staffBase(hallId)}/appointment-closures/${encodeURIComponent(id)}`)

/** The day list of `date`, or of the BFF's today when null. */
export const getStaffDay = (hallId: string, date: string | null) => http.get<StaffDay>(`${staffBase(hallId)}/appointments`, { date: date ?? undefined })

export const staffCheckIn = async (hallId: string, voucher: string) =>
  (await http.post<{ appointment: Appointment }>(`${staffBase(hallId)}/appointments/check-in`, { voucher })).appointment
