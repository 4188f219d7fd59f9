import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, notFound } from '../../core/errors'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import { shanghaiDate, shanghaiInstant } from '../../../src/domain/time'
import { describeDay, isWorkingDay, nextWorkingDays, weekdayOf, type DayInfo } from '../../../src/domain/working-days'
import { pageLink } from '../../../src/domain/page-routes'
import { findHall, type HallRow } from '../catalog/service'
import * as repo from './repository'
import { bookingClosesAt, chineseDate, slotGrid, type AppointmentSettings } from './rules'

/** Lookups and refusals shared by the appointment service files (booking, check-in, jobs, staff). */

export type Ctx = Pick<AppContext, 'db' | 'clock' | 'keys'>

export const SLOT_FULL_MESSAGE = '该时段已约满，请选择其他时段'

/** Closures are planned up to a year ahead; a day list reaches three years back (records) and a year ahead. */
export const CLOSURE_HORIZON = { pastDays: 0, futureDays: 366 }
export const DAY_LIST_HORIZON = { pastDays: 3 * 366, futureDays: 366 }

/** The pattern lets 2026-02-30 through; the calendar does not. */
export function assertDate(date: string) {
  try {
    weekdayOf(date)
  } catch {
    throw badRequest('INVALID_DATE', '日期不正确')
  }
}

export async function loadHallSettings(q: Queryable, hallId: string, lock: 'share' | 'update' | null = null) {
  const hall = await findHall(q, hallId)
  const settings = hall ? await repo.findSettings(q, hallId, lock) : null
  if (!hall || !settings) throw notFound('服务中心不存在或未开放预约')
  return { hall, settings }
}

export async function loadItem(q: Queryable, hallId: string, itemId: string) {
  const item = await repo.findItemAtHall(q, hallId, itemId)
  if (!item) throw notFound('该服务中心不办理此事项')
  return item
}

/** The days a booking can be made for right now: the next N working days (§4), each closing the day before. */
export const horizonDays = (now: Date, settings: AppointmentSettings) => nextWorkingDays(shanghaiDate(now), settings.horizonDays, HOLIDAY_CALENDAR)

export const dayLabel = (day: DayInfo) => (day.kind === 'makeup' ? '调休上班' : null)

export const overlaps = (closure: repo.ClosureRow, slot: { start_time: string; end_time: string }) =>
  closure.start_time < slot.end_time && closure.end_time > slot.start_time

/** The slots of a day for a category, written from the current settings the first time the day is shown. */
export async function ensureDaySlots(ctx: Ctx, hall: HallRow, categoryCode: string, date: string): Promise<repo.SlotRow[]> {
  const existing = await repo.slotsOfDay(ctx.db, hall.id, categoryCode, date)
  if (existing.length > 0) return existing
  await ctx.db.tx(async (q) => {
    const settings = await repo.findSettings(q, hall.id, 'share')
    const capacity = await repo.capacityOf(q, hall.id, categoryCode)
    if (!settings) return
    await repo.insertSlots(
      q,
      slotGrid(hall.open_time, hall.close_time, settings.slotMinutes).map((slot) => ({
        hallId: hall.id,
        categoryCode,
        date,
        start: slot.start,
        end: slot.end,
        startsAt: shanghaiInstant(date, slot.start),
        endsAt: shanghaiInstant(date, slot.end),
        capacity,
      })),
    )
  })
  return repo.slotsOfDay(ctx.db, hall.id, categoryCode, date)
}

export async function bookableCapacity(q: Queryable, hallId: string, categoryCode: string) {
  if ((await repo.capacityOf(q, hallId, categoryCode)) === 0) throw conflict('NOT_BOOKABLE', '该类事项暂未开放预约，请到大厅现场取号办理')
}

/** Why booking `date` is refused right now, or null when it is open. */
export function dayRefusal(now: Date, settings: AppointmentSettings, date: string): { code: string; message: string } | null {
  const today = shanghaiDate(now)
  if (!isWorkingDay(date, HOLIDAY_CALENDAR)) {
    const day = describeDay(date, HOLIDAY_CALENDAR)
    return {
      code: 'NOT_WORKING_DAY',
      message: day.holidayName ? `${chineseDate(date)}为${day.holidayName}假期，不能预约` : `${chineseDate(date)}为休息日，不能预约`,
    }
  }
  if (date <= today) return { code: 'BOOKING_CLOSED', message: '当天及以前的日期不能预约，请到大厅现场取号办理' }
  if (!horizonDays(now, settings).includes(date)) {
    return { code: 'BEYOND_HORIZON', message: `仅可预约未来${settings.horizonDays}个工作日` }
  }
  if (now >= bookingClosesAt(date, settings.bookingCloseTime)) {
    return { code: 'BOOKING_CLOSED', message: `${chineseDate(date)}的预约已于前一天${settings.bookingCloseTime}截止` }
  }
  return null
}

export const appointmentLink = (id: string) => pageLink('appointmentDetail', { id })

export const STATUS_REFUSALS: Record<Exclude<repo.AppointmentStatus, 'booked'>, string> = {
  cancelled: '该预约已取消',
  checked_in: '该预约已签到',
  no_show: '该预约已过签到时间，记为爽约',
}
