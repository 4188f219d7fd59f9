import { audit } from '../../core/audit'
import { badRequest, notFound } from '../../core/errors'
import { assertDateWithin } from '../../core/schemas'
import { notify } from '../../core/notify'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import { maskName } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import { addDays, describeDay, weekdayOf } from '../../../src/domain/working-days'
import { pageLink, subscribePage } from '../../../src/domain/page-routes'
import * as repo from './repository'
import { chineseDate, weekdayName, type AppointmentSettings } from './rules'
import { type Ctx, CLOSURE_HORIZON, DAY_LIST_HORIZON, assertDate, loadHallSettings } from './shared'
import { toAppointmentView } from './views'

/** Staff side: booking settings, closures, the day's bookings. */

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
    capacities: (await repo.listCapacities(ctx.db, hallId)).map((c) => ({
      categoryCode: c.category_code,
      categoryName: c.category_name,
      capacity: c.capacity,
    })),
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
    await audit(q, {
      actor: staffUserId,
      hallId,
      action: 'appointment.settings',
      target: { kind: 'hall', id: hallId },
      detail: { before, after: input },
      at: now,
    })
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
    const closure = await repo.insertClosure(q, {
      hallId,
      date: input.date,
      start: input.start,
      end: input.end,
      reason: input.reason.trim(),
      userId: staffUserId,
      at: now,
    })
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
    await audit(q, {
      actor: staffUserId,
      hallId,
      action: 'appointment.closure.add',
      target: { kind: 'closure', id: closure.id },
      detail: { ...input, cancelled: affected.length },
      at: now,
    })
    return { closure: toClosureView(closure), cancelled: affected.length }
  })
}

export async function removeClosure(ctx: Ctx, staffUserId: string, hallId: string, id: string) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    await loadHallSettings(q, hallId, 'update')
    const removed = await repo.deleteClosure(q, hallId, id)
    if (!removed) throw notFound('闭厅安排不存在')
    await audit(q, {
      actor: staffUserId,
      hallId,
      action: 'appointment.closure.remove',
      target: { kind: 'closure', id },
      detail: toClosureView(removed),
      at: now,
    })
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
