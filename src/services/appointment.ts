import { http, request } from './http'
import type { ReportedLocation } from '../domain/queue'
import type { AppointmentSettings } from '../../server/modules/appointment/rules'

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show'

export interface Appointment {
  id: string
  status: AppointmentStatus
  /** The booking's code: null once cancelled or no-show (a checked-in booking keeps it as its reference). */
  voucher: string | null
  hall: { id: string; name: string; address: string }
  item: { id: string; name: string }
  date: string
  weekday: string
  start: string
  end: string
  startsAt: string
  createdAt: string
  cancelReason: 'citizen' | 'hall_closure' | null
  cancelDeadline: string
  canCancel: boolean
  checkinOpensAt: string
  checkinClosesAt: string
  canCheckIn: boolean
  ticket: { id: string; number: string } | null
}

export interface MaterialToBring {
  name: string
  necessity: 'required' | 'optional' | 'deferrable'
  formLabel: string
  copies: number
  /** False: the hall gets it through data sharing, nothing to bring. */
  bring: boolean
  note: string
}

export interface AppointmentDetail extends Appointment {
  /** Only while the booking is 待签到; a cancelled or past booking has no code to show. */
  qrDataUrl: string | null
  /** Only while the booking stands (待签到, 已签到): nothing to bring for a cancelled or no-show booking. */
  materials: MaterialToBring[]
}

export interface BookingRules {
  horizonDays: number
  slotMinutes: number
  bookingCloseTime: string
  cancelCutoffMinutes: number
  checkinBeforeMinutes: number
  checkinAfterMinutes: number
  noShowLimit: number
  noShowWindowDays: number
  blockDays: number
}

export type DayStatus = 'open' | 'full' | 'closed' | 'suspended'

export interface BookableDay {
  date: string
  weekday: string
  label: string | null
  remaining: number
  status: DayStatus
}

export interface BookableDays {
  hall: { id: string; name: string; openTime: string; closeTime: string }
  item: { id: string; name: string }
  rules: BookingRules
  days: BookableDay[]
}

export interface Slot {
  id: string
  start: string
  end: string
  capacity: number
  remaining: number
}

export interface DaySlots {
  date: string
  bookable: boolean
  notice: string | null
  slots: Slot[]
}

export type CheckinProof = { hallToken: string } | { location: ReportedLocation }

const base = '/api/v1/appointments'
const one = (id: string) => `${base}/${encodeURIComponent(id)}`

export const listBookableDays = (hallId: string, itemId: string) => http.get<BookableDays>(`${base}/days`, { hallId, itemId })

export const listSlots = (hallId: string, itemId: string, date: string) => http.get<DaySlots>(`${base}/slots`, { hallId, itemId, date })

export const bookSlot = async (slotId: string, itemId: string) => (await http.post<{ appointment: Appointment }>(base, { slotId, itemId })).appointment

export const listMyAppointments = async () => (await http.get<{ appointments: Appointment[] }>(base)).appointments

export const getAppointment = async (id: string) => (await http.get<{ appointment: AppointmentDetail }>(one(id))).appointment

export const cancelAppointment = async (id: string) => (await http.post<{ appointment: AppointmentDetail }>(`${one(id)}/cancel`)).appointment

export const checkInAppointment = async (id: string, proof: CheckinProof) =>
  (await http.post<{ appointment: AppointmentDetail }>(`${one(id)}/check-in`, proof)).appointment

// ---------------------------------------------------------------- staff

/** The BFF's per-hall settings (domain README §4), imported as a type only. */
export type HallSettings = AppointmentSettings

export interface Closure {
  id: string
  date: string
  start: string
  end: string
  reason: string
}

export interface StaffSettings {
  hall: { id: string; name: string; openTime: string; closeTime: string }
  settings: HallSettings
  capacities: { categoryCode: string; categoryName: string; capacity: number }[]
  closures: Closure[]
  calendarWarnings: string[]
  notices?: string[]
}

export interface StaffBooking extends Appointment {
  nameMasked: string
}

export interface StaffDay {
  hall: { id: string; name: string }
  date: string
  weekday: string
  working: boolean
  calendarKnown: boolean
  holidayName: string | null
  closures: Closure[]
  totals: { booked: number; checkedIn: number; noShow: number; cancelled: number }
  categories: { code: string; name: string; slots: { id: string; start: string; end: string; capacity: number; booked: number; bookings: StaffBooking[] }[] }[]
  others: StaffBooking[]
}

const staffBase = (hallId: string) => `/api/v1/staff/halls/${encodeURIComponent(hallId)}`

export const getHallSettings = (hallId: string) => http.get<StaffSettings>(`${staffBase(hallId)}/appointment-settings`)

export const saveHallSettings = (hallId: string, input: HallSettings & { capacities: { categoryCode: string; capacity: number }[] }) =>
  http.put<StaffSettings>(`${staffBase(hallId)}/appointment-settings`, input)

export const addClosure = (hallId: string, input: { date: string; start: string; end: string; reason: string }) =>
  http.post<{ closure: Closure; cancelled: number }>(`${staffBase(hallId)}/appointment-closures`, input)

export const removeClosure = (hallId: string, id: string) =>
  request<{ ok: true }>({ method: 'delete', url: `${staffBase(hallId)}/appointment-closures/${encodeURIComponent(id)}` })

/** The day list of `date`, or of the BFF's today when null. */
export const getStaffDay = (hallId: string, date: string | null) => http.get<StaffDay>(`${staffBase(hallId)}/appointments`, { date: date ?? undefined })

export const staffCheckIn = async (hallId: string, voucher: string) =>
  (await http.post<{ appointment: Appointment }>(`${staffBase(hallId)}/appointments/check-in`, { voucher })).appointment
