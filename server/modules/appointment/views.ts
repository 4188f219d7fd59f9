import QRCode from 'qrcode'
import { notFound } from '../../core/errors'
import { weekdayOf } from '../../../src/domain/working-days'
import { listMaterials } from '../catalog/service'
import * as repo from './repository'
import { cancelDeadline, checkinWindow, weekdayName } from './rules'
import type { Ctx } from './shared'

/** Appointment views: the list row, the detail with its QR voucher and materials, the citizen's own bookings. */

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
export async function toAppointmentDetail(ctx: Ctx, row: repo.AppointmentRow) {
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

export async function listMine(ctx: Ctx, userId: string) {
  const now = ctx.clock.now()
  return (await repo.listUserAppointments(ctx.db, userId)).map((row) => toAppointmentView(row, now))
}

export async function getMine(ctx: Ctx, userId: string, id: string) {
  const row = await repo.findAppointment(ctx.db, { id, userId })
  if (!row) throw notFound('预约不存在')
  return toAppointmentDetail(ctx, row)
}
