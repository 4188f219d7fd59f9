import { describeDay, type HolidayCalendar } from '../../../src/domain/working-days'
import { hhmm, minutesOfDay, shanghaiDate, shanghaiInstant, shanghaiTime } from '../../../src/domain/time'
import { HOLIDAY_CALENDAR } from '../../core/calendar'

/** The hall settings the queue rules read (docs/domain-rules.md §3, practice values per hall). */
export interface HallHours {
  open_time: string
  close_time: string
  take_cutoff_minutes: number
  remote_checkin_minutes: number
}

/**
 * Why remote taking (网上取号) is closed at `now`, or null when it is open: working days (statutory
 * holidays and 调休 from the State Council calendar, §4), opening hours, and the cut-off before closing.
 */
export function takingClosedReason(hall: HallHours, now: Date, calendar: HolidayCalendar = HOLIDAY_CALENDAR): string | null {
  const day = describeDay(shanghaiDate(now), calendar)
  if (!day.working) return day.holidayName ? `今天是${day.holidayName}假期，服务中心不对外办理` : '今天不是工作日，服务中心不对外办理，请在工作日取号'
  const minute = minutesOfDay(shanghaiTime(now))
  if (minute < minutesOfDay(hall.open_time)) return `服务中心 ${hall.open_time} 开始办理，请在开放时间内取号`
  const cutoff = minutesOfDay(hall.close_time) - hall.take_cutoff_minutes
  if (minute >= cutoff) return `今日网上取号已于 ${hhmm(cutoff)} 截止（闭厅前 ${hall.take_cutoff_minutes} 分钟），请明天再来`
  return null
}

/** A remote ticket must be checked in within the hall's allowance after taking it, and before closing. */
export function checkinDeadline(hall: HallHours, issuedAt: Date): Date {
  const closing = shanghaiInstant(shanghaiDate(issuedAt), hall.close_time)
  return new Date(Math.min(issuedAt.getTime() + hall.remote_checkin_minutes * 60_000, closing.getTime()))
}

/**
 * Waiting estimate (§3): people ahead × rolling average handling time ÷ open windows, as a range,
 * because handling times vary and windows open and close. Someone first in line still waits for a
 * window to free up, so the upper bound is never zero.
 */
export function estimateWait(ahead: number, averageMinutes: number, openWindows: number): { min: number; max: number } {
  const perPerson = averageMinutes / Math.max(openWindows, 1)
  const centre = ahead * perPerson
  return { min: Math.floor(centre * 0.8), max: Math.max(Math.ceil(centre * 1.25 + perPerson), 1) }
}

/** The rolling average handling time: the category's recent finished tickets once there are 5, else its configured value. */
export function rollingAverageMinutes(stats: { recentFinished: number; recentAverageMinutes: number | null }, configuredMinutes: number): number {
  return stats.recentFinished >= 5 && stats.recentAverageMinutes !== null ? Math.max(stats.recentAverageMinutes, 1) : configuredMinutes
}

const EARTH_RADIUS_METERS = 6_371_008.8

/** Great-circle distance (haversine) between two points in degrees; both in the same datum (the halls store GCJ-02, as WeChat reports it). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Priority tickets a window may call in a row before it must call an ordinary one (§3: at most 2 per 1). */
export const MAX_PRIORITY_STREAK = 2
/** Re-calls of one called ticket (§3). */
export const MAX_RECALLS = 3
/** A first 过号 goes back in line after this many other numbers of its category have been called (§3). */
export const REQUEUE_AFTER_CALLS = 3
/** A ticket is "near" (notified) when this many people or fewer are ahead (§3). */
export const NEAR_AHEAD = 3
