import { addDays } from '../../../src/domain/working-days'
import { hhmm, minutesOfDay, shanghaiInstant } from '../../../src/domain/time'

/** A hall's appointment settings (docs/domain-rules.md §4, practice values, configurable per hall). */
export interface AppointmentSettings {
  slotMinutes: 30 | 60
  horizonDays: number
  bookingCloseTime: string
  cancelCutoffMinutes: number
  checkinBeforeMinutes: number
  checkinAfterMinutes: number
  noShowLimit: number
  noShowWindowDays: number
  blockDays: number
}

/** The §4 defaults every hall starts with. */
export const DEFAULT_SETTINGS: AppointmentSettings = {
  slotMinutes: 30,
  horizonDays: 5,
  bookingCloseTime: '17:00',
  cancelCutoffMinutes: 120,
  checkinBeforeMinutes: 15,
  checkinAfterMinutes: 30,
  noShowLimit: 2,
  noShowWindowDays: 30,
  blockDays: 90,
}

/** The slots of a day: back to back from opening, the last one ending no later than closing. */
export function slotGrid(openTime: string, closeTime: string, slotMinutes: number): { start: string; end: string }[] {
  const slots: { start: string; end: string }[] = []
  for (let start = minutesOfDay(openTime); start + slotMinutes <= minutesOfDay(closeTime); start += slotMinutes) {
    slots.push({ start: hhmm(start), end: hhmm(start + slotMinutes) })
  }
  return slots
}

/** Booking for a day closes at the hall's closing time for bookings on the calendar day before (§4: 17:00). */
export const bookingClosesAt = (date: string, closeTime: string) => shanghaiInstant(addDays(date, -1), closeTime)

/** The last moment a booking may be cancelled (§4: 2 h before the slot). */
export const cancelDeadline = (startsAt: Date, settings: Pick<AppointmentSettings, 'cancelCutoffMinutes'>) =>
  new Date(startsAt.getTime() - settings.cancelCutoffMinutes * 60_000)

/** §4: check-in from 15 min before to 30 min after the slot start; afterwards the booking is a no-show. */
export function checkinWindow(startsAt: Date, settings: Pick<AppointmentSettings, 'checkinBeforeMinutes' | 'checkinAfterMinutes'>) {
  return {
    opensAt: new Date(startsAt.getTime() - settings.checkinBeforeMinutes * 60_000),
    closesAt: new Date(startsAt.getTime() + settings.checkinAfterMinutes * 60_000),
  }
}

/** "2 小时" / "30 分钟" for messages. */
export function minutesText(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60}小时`
  return minutes > 60 ? `${Math.floor(minutes / 60)}小时${minutes % 60}分钟` : `${minutes}分钟`
}

/** "2027年2月21日" for messages. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  return `${year}年${month}月${day}日`
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
export const weekdayName = (weekday: number) => WEEKDAY_NAMES[weekday]

/** The day-before reminder goes out from this time (Shanghai), after next-day booking has closed at 17:00. */
export const DAY_BEFORE_REMINDER_TIME = '18:00'
