import type { Queryable } from '../../core/db'

/** No-shows and the booking blocks they lead to (docs/domain-rules.md §4). */

export interface BlockRow {
  blocked_until: string
  no_shows: number
}

export const activeBlock = async (q: Queryable, userId: string, hallId: string, today: string) =>
  (
    await q.query<BlockRow>(
      `select to_char(blocked_until, 'YYYY-MM-DD') as blocked_until, no_shows from appointment_blocks
        where user_id = $1 and hall_id = $2 and blocked_until >= $3 order by blocked_until desc limit 1`,
      [userId, hallId, today],
    )
  ).rows[0] ?? null

export const insertBlock = async (q: Queryable, b: { userId: string; hallId: string; until: string; noShows: number; at: Date }) =>
  q.query('insert into appointment_blocks (user_id, hall_id, blocked_until, no_shows, created_at) values ($1, $2, $3, $4, $5)', [
    b.userId,
    b.hallId,
    b.until,
    b.noShows,
    b.at,
  ])

/** Bookings whose check-in window has closed without a check-in. */
export const overdueBookingIds = async (q: Queryable, now: Date, limit: number) =>
  (
    await q.query<{ id: string }>(
      `select a.id from appointments a join appointment_settings s on s.hall_id = a.hall_id
        where a.status = 'booked' and a.starts_at + s.checkin_after_minutes * interval '1 minute' < $1
        order by a.starts_at limit $2`,
      [now, limit],
    )
  ).rows.map((row) => row.id)

/** Marks one booking a no-show unless something else changed it meanwhile; returns it when it did. */
export const markNoShow = async (q: Queryable, id: string, now: Date) =>
  (
    await q.query<{ user_id: string; hall_id: string }>(
      `update appointments a set status = 'no_show', no_show_at = $2 from appointment_settings s
        where a.id = $1 and a.status = 'booked' and s.hall_id = a.hall_id and a.starts_at + s.checkin_after_minutes * interval '1 minute' < $2
        returning a.user_id, a.hall_id`,
      [id, now],
    )
  ).rows[0] ?? null

export const countNoShows = async (q: Queryable, userId: string, hallId: string, since: Date) =>
  (
    await q.query<{ n: number }>(
      `select count(*)::int as n from appointments where user_id = $1 and hall_id = $2 and status = 'no_show' and no_show_at >= $3`,
      [userId, hallId, since],
    )
  ).rows[0].n
