import crypto from 'node:crypto'
import QRCode from 'qrcode'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, forbidden, notFound } from '../../core/errors'
import { assertDateWithin } from '../../core/schemas'
import { notify } from '../../core/notify'
import { maskName } from '../../../src/domain/mask'
import { minutesOfDay, shanghaiDate, shanghaiInstant, shanghaiTime } from '../../../src/domain/time'
import { addDays, describeDay, isWorkingDay, nextWorkingDays, weekdayOf, type DayInfo } from '../../../src/domain/working-days'
import { findHall, listMaterials, type HallRow } from '../catalog/repository'
import { verifyCheckinToken } from '../queue/checkin-token'
import { audit } from '../queue/repository'
import { LOCATION_LEAD_MINUTES, assertLocationInHall, type CheckinMethod, type ReportedLocation } from '../queue/checkin-proof'
import { issueTicket } from '../queue/service'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import * as repo from './repository'
import {
  bookingClosesAt,
  cancelDeadline,
  checkinWindow,
  DAY_BEFORE_REMINDER_TIME,
  chineseDate,
  minutesText,
  slotGrid,
  weekdayName,
  type AppointmentSettings,
} from './rules'
import { pageLink, subscribePage } from '../../../src/domain/page-routes'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'keys'>

export const SLOT_FULL_MESSAGE = '该时段已约满，请选择其他时段'

// ---------------------------------------------------------------- views

export function toAppointmentView(row: repo.AppointmentRow, now: Date) {
  const deadline = cancelDeadline(row.starts_at, { cancelCutoffMinutes: row.cancel_cutoff_minutes })
  const window = checkinWindow(row.starts_at, { checkinBeforeMinutes: row.checkin_before_minutes, checkinAfterMinutes: row.checkin_after_minutes })
  const booked = row.status === 'booked'
  return {
    id: row.id,
    status: row.status,
    // A cancelled or no-show booking has no code any more; a checked-in one keeps it as its reference.
    voucher: row.status === 'cancelled' || row.status === 'no_show' ? null : row.voucher,
    hall: { id: row.hall_id, name: row.hall_name, address: row.hall_address },
    item: { id: row.item_id, name: row.item_name },
    date: row.service_date,
    weekday: weekdayName(weekdayOf(row.service_date)),
    start: row.start_time,
    end: row.end_time,
    startsAt: row.starts_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    cancelReason: row.cancel_reason,
    cancelDeadline: deadline.toISOString(),
    canCancel: booked && now <= deadline,
    checkinOpensAt: window.opensAt.toISOString(),
    checkinClosesAt: window.closesAt.toISOString(),
    canCheckIn: booked && now >= window.opensAt && now <= window.closesAt,
    ticket: row.ticket_id && row.ticket_number ? { id: row.ticket_id, number: row.ticket_number } : null,
  }
}

export type AppointmentView = ReturnType<typeof toAppointmentView>

const FORM_LABELS = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子件' } as const

/**
 * The booking with its QR voucher (shown at the hall) and the materials to bring (the item's published list).
 * The QR exists only while the booking can be checked in; the materials only while it stands (booked or
 * checked in): a cancelled or no-show booking has no code to scan and nothing to bring.
 */
async function toAppointmentDetail(ctx: Ctx, row: repo.AppointmentRow) {
  const view = toAppointmentView(row, ctx.clock.now())
  const standing = row.status === 'booked' || row.status === 'checked_in'
  const materials = standing ? await listMaterials(ctx.db, row.item_id) : []
  return {
    ...view,
    qrDataUrl: view.status === 'booked' ? await QRCode.toDataURL(`ONETRIP-APPT:${view.voucher}`, { errorCorrectionLevel: 'M', margin: 1, width: 280 }) : null,
    materials: materials.map((m) => ({
      name: m.name,
      necessity: m.necessity,
      formLabel: FORM_LABELS[m.form],
      copies: m.copies,
      // Materials the hall obtains through data sharing need not be brought (国务院关于在线政务服务的若干规定 6–7).
      bring: m.source !== 'shared',
      note: m.source_note ?? m.notes,
    })),
  }
}

// ---------------------------------------------------------------- shared lookups

/** Closures are planned up to a year ahead; a day list reaches three years back (records) and a year ahead. */
const CLOSURE_HORIZON = { pastDays: 0, futureDays: 366 }
const DAY_LIST_HORIZON = { pastDays: 3 * 366, futureDays: 366 }

/** The pattern lets 2026-02-30 through; the calendar does not. */
function assertDate(date: string) {
  try {
    weekdayOf(date)
  } catch {
    throw badRequest('INVALID_DATE', '日期不正确')
  }
}

async function loadHallSettings(q: Queryable, hallId: string, lock: 'share' | 'update' | null = null) {
  const hall = await findHall(q, hallId)
  const settings = hall ? await repo.findSettings(q, hallId, lock) : null
  if (!hall || !settings) throw notFound('服务中心不存在或未开放预约')
  return { hall, settings }
}

async function loadItem(q: Queryable, hallId: string, itemId: string) {
  const item = await repo.findItemAtHall(q, hallId, itemId)
  if (!item) throw notFound('该服务中心不办理此事项')
  return item
}

/** The days a booking can be made for right now: the next N working days (§4), each closing the day before. */
const horizonDays = (now: Date, settings: AppointmentSettings) => nextWorkingDays(shanghaiDate(now), settings.horizonDays, HOLIDAY_CALENDAR)

const dayLabel = (day: DayInfo) => (day.kind === 'makeup' ? '调休上班' : null)

const overlaps = (closure: repo.ClosureRow, slot: { start_time: string; end_time: string }) =>
  closure.start_time < slot.end_time && closure.end_time > slot.start_time

/** The slots of a day for a category, written from the current settings the first time the day is shown. */
async function ensureDaySlots(ctx: Ctx, hall: HallRow, categoryCode: string, date: string): Promise<repo.SlotRow[]> {
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

async function bookableCapacity(q: Queryable, hallId: string, categoryCode: string) {
  if ((await repo.capacityOf(q, hallId, categoryCode)) === 0) throw conflict('NOT_BOOKABLE', '该类事项暂未开放预约，请到大厅现场取号办理')
}

// ---------------------------------------------------------------- citizen: days and slots

export async function listBookableDays(ctx: Ctx, hallId: string, itemId: string) {
  const now = ctx.clock.now()
  const { hall, settings } = await loadHallSettings(ctx.db, hallId)
  const item = await loadItem(ctx.db, hallId, itemId)
  await bookableCapacity(ctx.db, hallId, item.queue_category)
  const dates = horizonDays(now, settings)
  const closures = dates.length ? await repo.closuresBetween(ctx.db, hallId, dates[0], dates[dates.length - 1]) : []
  const days = []
  for (const date of dates) {
    const slots = (await ensureDaySlots(ctx, hall, item.queue_category, date)).filter((s) => !closures.some((c) => c.service_date === date && overlaps(c, s)))
    const remaining = slots.reduce((sum, s) => sum + Math.max(s.capacity - s.booked, 0), 0)
    const closed = now >= bookingClosesAt(date, settings.bookingCloseTime)
    days.push({
      date,
      weekday: weekdayName(weekdayOf(date)),
      label: dayLabel(describeDay(date, HOLIDAY_CALENDAR)),
      remaining,
      status: closed ? ('closed' as const) : slots.length === 0 ? ('suspended' as const) : remaining === 0 ? ('full' as const) : ('open' as const),
    })
  }
  return {
    hall: { id: hall.id, name: hall.name, openTime: hall.open_time, closeTime: hall.close_time },
    item: { id: item.id, name: item.name },
    rules: {
      horizonDays: settings.horizonDays,
      slotMinutes: settings.slotMinutes,
      bookingCloseTime: settings.bookingCloseTime,
      cancelCutoffMinutes: settings.cancelCutoffMinutes,
      checkinBeforeMinutes: settings.checkinBeforeMinutes,
      checkinAfterMinutes: settings.checkinAfterMinutes,
      noShowLimit: settings.noShowLimit,
      noShowWindowDays: settings.noShowWindowDays,
      blockDays: settings.blockDays,
    },
    days,
  }
}

/** Why booking `date` is refused right now, or null when it is open. */
function dayRefusal(now: Date, settings: AppointmentSettings, date: string): { code: string; message: string } | null {
  const today = shanghaiDate(now)
  if (!isWorkingDay(date, HOLIDAY_CALENDAR)) {
    const day = describeDay(date, HOLIDAY_CALENDAR)
    return { code: 'NOT_WORKING_DAY', message: day.holidayName ? `${chineseDate(date)}为${day.holidayName}假期，不能预约` : `${chineseDate(date)}为休息日，不能预约` }
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

export async function listDaySlots(ctx: Ctx, hallId: string, itemId: string, date: string) {
  assertDate(date)
  const now = ctx.clock.now()
  const { hall, settings } = await loadHallSettings(ctx.db, hallId)
  const item = await loadItem(ctx.db, hallId, itemId)
  await bookableCapacity(ctx.db, hallId, item.queue_category)
  const refusal = dayRefusal(now, settings, date)
  // Only days of the horizon are shown (slots are written on first view); the first may already be closed.
  if (refusal && !horizonDays(now, settings).includes(date)) throw badRequest(refusal.code, refusal.message)
  const closures = await repo.closuresBetween(ctx.db, hallId, date, date)
  const slots = (await ensureDaySlots(ctx, hall, item.queue_category, date)).filter((s) => !closures.some((c) => overlaps(c, s)))
  return {
    date,
    bookable: refusal === null,
    notice: refusal?.message ?? (closures.length ? closures.map((c) => `${c.start_time}–${c.end_time} 暂停预约（${c.reason}）`).join('；') : null),
    slots: slots.map((s) => ({ id: s.id, start: s.start_time, end: s.end_time, capacity: s.capacity, remaining: Math.max(s.capacity - s.booked, 0) })),
  }
}

// ---------------------------------------------------------------- citizen: book, list, cancel

const VOUCHER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const newVoucher = () => Array.from(crypto.randomBytes(8), (byte) => VOUCHER_ALPHABET[byte & 31]).join('')

const UNIQUE_REFUSALS: Record<string, () => Error> = {
  appointments_one_per_day_idx: () => conflict('ONE_PER_DAY', '您当天已有预约，每人每天限预约一次'),
  appointments_one_per_item_idx: () => conflict('ONE_PER_ITEM', '该事项已有待办理的预约，请先办理或取消后再约'),
}

export async function book(ctx: Ctx, userId: string, input: { slotId: string; itemId: string }) {
  const now = ctx.clock.now()
  const found = await repo.findSlot(ctx.db, input.slotId)
  if (!found) throw notFound('该时段不存在或已调整，请重新选择')
  // A full slot is refused before any transaction: under a rush that is nearly every request.
  if (found.booked >= found.capacity) throw conflict('SLOT_FULL', SLOT_FULL_MESSAGE)
  const id = await ctx.db.tx(async (q) => {
    const { hall, settings } = await loadHallSettings(q, found.hall_id, 'share')
    // Re-read after the settings lock: a settings change may have rebuilt the day meanwhile.
    const slot = await repo.findSlot(q, input.slotId)
    if (!slot) throw conflict('SLOT_CHANGED', '该日的预约时段已调整，请重新选择')
    const item = await loadItem(q, hall.id, input.itemId)
    if (item.queue_category !== slot.category_code) throw badRequest('SLOT_NOT_FOR_ITEM', '所选时段不适用于该事项，请重新选择')

    const refusal = dayRefusal(now, settings, slot.service_date)
    if (refusal) throw conflict(refusal.code, refusal.message)
    if (minutesOfDay(slot.start_time) < minutesOfDay(hall.open_time) || minutesOfDay(slot.end_time) > minutesOfDay(hall.close_time)) {
      throw conflict('OUTSIDE_OPENING_HOURS', `该时段不在办公时间（${hall.open_time}–${hall.close_time}）内，请重新选择`)
    }
    const closure = (await repo.closuresBetween(q, hall.id, slot.service_date, slot.service_date)).find((c) => overlaps(c, slot))
    if (closure) throw conflict('HALL_CLOSED', `该时段暂停预约（${closure.reason}），请选择其他时段`)

    const block = await repo.activeBlock(q, userId, hall.id, shanghaiDate(now))
    if (block) {
      throw forbidden(
        `您近${settings.noShowWindowDays}天内在本中心爽约${block.no_shows}次，预约已暂停至${chineseDate(block.blocked_until)}；期间仍可到大厅现场取号办理`,
      )
    }
    const colliding = await repo.collidingBookings(q, userId, slot.service_date, item.id)
    if (colliding.some((c) => c.service_date === slot.service_date)) throw UNIQUE_REFUSALS.appointments_one_per_day_idx()
    if (colliding.length > 0) throw UNIQUE_REFUSALS.appointments_one_per_item_idx()

    if (!(await repo.takePlace(q, slot.id))) throw conflict('SLOT_FULL', SLOT_FULL_MESSAGE)
    let created: string
    try {
      created = await repo.insertAppointment(q, { userId, slot, itemId: item.id, voucher: newVoucher(), at: now })
    } catch (error) {
      // Two submissions racing past the checks above: the partial unique indexes decide.
      const refusal = UNIQUE_REFUSALS[(error as { constraint?: string }).constraint ?? '']
      throw refusal ? refusal() : error
    }
    await notify(q, now, {
      userId,
      dedupeKey: `appointment:${created}:booked`,
      kind: 'appointment_booked',
      title: '预约成功',
      body: `${hall.name} ${chineseDate(slot.service_date)} ${slot.start_time}–${slot.end_time}，${item.name}。请在时段开始前${settings.checkinBeforeMinutes}分钟至开始后${settings.checkinAfterMinutes}分钟内签到。`,
      link: appointmentLink(created),
    })
    return created
  })
  return toAppointmentView((await repo.findAppointment(ctx.db, { id }))!, now)
}

const appointmentLink = (id: string) => pageLink('appointmentDetail', { id })

export async function listMine(ctx: Ctx, userId: string) {
  const now = ctx.clock.now()
  return (await repo.listUserAppointments(ctx.db, userId)).map((row) => toAppointmentView(row, now))
}

export async function getMine(ctx: Ctx, userId: string, id: string) {
  const row = await repo.findAppointment(ctx.db, { id, userId })
  if (!row) throw notFound('预约不存在')
  return toAppointmentDetail(ctx, row)
}

const STATUS_REFUSALS: Record<Exclude<repo.AppointmentStatus, 'booked'>, string> = {
  cancelled: '该预约已取消',
  checked_in: '该预约已签到',
  no_show: '该预约已过签到时间，记为爽约',
}

export async function cancel(ctx: Ctx, userId: string, id: string) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    const row = await repo.findAppointment(q, { id, userId }, true)
    if (!row) throw notFound('预约不存在')
    if (row.status !== 'booked') throw conflict('NOT_CANCELLABLE', STATUS_REFUSALS[row.status])
    if (now > cancelDeadline(row.starts_at, { cancelCutoffMinutes: row.cancel_cutoff_minutes })) {
      throw conflict('CANCEL_CUTOFF', `预约开始前${minutesText(row.cancel_cutoff_minutes)}内不能取消；如无法到场，将记为爽约`)
    }
    await repo.markCancelled(q, id, 'citizen', now)
    await repo.releasePlace(q, row.slot_id)
    // The message list must not end on 预约成功: the cancellation is recorded there too.
    await notify(q, now, {
      userId,
      dedupeKey: `appointment:${id}:cancelled`,
      kind: 'appointment_cancelled',
      title: '预约已取消',
      body: `您已取消${row.hall_name} ${chineseDate(row.service_date)} ${row.start_time}–${row.end_time} 的「${row.item_name}」预约，预约码已失效。`,
      link: appointmentLink(id),
    })
  })
  return getMine(ctx, userId, id)
}

// ---------------------------------------------------------------- check-in

export type CheckinProof = { hallToken: string } | { location: ReportedLocation }

/** Refuses a check-in outside the booking's state or window (§4: 15 min before to 30 min after the slot start). */
function assertCheckable(row: repo.AppointmentRow, now: Date) {
  if (row.status !== 'booked') throw conflict('NOT_CHECKABLE', STATUS_REFUSALS[row.status])
  const window = checkinWindow(row.starts_at, { checkinBeforeMinutes: row.checkin_before_minutes, checkinAfterMinutes: row.checkin_after_minutes })
  if (now < window.opensAt) {
    throw conflict('CHECKIN_TOO_EARLY', `请于${chineseDate(shanghaiDate(window.opensAt))} ${shanghaiTime(window.opensAt)}后签到（时段开始前${row.checkin_before_minutes}分钟起）`)
  }
  if (now > window.closesAt) {
    throw conflict('CHECKIN_TOO_LATE', `已超过签到时间（时段开始后${row.checkin_after_minutes}分钟），请到大厅现场取号办理`)
  }
}

/** Converts a checkable booking into a priority queue ticket (§3, §4) in the caller's transaction: one booking, one ticket. */
async function convertToTicket(ctx: Ctx, q: Queryable, row: repo.AppointmentRow, method: CheckinMethod) {
  const now = ctx.clock.now()
  assertCheckable(row, now)
  const ticket = await issueTicket(q, ctx, {
    userId: row.user_id,
    hallId: row.hall_id,
    categoryCode: row.category_code,
    source: 'appointment',
    appointmentId: row.id,
    checkedIn: true,
    checkinMethod: method,
    priority: 'appointment',
  })
  await repo.markCheckedIn(q, row.id, { at: now, method, ticketId: ticket.id })
}

/**
 * The citizen checks in with the hall's rotating QR token or, on WeChat, with a location the phone
 * reports inside the hall's geofence — client-asserted, so only from LOCATION_LEAD_MINUTES before the
 * slot start (queue/checkin-proof.ts). The method is recorded on the booking and its ticket.
 */
export async function checkIn(ctx: Ctx, userId: string, id: string, proof: CheckinProof) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    const row = await repo.findAppointment(q, { id, userId }, true)
    if (!row) throw notFound('预约不存在')
    // A repeated tap after success answers with the ticket it already became.
    if (row.status === 'checked_in') return
    assertCheckable(row, now)
    const hall = (await findHall(q, row.hall_id))!
    if ('hallToken' in proof) {
      if (!verifyCheckinToken(ctx.keys, hall.id, proof.hallToken, now)) {
        throw badRequest('CHECKIN_CODE_INVALID', `签到码无效或已过期，请扫描${hall.short_name}大厅内的签到二维码`)
      }
    } else {
      assertLocationInHall(proof.location, hall)
      const opensAt = new Date(row.starts_at.getTime() - LOCATION_LEAD_MINUTES * 60_000)
      if (now < opensAt) {
        throw conflict(
          'LOCATION_CHECKIN_TOO_EARLY',
          `定位签到请于 ${shanghaiTime(opensAt)} 后进行（时段开始前${LOCATION_LEAD_MINUTES}分钟起）；已到达大厅的，请扫描大厅内的签到二维码签到`,
        )
      }
    }
    await convertToTicket(ctx, q, row, 'hallToken' in proof ? 'qr' : 'location')
  })
  return getMine(ctx, userId, id)
}

// ---------------------------------------------------------------- jobs

/** §4: a booking not checked in by the end of its window is a no-show; too many within the window days block booking. */
export async function markNoShows(ctx: Ctx, batch = 200): Promise<number> {
  const now = ctx.clock.now()
  let marked = 0
  for (const id of await repo.overdueBookingIds(ctx.db, now, batch)) {
    await ctx.db.tx(async (q) => {
      const changed = await repo.markNoShow(q, id, now)
      if (!changed) return
      marked++
      const row = (await repo.findAppointment(q, { id }))!
      const settings = (await repo.findSettings(q, row.hall_id))!
      const today = shanghaiDate(now)
      const count = await repo.countNoShows(q, row.user_id, row.hall_id, new Date(now.getTime() - settings.noShowWindowDays * 86_400_000))
      const what = `${chineseDate(row.service_date)} ${row.start_time} 的「${row.item_name}」预约未按时签到，已记爽约一次`
      if (count >= settings.noShowLimit && !(await repo.activeBlock(q, row.user_id, row.hall_id, today))) {
        const until = addDays(today, settings.blockDays - 1)
        await repo.insertBlock(q, { userId: row.user_id, hallId: row.hall_id, until, noShows: count, at: now })
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `appointment:${id}:no_show`,
          kind: 'appointment_blocked',
          title: '预约功能已暂停',
          body: `${what}。您近${settings.noShowWindowDays}天内在${row.hall_name}爽约${count}次，预约已暂停至${chineseDate(until)}；期间仍可到大厅现场取号办理。`,
          link: pageLink('appointmentMine'),
        })
      } else {
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `appointment:${id}:no_show`,
          kind: 'appointment_no_show',
          title: '预约爽约提醒',
          body: `${what}。${settings.noShowWindowDays}天内爽约${settings.noShowLimit}次将暂停预约${settings.blockDays}天。`,
          link: pageLink('appointmentMine'),
        })
      }
    })
  }
  return marked
}

/** §4 and the issue: a reminder the day before (from 18:00) and one hour before, each sent once (stamp + dedupe key). */
export async function sendReminders(ctx: Ctx, batch = 200): Promise<number> {
  const now = ctx.clock.now()
  let sent = 0
  const dues: Parameters<typeof repo.claimReminders>[1][] = [{ kind: 'hour_before' }]
  if (shanghaiTime(now) >= DAY_BEFORE_REMINDER_TIME) dues.push({ kind: 'day_before', tomorrow: addDays(shanghaiDate(now), 1) })
  for (const due of dues) {
    await ctx.db.tx(async (q) => {
      for (const row of await repo.claimReminders(q, due, now, batch)) {
        const when = due.kind === 'day_before' ? '明天' : '1小时后'
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `appointment:${row.id}:remind:${due.kind}`,
          kind: 'appointment_reminder',
          title: `预约提醒：${when}办理`,
          body: `${row.hall_name} ${chineseDate(row.service_date)} ${row.start_time}–${row.end_time}，${row.item_name}。请在${shanghaiTime(checkinWindow(row.starts_at, { checkinBeforeMinutes: row.checkin_before_minutes, checkinAfterMinutes: 0 }).opensAt)}后到大厅签到，带齐材料。`,
          link: appointmentLink(row.id),
          wechat: {
            templateKind: 'appointment_reminder',
            page: subscribePage(appointmentLink(row.id)),
            data: {
              thing1: { value: row.item_name.slice(0, 20) },
              time2: { value: `${row.service_date} ${row.start_time}` },
              thing3: { value: row.hall_name.slice(0, 20) },
            },
          },
        })
        sent++
      }
    })
  }
  return sent
}

// ---------------------------------------------------------------- staff

/** Dates from today within `days` whose year the holiday calendar does not cover: staff must mark those holidays. */
function calendarWarnings(today: string, days: number): string[] {
  const years = new Set<number>()
  for (let i = 0; i <= days; i++) {
    const date = addDays(today, i)
    if (!describeDay(date, HOLIDAY_CALENDAR).calendarKnown) years.add(Number(date.slice(0, 4)))
  }
  return [...years].map((year) => `${year}年的法定节假日安排尚未收录，该年按周一至周五计算；国务院通知公布后，请为节假日添加闭厅安排`)
}

export async function staffSettings(ctx: Ctx, hallId: string) {
  const today = shanghaiDate(ctx.clock.now())
  const { hall, settings } = await loadHallSettings(ctx.db, hallId)
  return {
    hall: { id: hall.id, name: hall.name, openTime: hall.open_time, closeTime: hall.close_time },
    settings,
    capacities: (await repo.listCapacities(ctx.db, hallId)).map((c) => ({ categoryCode: c.category_code, categoryName: c.category_name, capacity: c.capacity })),
    closures: (await repo.closuresFrom(ctx.db, hallId, today)).map(toClosureView),
    calendarWarnings: calendarWarnings(today, 60),
  }
}

const toClosureView = (c: repo.ClosureRow) => ({ id: c.id, date: c.service_date, start: c.start_time, end: c.end_time, reason: c.reason })

/**
 * Saves settings and capacities. Existing bookings always stand: a slot keeps at least the places it has
 * booked, and a day (per category) with bookings keeps its slot times when the slot length changes.
 */
export async function updateSettings(
  ctx: Ctx,
  staffUserId: string,
  hallId: string,
  input: AppointmentSettings & { capacities: { categoryCode: string; capacity: number }[] },
) {
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const outcome = await ctx.db.tx(async (q) => {
    const { settings: before } = await loadHallSettings(q, hallId, 'update')
    const categories = new Set((await repo.listCapacities(q, hallId)).map((c) => c.category_code))
    for (const c of input.capacities) {
      if (!categories.has(c.categoryCode)) throw badRequest('UNKNOWN_CATEGORY', `该服务中心没有类别 ${c.categoryCode}`)
    }
    const { capacities, ...settings } = input
    await repo.upsertSettings(q, hallId, settings, { userId: staffUserId, at: now })
    for (const c of capacities) await repo.upsertCapacity(q, hallId, c.categoryCode, c.capacity)
    const keptSlots = await repo.applyCapacities(q, hallId, now)
    const keptDays = before.slotMinutes !== settings.slotMinutes ? await repo.rebuildEmptyDays(q, hallId, today) : []
    await audit(q, { actorUserId: staffUserId, hallId, action: 'appointment.settings', target: hallId, detail: { before, after: input }, at: now })
    return { keptSlots, keptDays }
  })
  const notices: string[] = []
  if (outcome.keptSlots > 0) notices.push(`${outcome.keptSlots}个时段的已约人数超过新容量，已保留现有预约，不再接受新预约`)
  if (outcome.keptDays.length > 0) {
    const days = [...new Set(outcome.keptDays.map((d) => chineseDate(d.date)))].join('、')
    notices.push(`${days}已有预约，这些日期保持原时段划分；新时段长度自其他日期生效`)
  }
  return { ...(await staffSettings(ctx, hallId)), notices }
}

/**
 * An extra closure (a training afternoon). Bookings inside it are cancelled and each citizen is told
 * in-app and by subscribe message, in the same transaction: no booking disappears silently.
 */
export async function addClosure(ctx: Ctx, staffUserId: string, hallId: string, input: { date: string; start: string; end: string; reason: string }) {
  assertDate(input.date)
  const now = ctx.clock.now()
  if (input.end <= input.start) throw badRequest('INVALID_CLOSURE', '结束时间须晚于开始时间')
  if (input.date < shanghaiDate(now)) throw badRequest('INVALID_CLOSURE', '不能为已过去的日期添加闭厅安排')
  assertDateWithin(input.date, shanghaiDate(now), CLOSURE_HORIZON, '闭厅日期')
  return ctx.db.tx(async (q) => {
    await loadHallSettings(q, hallId, 'update')
    const closure = await repo.insertClosure(q, { hallId, date: input.date, start: input.start, end: input.end, reason: input.reason.trim(), userId: staffUserId, at: now })
    const affected = await repo.bookingsOverlapping(q, hallId, input.date, input.start, input.end)
    for (const row of affected) {
      await repo.markCancelled(q, row.id, 'hall_closure', now)
      await repo.releasePlace(q, row.slot_id)
      await notify(q, now, {
        userId: row.user_id,
        dedupeKey: `appointment:${row.id}:closure`,
        kind: 'appointment_cancelled',
        title: '预约已取消：服务中心临时调整',
        body: `因${closure.reason}，${row.hall_name} ${chineseDate(row.service_date)} ${closure.start_time}–${closure.end_time} 暂停办理，您 ${row.start_time}–${row.end_time} 的「${row.item_name}」预约已取消，不计爽约。请重新预约其他时段，或到大厅现场取号办理。`,
        link: pageLink('appointmentMine'),
        wechat: {
          templateKind: 'appointment_reminder',
          page: subscribePage(pageLink('appointmentMine')),
          data: {
            thing1: { value: row.item_name.slice(0, 20) },
            time2: { value: `${row.service_date} ${row.start_time}` },
            thing3: { value: '预约已取消，请重新预约' },
          },
        },
      })
    }
    await audit(q, { actorUserId: staffUserId, hallId, action: 'appointment.closure.add', target: closure.id, detail: { ...input, cancelled: affected.length }, at: now })
    return { closure: toClosureView(closure), cancelled: affected.length }
  })
}

export async function removeClosure(ctx: Ctx, staffUserId: string, hallId: string, id: string) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    await loadHallSettings(q, hallId, 'update')
    const removed = await repo.deleteClosure(q, hallId, id)
    if (!removed) throw notFound('闭厅安排不存在')
    await audit(q, { actorUserId: staffUserId, hallId, action: 'appointment.closure.remove', target: id, detail: toClosureView(removed), at: now })
  })
  return { ok: true as const }
}

/** The staff day list: bookings per category and slot with masked names, and the day's calendar facts. */
export async function staffDay(ctx: Ctx, hallId: string, requested: string | undefined) {
  const now = ctx.clock.now()
  const date = requested ?? shanghaiDate(now)
  assertDate(date)
  assertDateWithin(date, shanghaiDate(now), DAY_LIST_HORIZON)
  const { hall } = await loadHallSettings(ctx.db, hallId)
  const day = describeDay(date, HOLIDAY_CALENDAR)
  const capacities = await repo.listCapacities(ctx.db, hallId)
  const slots = await repo.slotsOfHallDay(ctx.db, hallId, date)
  const bookings = await repo.listDayAppointments(ctx.db, hallId, date)
  const { cipher } = ctx.keys
  const bookingView = (b: repo.DayBookingRow) => ({
    ...toAppointmentView(b, now),
    nameMasked: b.real_name_enc ? maskName(cipher.decrypt(b.real_name_enc)) : '未实名',
  })
  const categories = capacities
    .map((c) => ({
      code: c.category_code,
      name: c.category_name,
      slots: slots
        .filter((s) => s.category_code === c.category_code)
        .map((s) => ({
          id: s.id,
          start: s.start_time,
          end: s.end_time,
          capacity: s.capacity,
          booked: s.booked,
          bookings: bookings.filter((b) => b.slot_id === s.id).map(bookingView),
        })),
    }))
    .filter((c) => c.slots.length > 0)
  const count = (status: repo.AppointmentStatus) => bookings.filter((b) => b.status === status).length
  return {
    hall: { id: hall.id, name: hall.name },
    date,
    weekday: weekdayName(weekdayOf(date)),
    working: day.working,
    calendarKnown: day.calendarKnown,
    holidayName: day.holidayName,
    closures: (await repo.closuresBetween(ctx.db, hallId, date, date)).map(toClosureView),
    totals: { booked: count('booked'), checkedIn: count('checked_in'), noShow: count('no_show'), cancelled: count('cancelled') },
    categories,
    // Bookings whose slot was rebuilt or that were cancelled by a closure still show, outside the slot grid.
    others: bookings.filter((b) => !slots.some((s) => s.id === b.slot_id)).map(bookingView),
  }
}

/** At the desk: staff scan the citizen's voucher QR and check the booking in for them. */
export async function staffCheckIn(ctx: Ctx, staffUserId: string, hallId: string, voucher: string) {
  const now = ctx.clock.now()
  const id = await ctx.db.tx(async (q) => {
    const row = await repo.findAppointment(q, { voucher, hallId }, true)
    if (!row) throw notFound('未找到该预约，请核对预约码')
    await convertToTicket(ctx, q, row, 'window')
    await audit(q, { actorUserId: staffUserId, hallId, action: 'appointment.checkin', target: row.id, detail: { voucher }, at: now })
    return row.id
  })
  const row = (await repo.findAppointment(ctx.db, { id }))!
  return toAppointmentView(row, now)
}
