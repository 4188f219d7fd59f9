import { audit } from '../../core/audit'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, notFound } from '../../core/errors'
import { shanghaiDate, shanghaiTime } from '../../../src/domain/time'
import { findHall } from '../catalog/service'
import { LOCATION_LEAD_MINUTES, assertLocationInHall, issueTicket, verifyCheckinToken, type CheckinMethod, type ReportedLocation } from '../queue/service'
import * as repo from './repository'
import { checkinWindow, chineseDate } from './rules'
import { type Ctx, STATUS_REFUSALS } from './shared'
import { getMine, toAppointmentView } from './views'

/** Check-in: by the citizen (hall QR token or location) or at the desk (voucher scan); a booking becomes a priority ticket. */

export type CheckinProof = { hallToken: string } | { location: ReportedLocation }

/** Refuses a check-in outside the booking's state or window (§4: 15 min before to 30 min after the slot start). */
function assertCheckable(row: repo.AppointmentRow, now: Date) {
  if (row.status !== 'booked') throw conflict('NOT_CHECKABLE', STATUS_REFUSALS[row.status])
  const window = checkinWindow(row.starts_at, { checkinBeforeMinutes: row.checkin_before_minutes, checkinAfterMinutes: row.checkin_after_minutes })
  if (now < window.opensAt) {
    throw conflict(
      'CHECKIN_TOO_EARLY',
      `请于${chineseDate(shanghaiDate(window.opensAt))} ${shanghaiTime(window.opensAt)}后签到（时段开始前${row.checkin_before_minutes}分钟起）`,
    )
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

/** At the desk: staff scan the citizen's voucher QR and check the booking in for them. */
export async function staffCheckIn(ctx: Ctx, staffUserId: string, hallId: string, voucher: string) {
  const now = ctx.clock.now()
  const id = await ctx.db.tx(async (q) => {
    const row = await repo.findAppointment(q, { voucher, hallId }, true)
    if (!row) throw notFound('未找到该预约，请核对预约码')
    await convertToTicket(ctx, q, row, 'window')
    await audit(q, { actor: staffUserId, hallId, action: 'appointment.checkin', target: { kind: 'appointment', id: row.id }, detail: { voucher }, at: now })
    return row.id
  })
  const row = (await repo.findAppointment(ctx.db, { id }))!
  return toAppointmentView(row, now)
}
