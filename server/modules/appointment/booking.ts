import crypto from 'node:crypto'
import { badRequest, conflict, forbidden, notFound } from '../../core/errors'
import { notify } from '../../core/notify'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import { minutesOfDay, shanghaiDate } from '../../../src/domain/time'
import { describeDay, weekdayOf } from '../../../src/domain/working-days'
import * as repo from './repository'
import * as noShows from './no-show-repository'
import { bookingClosesAt, cancelDeadline, chineseDate, minutesText, weekdayName } from './rules'
import {
  type Ctx,
  SLOT_FULL_MESSAGE,
  assertDate,
  loadHallSettings,
  loadItem,
  horizonDays,
  dayLabel,
  overlaps,
  ensureDaySlots,
  bookableCapacity,
  dayRefusal,
  appointmentLink,
  STATUS_REFUSALS,
} from './shared'
import { toAppointmentView, getMine } from './views'

/** Citizen booking: bookable days and slots, book, cancel. */

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

    const block = await noShows.activeBlock(q, userId, hall.id, shanghaiDate(now))
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
