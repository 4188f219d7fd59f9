/**
 * Working days of a service hall (domain README §4): Monday to Friday, minus the statutory holidays,
 * plus the 调休 make-up days, as published each November by the State Council. The calendar data is
 * passed in, so this file stays pure and the BFF decides where the data comes from.
 */
import { shanghaiDate, shanghaiInstant } from './time'

export interface HolidayCalendar {
  /** Statutory days off ('YYYY-MM-DD'), including the weekdays moved into a holiday. */
  holidays: ReadonlySet<string>
  /** 调休 make-up days: weekend dates that are working days. */
  workdays: ReadonlySet<string>
  /** The years the data covers; any other year falls back to Monday–Friday. */
  years: ReadonlySet<number>
  /** Optional display names of holidays ('国庆节'). */
  names?: ReadonlyMap<string, string>
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup'

export interface DayInfo {
  date: string
  working: boolean
  kind: DayKind
  /** False when the calendar has no data for the year: Monday–Friday is assumed and staff must mark closures. */
  calendarKnown: boolean
  holidayName: string | null
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parse(date: string): Date {
  const match = DATE.exec(date)
  const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null
  if (!parsed || parsed.toISOString().slice(0, 10) !== date) throw new RangeError(`not a date: ${date}`)
  return parsed
}

/** 0 = Sunday … 6 = Saturday, for a calendar date (no time zone involved). */
export const weekdayOf = (date: string) => parse(date).getUTCDay()

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const parsed = parse(date)
  parsed.setUTCDate(parsed.getUTCDate() + days)
  return parsed.toISOString().slice(0, 10)
}

export function describeDay(date: string, data: HolidayCalendar): DayInfo {
  const weekend = [0, 6].includes(weekdayOf(date))
  const calendarKnown = data.years.has(Number(date.slice(0, 4)))
  const base = { date, calendarKnown, holidayName: null }
  if (!calendarKnown) return { ...base, working: !weekend, kind: weekend ? 'weekend' : 'workday' }
  if (data.holidays.has(date)) return { ...base, working: false, kind: 'holiday', holidayName: data.names?.get(date) ?? null }
  if (data.workdays.has(date)) return { ...base, working: true, kind: 'makeup' }
  return { ...base, working: !weekend, kind: weekend ? 'weekend' : 'workday' }
}

export const isWorkingDay = (date: string, data: HolidayCalendar): boolean => describeDay(date, data).working

export const isCalendarKnown = (date: string, data: HolidayCalendar): boolean => data.years.has(Number(date.slice(0, 4)))

/** The first `n` working days strictly after `from`. */
export function nextWorkingDays(from: string, n: number, data: HolidayCalendar): string[] {
  const days: string[] = []
  // The longest run of days off in any published year is 9 (春节), so a year of search is plenty.
  for (let date = addDays(from, 1), step = 0; days.length < n && step < 366; date = addDays(date, 1), step++) {
    if (isWorkingDay(date, data)) days.push(date)
  }
  return days
}

/** The `n`-th working day strictly after `from` (n ≥ 1); `from` itself when n is 0. */
export function addWorkingDays(from: string, n: number, data: HolidayCalendar): string {
  if (n <= 0) return from
  const days = nextWorkingDays(from, n, data)
  if (days.length < n) throw new RangeError(`no ${n} working days within a year after ${from}`)
  return days[n - 1]
}

/**
 * The one deadline rule of the hall: `workingDays` working days after the day of `from` (Asia/Shanghai),
 * at the hall's closing time. The BFF computes it once and sends it; pages only format what is left.
 */
export function workingDayDeadline(from: Date, workingDays: number, closeTime: string, data: HolidayCalendar): Date {
  return shanghaiInstant(addWorkingDays(shanghaiDate(from), workingDays, data), closeTime)
}

/** Milliseconds left until `dueAt` at `now` (negative when overdue); both instants come from the BFF. */
export const msUntil = (dueAt: string | Date, now: string | Date) => new Date(dueAt).getTime() - new Date(now).getTime()
