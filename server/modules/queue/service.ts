import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { conflict, notFound, unprocessable } from '../../core/errors'
import { notify } from '../../core/notify'
import { ageOn } from '../../../src/domain/id-card'
import { TICKET_STATUS_LABELS } from '../../../src/domain/queue'
import type { TicketView } from './schemas'
import { shanghaiDate, shanghaiTime } from '../../../src/domain/time'
import { addDays } from '../../../src/domain/working-days'
import { verifyCheckinToken } from './checkin-token'
import * as repo from './repository'
import { LOCATION_LEAD_MINUTES, LOCATION_MAX_AHEAD, assertLocationInHall, type CheckinMethod, type ReportedLocation } from './checkin-proof'
import { NEAR_AHEAD, checkinDeadline, estimateWait, rollingAverageMinutes, takingClosedReason } from './rules'
import { pageLink, subscribePage } from '../../../src/domain/page-routes'

/** Hall check-in proofs, shared with appointments (a booking is checked in with the same QR token or location). */
export { verifyCheckinToken, LOCATION_LEAD_MINUTES, assertLocationInHall, type CheckinMethod, type ReportedLocation }

/** The series of appointment tickets in every hall (docs/domain-rules.md §3 suggests Y for appointment holders). */
export const APPOINTMENT_SERIES = 'Y'

export interface IssueTicketInput {
  userId: string
  hallId: string
  /** The category's code in that hall ('A'…), as service items name it (service_items.queue_category). */
  categoryCode: string
  source: 'remote' | 'appointment'
  appointmentId?: string
  checkedIn: boolean
  /** How a ticket issued checked in was checked in (a booking's check-in: its method). */
  checkinMethod?: CheckinMethod
  priority: 'appointment' | null
}

/**
 * Issues a queue ticket inside the caller's transaction — the one way tickets come into being, used
 * by the take-number route (source 'remote') and by the appointments module when a booking is checked
 * in (source 'appointment'). Contract for other modules; keep the signature stable.
 *
 * Numbering (§3): letter + 3 digits, reset per hall, series and Shanghai day. Remote tickets use the
 * category's letter (A023); appointment tickets use the hall-wide series Y (Y004) so the hall screen
 * tells them apart. The counter row is incremented in this transaction and stays locked until it
 * commits: no duplicates, no gaps; unique (hall, day, number) is the backstop.
 *
 * Rules by source:
 * - remote: working day, opening hours and the cut-off before closing; the per-person daily cap; the
 *   category's daily quota; one active ticket per person, category and day (a second take is refused).
 * - appointment: none of the hours, cut-off, cap or quota rules — the appointment already reserved a
 *   slot within the hall's capacity, and a holder checking in within the window around the slot
 *   start must get a ticket even when that is after the remote cut-off or when remote numbers have
 *   run out. It still counts toward the person's cap for later remote takes. A remote ticket of the
 *   same category still waiting is replaced (cancelled) by the priority ticket; one already at a window
 *   is refused. Converting the same appointmentId again returns the ticket it already became.
 *
 * Elderly citizens (age ≥ the hall's elderly_priority_age, 老年人权益保障法 53) get an elderly
 * priority ticket when `priority` is null.
 */
export async function issueTicket(q: Queryable, ctx: Pick<AppContext, 'clock'>, input: IssueTicketInput): Promise<{ id: string; number: string }> {
  if (input.checkedIn && !input.checkinMethod) throw new Error('issueTicket: a ticket issued checked in needs its check-in method')
  const now = ctx.clock.now()
  const day = shanghaiDate(now)
  const category = await repo.findCategory(q, `${input.hallId}-${input.categoryCode}`)
  if (!category || category.hall_id !== input.hallId) throw notFound('该服务中心没有这个业务类别')
  const remote = input.source === 'remote'
  if (remote) {
    const closed = takingClosedReason(category, now)
    if (closed) throw conflict('TAKING_CLOSED', closed)
  }

  const birthDate = input.priority ? null : await repo.birthDateOf(q, input.userId)
  const elderly = birthDate !== null && ageOn(birthDate, day) >= category.elderly_priority_age

  await repo.lockPersonDay(q, input.userId, category.category_id, day)
  if (input.appointmentId) {
    const converted = await repo.findByAppointment(q, input.appointmentId)
    if (converted) return { id: converted.id, number: converted.number }
  }
  const active = await repo.findActiveTicket(q, input.userId, category.category_id, day)
  if (active && (remote || active.status === 'called' || active.status === 'serving')) {
    throw conflict('TICKET_ACTIVE', `您今日已有「${category.category_name}」的排队号 ${active.number}，请勿重复取号`)
  }
  if (active) await replaceWithAppointment(q, active, now)
  if (!(await repo.countPersonTicket(q, input.userId, category.category_id, day, remote ? category.per_person_daily_cap : null))) {
    throw conflict('DAILY_CAP_REACHED', `您今日在「${category.category_name}」已取号 ${category.per_person_daily_cap} 次，已达每人每日上限`)
  }

  // The counter row stays locked until commit: everything before this line runs outside that lock.
  const series = remote ? category.code : APPOINTMENT_SERIES
  const sequence = await repo.nextNumber(q, input.hallId, series, day, remote ? category.daily_quota : 999)
  if (sequence === null) throw conflict('QUOTA_EXHAUSTED', `今日「${category.category_name}」号源已取完，请明天再来或预约办理`)
  const number = series + String(sequence).padStart(3, '0')

  const id = await repo.insertTicket(q, {
    hallId: input.hallId,
    categoryId: category.category_id,
    day,
    number,
    userId: input.userId,
    source: input.source,
    appointmentId: input.appointmentId ?? null,
    priority: input.priority ?? (elderly ? 'elderly' : null),
    checkedIn: input.checkedIn,
    checkinMethod: input.checkedIn ? input.checkinMethod! : null,
    issuedAt: now,
    checkinDeadline: input.checkedIn ? null : checkinDeadline(category, now),
  })
  await repo.publish(q, { hallId: input.hallId, ticketIds: active ? [id, active.id] : [id] })
  return { id, number }
}

async function replaceWithAppointment(q: Queryable, ticket: repo.TicketRow, now: Date) {
  await q.query(`update queue_tickets set status = 'cancelled', ended_at = $2 where id = $1`, [ticket.id, now])
}

const iso = (date: Date | null) => (date ? date.toISOString() : null)

/** Wait estimate (§3) for a place in a category's line. */
async function estimateAt(q: Queryable, place: repo.LinePlace, configuredMinutes: number) {
  const stats = await repo.lineStats(q, place)
  return { ahead: stats.ahead, estimatedWaitMinutes: estimateWait(stats.ahead, rollingAverageMinutes(stats, configuredMinutes), stats.openWindows) }
}

async function ticketView(q: Queryable, t: repo.TicketContextRow): Promise<TicketView> {
  const inLine = t.status === 'waiting' || t.status === 'waiting_checkin'
  const place = inLine
    ? await estimateAt(
        q,
        {
          categoryId: t.category_id,
          hallId: t.hall_id,
          code: t.code,
          day: t.service_date,
          ticketId: t.id,
          priority: t.priority !== null,
          queuedAt: t.queued_at,
          number: t.number,
        },
        t.avg_handle_minutes,
      )
    : { ahead: null, estimatedWaitMinutes: null }
  const atWindow = (t.status === 'called' || t.status === 'serving') && t.window_number !== null
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    source: t.source,
    priority: t.priority,
    serviceDate: t.service_date,
    hall: { id: t.hall_id, name: t.hall_name, address: t.address, location: { lat: t.lat, lng: t.lng, geofenceMeters: t.geofence_meters } },
    category: { id: t.category_id, code: t.code, name: t.category_name },
    issuedAt: t.issued_at.toISOString(),
    checkinDeadline: iso(t.checkin_deadline),
    checkedInAt: iso(t.checked_in_at),
    ...place,
    window: atWindow ? { number: t.window_number!, name: t.window_name! } : null,
    calledAt: iso(t.called_at),
    recalls: t.recalls,
    misses: t.misses,
  }
}

/** The caller's own ticket; anyone else's is "not found" so its existence does not leak. */
async function ownTicket(q: Queryable, userId: string, ticketId: string) {
  const ticket = await repo.findTicket(q, ticketId, { forUpdate: true })
  if (!ticket || ticket.user_id !== userId) throw notFound('排队号不存在')
  return ticket
}

export async function loadTicket(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string, ticketId: string) {
  const ticket = await repo.findTicketWithContext(ctx.db, ticketId)
  if (!ticket || ticket.user_id !== userId) throw notFound('排队号不存在')
  return ticketView(ctx.db, ticket)
}

/** The user's tickets of today and the past week, newest first (我的排号). */
export async function listMyTickets(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string) {
  const now = ctx.clock.now()
  const rows = await repo.listUserTickets(ctx.db, userId, addDays(shanghaiDate(now), -7))
  return Promise.all(rows.map((row) => ticketView(ctx.db, row)))
}

/** 网上取号: the route's side of issueTicket. Category ids are '<hall>-<letter>'. */
export async function takeTicket(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string, hallId: string, categoryId: string) {
  const categoryCode = categoryId.slice(-1)
  if (categoryId !== `${hallId}-${categoryCode}`) throw notFound('该服务中心没有这个业务类别')
  const { id } = await ctx.db.tx((q) => issueTicket(q, ctx, { userId, hallId, categoryCode, source: 'remote', checkedIn: false, priority: null }))
  return loadTicket(ctx, userId, id)
}

export type CheckinProof = { token: string } | { location: ReportedLocation }

/**
 * 签到 (§3): the hall screen's rotating QR code or, on WeChat, a location the phone reports inside the
 * hall's geofence — client-asserted, so accepted only near the front of the line (checkin-proof.ts).
 * Only then does the ticket join the line, at the check-in time; before that a window never calls it.
 * The method is recorded and shown to the window.
 */
export async function checkIn(ctx: Pick<AppContext, 'db' | 'clock' | 'keys'>, userId: string, ticketId: string, proof: CheckinProof) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    const ticket = await ownTicket(q, userId, ticketId)
    const category = (await repo.findCategory(q, ticket.category_id))!
    if (ticket.status !== 'waiting_checkin') {
      if (ticket.status === 'expired') throw conflict('CHECKIN_EXPIRED', '该号已超过签到截止时间，已失效，请重新取号')
      if (ticket.status === 'cancelled' || ticket.status === 'done' || ticket.status === 'missed')
        throw conflict('TICKET_ENDED', `该号${TICKET_STATUS_LABELS[ticket.status]}，无需签到`)
      throw conflict('ALREADY_CHECKED_IN', '您已签到，请留意叫号')
    }
    if (ticket.checkin_deadline && ticket.checkin_deadline <= now) {
      throw conflict('CHECKIN_EXPIRED', `已超过签到截止时间 ${shanghaiTime(ticket.checkin_deadline)}，该号已失效，请重新取号`)
    }
    let method: CheckinMethod
    if ('token' in proof) {
      if (!verifyCheckinToken(ctx.keys, ticket.hall_id, proof.token, now)) {
        throw unprocessable('CHECKIN_CODE_INVALID', '签到码无效或已过期，请扫描本服务中心大厅屏幕上的最新签到二维码')
      }
      method = 'qr'
    } else {
      assertLocationInHall(proof.location, { ...category, name: category.hall_name })
      const { ahead } = await repo.lineStats(q, {
        categoryId: ticket.category_id,
        hallId: ticket.hall_id,
        code: category.code,
        day: ticket.service_date,
        ticketId: ticket.id,
        priority: ticket.priority !== null,
        queuedAt: now,
        number: ticket.number,
      })
      if (ahead > LOCATION_MAX_AHEAD) {
        throw conflict(
          'LOCATION_CHECKIN_TOO_EARLY',
          `您前面还有 ${ahead} 人，定位签到仅在前面不超过 ${LOCATION_MAX_AHEAD} 人时可用；到达服务中心后请扫描大厅屏幕上的签到二维码签到`,
        )
      }
      method = 'location'
    }
    await q.query(`update queue_tickets set status = 'waiting', checked_in_at = $2, queued_at = $2, checkin_method = $3 where id = $1`, [
      ticket.id,
      now,
      method,
    ])
    await notifyNear(q, now, ticket.category_id, ticket.service_date)
    await repo.publish(q, { hallId: ticket.hall_id, ticketIds: [ticket.id] })
  })
  return loadTicket(ctx, userId, ticketId)
}

/** 取消: a ticket not yet at a window. */
export async function cancelTicket(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string, ticketId: string) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    const ticket = await ownTicket(q, userId, ticketId)
    if (ticket.status === 'called' || ticket.status === 'serving') throw conflict('TICKET_AT_WINDOW', '该号已在窗口叫号或办理中，无法取消')
    if (ticket.status !== 'waiting_checkin' && ticket.status !== 'waiting')
      throw conflict('TICKET_ENDED', `该号${TICKET_STATUS_LABELS[ticket.status]}，无需取消`)
    await q.query(`update queue_tickets set status = 'cancelled', ended_at = $2 where id = $1`, [ticket.id, now])
    await notifyNear(q, now, ticket.category_id, ticket.service_date)
    await repo.publish(q, { hallId: ticket.hall_id, ticketIds: [ticket.id] })
  })
  return loadTicket(ctx, userId, ticketId)
}

export interface CategoryStatus {
  id: string
  code: string
  name: string
  waiting: number
  estimatedWaitMinutes: { min: number; max: number }
  remaining: number
}

/** What the take-number page shows per category: people in line, the wait if one joined now, numbers left. */
export async function hallQueueStatus(ctx: Pick<AppContext, 'db' | 'clock'>, hallId: string) {
  const now = ctx.clock.now()
  const day = shanghaiDate(now)
  const categories = await repo.listHallCategories(ctx.db, hallId)
  if (categories.length === 0) throw notFound('服务中心不存在')
  const issued = await repo.issuedToday(ctx.db, hallId, day)
  const status: CategoryStatus[] = []
  for (const c of categories) {
    const place = { categoryId: c.category_id, hallId, code: c.code, day, ticketId: null, priority: false, queuedAt: null, number: '' }
    const { ahead, estimatedWaitMinutes } = await estimateAt(ctx.db, place, c.avg_handle_minutes)
    status.push({
      id: c.category_id,
      code: c.code,
      name: c.category_name,
      waiting: ahead,
      estimatedWaitMinutes,
      remaining: Math.max(c.daily_quota - (issued.get(c.code) ?? 0), 0),
    })
  }
  return { takingClosedReason: takingClosedReason(categories[0], now), categories: status }
}

/**
 * "3 ahead" reminder (§3): every waiting ticket of the category with at most NEAR_AHEAD people ahead
 * that has not been told yet is told once, in the transaction of the change that moved the line.
 */
export async function notifyNear(q: Queryable, now: Date, categoryId: string, day: string) {
  const { rows } = await q.query<{ id: string; user_id: string; number: string; misses: number; ahead: number }>(
    // Rows another transaction holds (a window calling them, a check-in) are skipped rather than
    // waited for, so two windows calling at once cannot deadlock here; the next change tells them.
    `with line as (
       select id, near_notified, (row_number() over (order by (priority is null), queued_at, number) - 1)::int as ahead
         from queue_tickets where category_id = $1 and service_date = $2 and status = 'waiting'),
     due as (
       select t.id, line.ahead from queue_tickets t join line on line.id = t.id
        where line.ahead <= $3 and not line.near_notified
          for update of t skip locked)
     update queue_tickets t set near_notified = true from due
      where t.id = due.id
     returning t.id, t.user_id, t.number, t.misses, due.ahead`,
    [categoryId, day, NEAR_AHEAD],
  )
  for (const row of rows) {
    const body = row.ahead === 0 ? `您的号 ${row.number} 马上就到，请在叫号区等候` : `您的号 ${row.number} 前面还有 ${row.ahead} 人，请在叫号区等候`
    await notify(q, now, {
      userId: row.user_id,
      // Once per place in a line: a re-queue after 过号 or a transfer is told again.
      dedupeKey: `queue:${row.id}:near:${categoryId}:${row.misses}`,
      kind: 'queue_near',
      title: '即将叫号',
      body,
      link: ticketLink(row.id),
      wechat: {
        templateKind: 'queue_near',
        data: { character_string1: { value: row.number }, thing2: { value: body.slice(0, 20) } },
        page: subscribePage(ticketLink(row.id)),
      },
    })
  }
}

export const ticketLink = (ticketId: string) => pageLink('queueTicket', { id: ticketId })

/** The line right now, for the operators' metrics: people waiting and the longest wait per hall and category. */
export async function queueLoadNow(ctx: Pick<AppContext, 'db' | 'clock'>) {
  const now = ctx.clock.now()
  return repo.queueLoad(ctx.db, shanghaiDate(now), now)
}
