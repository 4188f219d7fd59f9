import type { Queryable } from '../../core/db'
import type { AppointmentSettings } from './rules'
import type { CheckinMethod } from '../../../src/domain/queue'

interface SettingsRow {
  slot_minutes: 30 | 60
  horizon_days: number
  booking_close_time: string
  cancel_cutoff_minutes: number
  checkin_before_minutes: number
  checkin_after_minutes: number
  no_show_limit: number
  no_show_window_days: number
  block_days: number
}

const toSettings = (row: SettingsRow): AppointmentSettings => ({
  slotMinutes: row.slot_minutes,
  horizonDays: row.horizon_days,
  bookingCloseTime: row.booking_close_time,
  cancelCutoffMinutes: row.cancel_cutoff_minutes,
  checkinBeforeMinutes: row.checkin_before_minutes,
  checkinAfterMinutes: row.checkin_after_minutes,
  noShowLimit: row.no_show_limit,
  noShowWindowDays: row.no_show_window_days,
  blockDays: row.block_days,
})

/**
 * A hall's settings. Bookings and slot generation read them `for share` and staff changes take them
 * `for update`, so a settings change and a booking of that hall never interleave.
 */
export async function findSettings(q: Queryable, hallId: string, lock: 'share' | 'update' | null = null): Promise<AppointmentSettings | null> {
  const { rows } = await q.query<SettingsRow>(`select * from appointment_settings where hall_id = $1${lock ? ` for ${lock}` : ''}`, [hallId])
  return rows[0] ? toSettings(rows[0]) : null
}

/** Writes a hall's settings; `onlyIfMissing` (the seed) leaves settings staff already changed alone. */
export async function upsertSettings(
  q: Queryable,
  hallId: string,
  s: AppointmentSettings,
  by: { userId: string | null; at: Date | null },
  onlyIfMissing = false,
) {
  await q.query(
    `insert into appointment_settings (hall_id, slot_minutes, horizon_days, booking_close_time, cancel_cutoff_minutes, checkin_before_minutes,
       checkin_after_minutes, no_show_limit, no_show_window_days, block_days, updated_at, updated_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
     on conflict (hall_id) do ${
       onlyIfMissing
         ? 'nothing'
         : `update set slot_minutes = excluded.slot_minutes, horizon_days = excluded.horizon_days,
       booking_close_time = excluded.booking_close_time, cancel_cutoff_minutes = excluded.cancel_cutoff_minutes,
       checkin_before_minutes = excluded.checkin_before_minutes, checkin_after_minutes = excluded.checkin_after_minutes,
       no_show_limit = excluded.no_show_limit, no_show_window_days = excluded.no_show_window_days, block_days = excluded.block_days,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`
     }`,
    [
      hallId,
      s.slotMinutes,
      s.horizonDays,
      s.bookingCloseTime,
      s.cancelCutoffMinutes,
      s.checkinBeforeMinutes,
      s.checkinAfterMinutes,
      s.noShowLimit,
      s.noShowWindowDays,
      s.blockDays,
      by.at,
      by.userId,
    ],
  )
}

export interface CapacityRow {
  category_code: string
  category_name: string
  capacity: number
}

export const listCapacities = async (q: Queryable, hallId: string) =>
  (
    await q.query<CapacityRow>(
      `select c.code as category_code, c.name as category_name, coalesce(a.capacity, 0) as capacity
         from queue_categories c left join appointment_capacities a on a.hall_id = c.hall_id and a.category_code = c.code
        where c.hall_id = $1 order by c.code`,
      [hallId],
    )
  ).rows

export const capacityOf = async (q: Queryable, hallId: string, categoryCode: string) =>
  (await q.query<{ capacity: number }>('select capacity from appointment_capacities where hall_id = $1 and category_code = $2', [hallId, categoryCode])).rows[0]
    ?.capacity ?? 0

export async function upsertCapacity(q: Queryable, hallId: string, categoryCode: string, capacity: number, onlyIfMissing = false) {
  await q.query(
    `insert into appointment_capacities (hall_id, category_code, capacity) values ($1, $2, $3)
     on conflict (hall_id, category_code) do ${onlyIfMissing ? 'nothing' : 'update set capacity = excluded.capacity'}`,
    [hallId, categoryCode, capacity],
  )
}

/** Applies new capacities to slots that have not ended; a slot never drops below the bookings it already holds. */
export async function applyCapacities(q: Queryable, hallId: string, now: Date): Promise<number> {
  const { rows } = await q.query<{ kept: boolean }>(
    `update appointment_slots s set capacity = greatest(c.capacity, s.booked)
       from appointment_capacities c
      where c.hall_id = s.hall_id and c.category_code = s.category_code and s.hall_id = $1 and s.ends_at > $2
      returning s.booked > c.capacity as kept`,
    [hallId, now],
  )
  return rows.filter((row) => row.kept).length
}

export interface ItemAtHallRow {
  id: string
  name: string
  queue_category: string
}

export const findItemAtHall = async (q: Queryable, hallId: string, itemId: string) =>
  (
    await q.query<ItemAtHallRow>(
      `select i.id, i.name, i.queue_category from service_items i join hall_items h on h.item_id = i.id where h.hall_id = $1 and i.id = $2`,
      [hallId, itemId],
    )
  ).rows[0] ?? null

export interface SlotRow {
  id: string
  hall_id: string
  category_code: string
  service_date: string
  start_time: string
  end_time: string
  starts_at: Date
  ends_at: Date
  capacity: number
  booked: number
}

const SLOT_COLUMNS = `s.id, s.hall_id, s.category_code, to_char(s.service_date, 'YYYY-MM-DD') as service_date, s.start_time, s.end_time,
  s.starts_at, s.ends_at, s.capacity, s.booked`

export const slotsOfDay = async (q: Queryable, hallId: string, categoryCode: string, date: string) =>
  (
    await q.query<SlotRow>(
      `select ${SLOT_COLUMNS} from appointment_slots s where s.hall_id = $1 and s.category_code = $2 and s.service_date = $3 order by s.start_time`,
      [hallId, categoryCode, date],
    )
  ).rows

export const slotsOfHallDay = async (q: Queryable, hallId: string, date: string) =>
  (
    await q.query<SlotRow>(
      `select ${SLOT_COLUMNS} from appointment_slots s where s.hall_id = $1 and s.service_date = $2 order by s.category_code, s.start_time`,
      [hallId, date],
    )
  ).rows

export const findSlot = async (q: Queryable, id: string) =>
  (await q.query<SlotRow>(`select ${SLOT_COLUMNS} from appointment_slots s where s.id = $1`, [id])).rows[0] ?? null

export async function insertSlots(
  q: Queryable,
  rows: { hallId: string; categoryCode: string; date: string; start: string; end: string; startsAt: Date; endsAt: Date; capacity: number }[],
) {
  if (rows.length === 0) return
  await q.query(
    `insert into appointment_slots (hall_id, category_code, service_date, start_time, end_time, starts_at, ends_at, capacity)
     select $1, $2, $3::date, x.start_time, x.end_time, x.starts_at, x.ends_at, $4
       from unnest($5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[]) as x(start_time, end_time, starts_at, ends_at)
     on conflict (hall_id, category_code, service_date, start_time) do nothing`,
    [
      rows[0].hallId,
      rows[0].categoryCode,
      rows[0].date,
      rows[0].capacity,
      rows.map((r) => r.start),
      rows.map((r) => r.end),
      rows.map((r) => r.startsAt.toISOString()),
      rows.map((r) => r.endsAt.toISOString()),
    ],
  )
}

/** The never-overbook guarantee: a place is taken only while one is left, checked on the locked row. */
export const takePlace = async (q: Queryable, slotId: string) =>
  (await q.query('update appointment_slots set booked = booked + 1 where id = $1 and booked < capacity returning id', [slotId])).rowCount === 1

export async function releasePlace(q: Queryable, slotId: string | null) {
  if (slotId) await q.query('update appointment_slots set booked = booked - 1 where id = $1 and booked > 0', [slotId])
}

/**
 * Deletes the future slot days (per category) that hold no booking, so they are rebuilt with new
 * settings; returns the days kept because someone booked them.
 */
export async function rebuildEmptyDays(q: Queryable, hallId: string, fromDate: string): Promise<{ date: string; category_code: string }[]> {
  await q.query(
    `delete from appointment_slots s
      where s.hall_id = $1 and s.service_date >= $2
        and not exists (select 1 from appointment_slots b where b.hall_id = s.hall_id and b.category_code = s.category_code
                          and b.service_date = s.service_date and b.booked > 0)`,
    [hallId, fromDate],
  )
  return (
    await q.query<{ date: string; category_code: string }>(
      `select distinct to_char(service_date, 'YYYY-MM-DD') as date, category_code from appointment_slots
        where hall_id = $1 and service_date >= $2 order by 1, 2`,
      [hallId, fromDate],
    )
  ).rows
}

export interface ClosureRow {
  id: string
  service_date: string
  start_time: string
  end_time: string
  reason: string
}

const CLOSURE_COLUMNS = `id, to_char(service_date, 'YYYY-MM-DD') as service_date, start_time, end_time, reason`

export const closuresBetween = async (q: Queryable, hallId: string, from: string, to: string) =>
  (
    await q.query<ClosureRow>(
      `select ${CLOSURE_COLUMNS} from appointment_closures where hall_id = $1 and service_date between $2 and $3 order by service_date, start_time`,
      [hallId, from, to],
    )
  ).rows

export const closuresFrom = async (q: Queryable, hallId: string, from: string) =>
  (
    await q.query<ClosureRow>(
      `select ${CLOSURE_COLUMNS} from appointment_closures where hall_id = $1 and service_date >= $2 order by service_date, start_time`,
      [hallId, from],
    )
  ).rows

export const insertClosure = async (q: Queryable, c: { hallId: string; date: string; start: string; end: string; reason: string; userId: string; at: Date }) =>
  (
    await q.query<ClosureRow>(
      `insert into appointment_closures (hall_id, service_date, start_time, end_time, reason, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${CLOSURE_COLUMNS}`,
      [c.hallId, c.date, c.start, c.end, c.reason, c.userId, c.at],
    )
  ).rows[0]

export const deleteClosure = async (q: Queryable, hallId: string, id: string) =>
  (await q.query<ClosureRow>(`delete from appointment_closures where hall_id = $1 and id = $2 returning ${CLOSURE_COLUMNS}`, [hallId, id])).rows[0] ?? null

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show'

export interface AppointmentRow {
  id: string
  user_id: string
  hall_id: string
  hall_name: string
  hall_address: string
  item_id: string
  item_name: string
  category_code: string
  slot_id: string | null
  service_date: string
  start_time: string
  end_time: string
  starts_at: Date
  voucher: string
  status: AppointmentStatus
  created_at: Date
  cancelled_at: Date | null
  cancel_reason: 'citizen' | 'hall_closure' | null
  checked_in_at: Date | null
  checkin_method: CheckinMethod | null
  ticket_id: string | null
  ticket_number: string | null
  no_show_at: Date | null
  cancel_cutoff_minutes: number
  checkin_before_minutes: number
  checkin_after_minutes: number
}

const APPOINTMENT_SELECT = `select a.id, a.user_id, a.hall_id, h.name as hall_name, h.address as hall_address, a.item_id, i.name as item_name,
    a.category_code, a.slot_id, to_char(a.service_date, 'YYYY-MM-DD') as service_date, a.start_time, a.end_time, a.starts_at, a.voucher,
    a.status, a.created_at, a.cancelled_at, a.cancel_reason, a.checked_in_at, a.checkin_method, a.ticket_id, t.number as ticket_number,
    a.no_show_at, s.cancel_cutoff_minutes, s.checkin_before_minutes, s.checkin_after_minutes
  from appointments a
  join halls h on h.id = a.hall_id
  join service_items i on i.id = a.item_id
  join appointment_settings s on s.hall_id = a.hall_id
  left join queue_ticket_numbers t on t.ticket_id = a.ticket_id`

/** One appointment, optionally locked; `userId` scopes it to its owner. */
export async function findAppointment(q: Queryable, by: { id?: string; voucher?: string; userId?: string; hallId?: string }, forUpdate = false) {
  const params: unknown[] = []
  const where = Object.entries({ id: by.id, voucher: by.voucher, user_id: by.userId, hall_id: by.hallId })
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => {
      params.push(value)
      return `a.${column} = $${params.length}`
    })
  const { rows } = await q.query<AppointmentRow>(`${APPOINTMENT_SELECT} where ${where.join(' and ')}${forUpdate ? ' for update of a' : ''}`, params)
  return rows[0] ?? null
}

export const listUserAppointments = async (q: Queryable, userId: string) =>
  (await q.query<AppointmentRow>(`${APPOINTMENT_SELECT} where a.user_id = $1 order by a.starts_at desc limit 100`, [userId])).rows

export interface DayBookingRow extends AppointmentRow {
  real_name_enc: string | null
}

export const listDayAppointments = async (q: Queryable, hallId: string, date: string) =>
  (
    await q.query<DayBookingRow>(
      `${APPOINTMENT_SELECT.replace('from appointments a', ', u.real_name_enc from appointments a join users u on u.id = a.user_id')}
        where a.hall_id = $1 and a.service_date = $2 order by a.start_time, a.category_code, a.created_at`,
      [hallId, date],
    )
  ).rows

/** The user's active bookings that a new one on `date` for `itemId` would collide with (§4). */
export const collidingBookings = async (q: Queryable, userId: string, date: string, itemId: string) =>
  (
    await q.query<{ service_date: string; item_id: string; status: AppointmentStatus }>(
      `select to_char(service_date, 'YYYY-MM-DD') as service_date, item_id, status from appointments
        where user_id = $1 and ((service_date = $2 and status in ('booked', 'checked_in')) or (item_id = $3 and status = 'booked'))`,
      [userId, date, itemId],
    )
  ).rows

export async function insertAppointment(q: Queryable, a: { userId: string; slot: SlotRow; itemId: string; voucher: string; at: Date }): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into appointments (user_id, hall_id, item_id, category_code, slot_id, service_date, start_time, end_time, starts_at, voucher, status, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'booked', $11) returning id`,
    [
      a.userId,
      a.slot.hall_id,
      a.itemId,
      a.slot.category_code,
      a.slot.id,
      a.slot.service_date,
      a.slot.start_time,
      a.slot.end_time,
      a.slot.starts_at,
      a.voucher,
      a.at,
    ],
  )
  return rows[0].id
}

export async function markCancelled(q: Queryable, id: string, reason: 'citizen' | 'hall_closure', at: Date) {
  await q.query(`update appointments set status = 'cancelled', cancelled_at = $2, cancel_reason = $3 where id = $1 and status = 'booked'`, [id, at, reason])
}

export async function markCheckedIn(q: Queryable, id: string, c: { at: Date; method: CheckinMethod; ticketId: string }) {
  await q.query(`update appointments set status = 'checked_in', checked_in_at = $2, checkin_method = $3, ticket_id = $4 where id = $1`, [
    id,
    c.at,
    c.method,
    c.ticketId,
  ])
}

/** Bookings of a hall day whose time overlaps [start, end), locked: what a closure cancels. */
export const bookingsOverlapping = async (q: Queryable, hallId: string, date: string, start: string, end: string) =>
  (
    await q.query<AppointmentRow>(
      `${APPOINTMENT_SELECT} where a.hall_id = $1 and a.service_date = $2 and a.status = 'booked' and a.start_time < $4 and a.end_time > $3
        order by a.start_time for update of a`,
      [hallId, date, start, end],
    )
  ).rows

export type ReminderKind = 'day_before' | 'hour_before'

/**
 * Claims bookings due for a reminder by stamping them (so each reminder goes out once) and returns them:
 * the day-before reminder for bookings on `tomorrow` (the caller decides when that is due), the
 * hour-before one within the last hour before the slot.
 */
export async function claimReminders(q: Queryable, due: { kind: 'day_before'; tomorrow: string } | { kind: 'hour_before' }, now: Date, limit: number) {
  const column = due.kind === 'day_before' ? 'reminded_day_before_at' : 'reminded_hour_before_at'
  // A booking already inside its last hour gets the hour-before reminder instead of the day-before one.
  const condition =
    due.kind === 'day_before'
      ? `a.service_date = $3 and a.starts_at > $1::timestamptz + interval '1 hour'`
      : `a.starts_at <= $1::timestamptz + interval '1 hour' and a.starts_at > $1`
  const { rows } = await q.query<{ id: string }>(
    `update appointments set ${column} = $1
      where id in (select a.id from appointments a where a.status = 'booked' and a.${column} is null and ${condition}
                    order by a.starts_at limit $2 for update skip locked)
      returning id`,
    due.kind === 'day_before' ? [now, limit, due.tomorrow] : [now, limit],
  )
  if (rows.length === 0) return []
  return (await q.query<AppointmentRow>(`${APPOINTMENT_SELECT} where a.id = any($1) order by a.starts_at`, [rows.map((r) => r.id)])).rows
}
