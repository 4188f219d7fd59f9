import type { Queryable } from '../../core/db'
import type { CheckinMethod, TicketPriority, TicketStatus } from '../../../src/domain/queue'

export const ACTIVE_STATUSES: TicketStatus[] = ['waiting_checkin', 'waiting', 'called', 'serving']

export interface CategoryHallRow {
  category_id: string
  hall_id: string
  code: string
  category_name: string
  daily_quota: number
  per_person_daily_cap: number
  avg_handle_minutes: number
  hall_name: string
  address: string
  lat: number
  lng: number
  geofence_meters: number
  open_time: string
  close_time: string
  take_cutoff_minutes: number
  remote_checkin_minutes: number
  elderly_priority_age: number
}

const CATEGORY_HALL = `select c.id as category_id, c.hall_id, c.code, c.name as category_name, c.daily_quota, c.per_person_daily_cap,
  c.avg_handle_minutes, h.name as hall_name, h.address, h.lat, h.lng, h.geofence_meters, h.open_time, h.close_time,
  h.take_cutoff_minutes, h.remote_checkin_minutes, coalesce(c.elderly_priority_age, h.elderly_priority_age) as elderly_priority_age
  from queue_categories c join halls h on h.id = c.hall_id`

export const findCategory = async (q: Queryable, categoryId: string) =>
  (await q.query<CategoryHallRow>(`${CATEGORY_HALL} where c.id = $1`, [categoryId])).rows[0] ?? null

export const listHallCategories = async (q: Queryable, hallId: string) =>
  (await q.query<CategoryHallRow>(`${CATEGORY_HALL} where c.hall_id = $1 order by c.code`, [hallId])).rows

export interface TicketRow {
  id: string
  hall_id: string
  category_id: string
  service_date: string
  number: string
  user_id: string
  source: 'remote' | 'appointment'
  appointment_id: string | null
  priority: TicketPriority | null
  status: TicketStatus
  issued_at: Date
  checkin_deadline: Date | null
  checked_in_at: Date | null
  queued_at: Date | null
  requeue_at_calls: number | null
  window_id: string | null
  called_at: Date | null
  recalls: number
  misses: number
  serving_at: Date | null
  ended_at: Date | null
}

const TICKET_COLUMNS = `t.id, t.hall_id, t.category_id, to_char(t.service_date, 'YYYY-MM-DD') as service_date, t.number, t.user_id, t.source,
  t.appointment_id, t.priority, t.status, t.issued_at, t.checkin_deadline, t.checked_in_at, t.queued_at, t.requeue_at_calls,
  t.window_id, t.called_at, t.recalls, t.misses, t.serving_at, t.ended_at`

/** A ticket with what its views show: category, hall and the window it was called to. */
export interface TicketContextRow
  extends TicketRow, Pick<CategoryHallRow, 'code' | 'category_name' | 'avg_handle_minutes' | 'hall_name' | 'address' | 'lat' | 'lng' | 'geofence_meters'> {
  window_number: number | null
  window_name: string | null
}

const TICKET_CONTEXT = `select ${TICKET_COLUMNS}, c.code, c.name as category_name, c.avg_handle_minutes, h.name as hall_name, h.address, h.lat, h.lng,
  h.geofence_meters, w.number as window_number, w.name as window_name
  from queue_tickets t join queue_categories c on c.id = t.category_id join halls h on h.id = t.hall_id
  left join hall_windows w on w.id = t.window_id`

export const findTicketWithContext = async (q: Queryable, id: string) =>
  (await q.query<TicketContextRow>(`${TICKET_CONTEXT} where t.id = $1`, [id])).rows[0] ?? null

export const findTicket = async (q: Queryable, id: string, options: { forUpdate?: boolean } = {}) =>
  (await q.query<TicketRow>(`select ${TICKET_COLUMNS} from queue_tickets t where t.id = $1${options.forUpdate ? ' for update' : ''}`, [id])).rows[0] ?? null

export const findByAppointment = async (q: Queryable, appointmentId: string) =>
  (await q.query<TicketRow>(`select ${TICKET_COLUMNS} from queue_tickets t where t.appointment_id = $1`, [appointmentId])).rows[0] ?? null

export const findActiveTicket = async (q: Queryable, userId: string, categoryId: string, day: string) =>
  (
    await q.query<TicketRow>(
      `select ${TICKET_COLUMNS} from queue_tickets t
        where t.user_id = $1 and t.category_id = $2 and t.service_date = $3 and t.status = any($4) for update`,
      [userId, categoryId, day, ACTIVE_STATUSES],
    )
  ).rows[0] ?? null

export async function listUserTickets(q: Queryable, userId: string, since: string) {
  const { rows } = await q.query<TicketContextRow>(`${TICKET_CONTEXT} where t.user_id = $1 and t.service_date >= $2 order by t.issued_at desc limit 50`, [
    userId,
    since,
  ])
  return rows
}

/**
 * Locks the person's counter row for this category and day (creating it at zero), so concurrent takes
 * by one person run one after another and each sees the other's ticket.
 */
export async function lockPersonDay(q: Queryable, userId: string, categoryId: string, day: string): Promise<number> {
  const { rows } = await q.query<{ taken: number }>(
    `insert into queue_person_days (user_id, category_id, service_date, taken) values ($1, $2, $3, 0)
     on conflict (user_id, category_id, service_date) do update set taken = queue_person_days.taken
     returning taken`,
    [userId, categoryId, day],
  )
  return rows[0].taken
}

/** Counts one more ticket for the person; refused (false) when `cap` is given and already reached. */
export async function countPersonTicket(q: Queryable, userId: string, categoryId: string, day: string, cap: number | null): Promise<boolean> {
  const updated = await q.query(
    `update queue_person_days set taken = taken + 1
      where user_id = $1 and category_id = $2 and service_date = $3 and ($4::int is null or taken < $4::int)`,
    [userId, categoryId, day, cap],
  )
  return updated.rowCount === 1
}

/**
 * The next number of a series: the counter row is created or incremented in the caller's transaction
 * and stays locked until it commits, so no two tickets get one number and a rolled-back take leaves no
 * gap. Null when the series has reached `quota` today.
 */
export async function nextNumber(q: Queryable, hallId: string, series: string, day: string, quota: number): Promise<number | null> {
  const { rows } = await q.query<{ last_number: number }>(
    `insert into queue_counters (hall_id, series, service_date, last_number) values ($1, $2, $3, 1)
     on conflict (hall_id, series, service_date) do update set last_number = queue_counters.last_number + 1
       where queue_counters.last_number < $4
     returning last_number`,
    [hallId, series, day, quota],
  )
  return rows[0]?.last_number ?? null
}

export interface NewTicket {
  hallId: string
  categoryId: string
  day: string
  number: string
  userId: string
  source: 'remote' | 'appointment'
  appointmentId: string | null
  priority: TicketPriority | null
  checkedIn: boolean
  checkinMethod: CheckinMethod | null
  issuedAt: Date
  checkinDeadline: Date | null
}

export async function insertTicket(q: Queryable, t: NewTicket): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into queue_tickets (hall_id, category_id, service_date, number, user_id, source, appointment_id, priority, status,
       issued_at, checkin_deadline, checked_in_at, checkin_method, queued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12) returning id`,
    [
      t.hallId,
      t.categoryId,
      t.day,
      t.number,
      t.userId,
      t.source,
      t.appointmentId,
      t.priority,
      t.checkedIn ? 'waiting' : 'waiting_checkin',
      t.issuedAt,
      t.checkinDeadline,
      t.checkedIn ? t.issuedAt : null,
      t.checkinMethod,
    ],
  )
  return rows[0].id
}

/** Birth date of a user, for the elderly priority (§3, 老年人权益保障法 53). */
export const birthDateOf = async (q: Queryable, userId: string) =>
  (await q.query<{ birth_date: string | null }>(`select to_char(birth_date, 'YYYY-MM-DD') as birth_date from users where id = $1`, [userId])).rows[0]
    ?.birth_date ?? null

/** A place in a category's line: the waiting tickets before it, as call-next orders them. */
export interface LinePlace {
  categoryId: string
  hallId: string
  code: string
  day: string
  /** The ticket itself, not counted; null for "if someone joined now". */
  ticketId: string | null
  priority: boolean
  /** Null when not in line yet: everyone waiting is ahead. */
  queuedAt: Date | null
  number: string
}

export interface LineStats {
  ahead: number
  /** Finished tickets behind the rolling average and their mean handling time in minutes. */
  recentFinished: number
  recentAverageMinutes: number | null
  /** Windows serving the category that are not paused (暂停服务). */
  openWindows: number
}

/**
 * What a waiting estimate needs, in one statement (§3): people ahead (every priority ticket ahead of an
 * ordinary one, then earlier queue times); the category's last 20 handling times; and the windows
 * serving it that the hall has not paused (暂停服务 is an explicit switch, not inferred from recent calls).
 */
export async function lineStats(q: Queryable, place: LinePlace): Promise<LineStats> {
  const { rows } = await q.query<{ ahead: number; n: number; avg: number | null; open: number }>(
    `select a.ahead, r.n, r.avg, w.open
       from (select count(*)::int as ahead from queue_tickets o
              where o.category_id = $1 and o.service_date = $2 and o.status = 'waiting' and o.id is distinct from $3::uuid
                and ($5::timestamptz is null
                     or (o.priority is not null and not $4::boolean)
                     or ((o.priority is not null) = $4::boolean and (o.queued_at, o.number) < ($5::timestamptz, $6::text)))) a,
            (select count(*)::int as n, avg(extract(epoch from (ended_at - serving_at)) / 60)::float8 as avg
               from (select ended_at, serving_at from queue_tickets
                      where category_id = $1 and status = 'done' and serving_at is not null
                      order by ended_at desc limit 20) recent) r,
            (select count(*)::int as open from hall_windows hw
              where hw.hall_id = $7 and $8 = any(hw.category_codes) and hw.paused_at is null) w`,
    [place.categoryId, place.day, place.ticketId, place.priority, place.queuedAt, place.number, place.hallId, place.code],
  )
  const row = rows[0]
  return { ahead: row.ahead, recentFinished: row.n, recentAverageMinutes: row.avg, openWindows: row.open }
}

export const QUEUE_CHANNEL = 'queue_events'

/** What changed, for the live channel: delivered to every instance through PostgreSQL NOTIFY when the transaction commits. */
export interface QueueEvent {
  hallId: string
  ticketIds: string[]
}

export async function publish(q: Queryable, event: QueueEvent): Promise<void> {
  await q.query('select pg_notify($1, $2)', [QUEUE_CHANNEL, JSON.stringify(event)])
}

export interface WindowRow {
  id: string
  hall_id: string
  number: number
  name: string
  category_codes: string[]
  priority: boolean
}

export const findWindow = async (q: Queryable, id: string) =>
  (await q.query<WindowRow>('select id, hall_id, number, name, category_codes, priority from hall_windows where id = $1', [id])).rows[0] ?? null

/** Numbers issued today per series letter of a hall (what the daily quota counts). */
export async function issuedToday(q: Queryable, hallId: string, day: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ series: string; last_number: number }>(
    'select series, last_number from queue_counters where hall_id = $1 and service_date = $2',
    [hallId, day],
  )
  return new Map(rows.map((row) => [row.series, row.last_number]))
}

export interface QueueLoadRow {
  hall_id: string
  category_id: string
  waiting: number
  longest_wait_seconds: number
}

/** Per hall and category today: checked-in tickets waiting to be called, and how long the first of them has waited. */
export async function queueLoad(q: Queryable, day: string, now: Date): Promise<QueueLoadRow[]> {
  const { rows } = await q.query<QueueLoadRow>(
    `select hall_id, category_id, count(*)::int as waiting,
            coalesce(max(extract(epoch from ($2::timestamptz - queued_at))), 0)::float8 as longest_wait_seconds
       from queue_tickets
      where service_date = $1 and status = 'waiting'
      group by hall_id, category_id`,
    [day, now],
  )
  return rows
}
