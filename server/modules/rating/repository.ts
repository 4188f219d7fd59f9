import type { Queryable } from '../../core/db'
import type { ServiceCompletion } from '../../core/service-completions'

export interface ServiceRow {
  id: string
  kind: 'queue' | 'review' | 'pickup' | 'name'
  service_id: string
  user_id: string
  hall_id: string | null
  hall_name: string | null
  window_id: string | null
  title: string
  completed_at: Date
}

export interface RatingRow {
  id: string
  kind: ServiceRow['kind']
  service_id: string
  user_id: string
  hall_id: string | null
  level: number
  reasons: string[]
  comment_enc: string | null
  channel: 'app' | 'kiosk'
  rated_at: Date
  updated_at: Date
  changeable_until: Date
}

export interface FollowUpRow {
  rating_id: string
  hall_id: string | null
  status: 'open' | 'visited' | 'rectified' | 'withdrawn'
  opened_at: Date
  visit_due_at: Date
  rectify_due_at: Date
  visited_at: Date | null
  visit_note_enc: string | null
  rectified_at: Date | null
  rectify_note_enc: string | null
  visit_overdue_at: Date | null
  rectify_overdue_at: Date | null
}

const SERVICE_COLUMNS = `s.id, s.kind, s.service_id, s.user_id, s.hall_id, h.name as hall_name, s.window_id, s.title, s.completed_at`
const FOLLOW_UP_COLUMNS = `f.rating_id, f.hall_id, f.status, f.opened_at, f.visit_due_at, f.rectify_due_at, f.visited_at, f.visit_note_enc,
  f.rectified_at, f.rectify_note_enc, f.visit_overdue_at, f.rectify_overdue_at`

/** The invitation of a finished service; returns its id when this call created it (first time only). */
export async function insertService(q: Queryable, c: ServiceCompletion, invitedAt: Date): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `insert into rating_services (kind, service_id, user_id, hall_id, window_id, staff_user_id, title, completed_at, invited_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (kind, service_id) do nothing returning id`,
    [c.kind, c.serviceId, c.userId, c.hallId, c.windowId ?? null, c.staffUserId ?? null, c.title, c.completedAt, invitedAt],
  )
  return rows[0]?.id ?? null
}

export async function findService(q: Queryable, id: string): Promise<ServiceRow | null> {
  const { rows } = await q.query<ServiceRow>(`select ${SERVICE_COLUMNS} from rating_services s left join halls h on h.id = s.hall_id where s.id = $1`, [id])
  return rows[0] ?? null
}

export async function listServicesOfUser(q: Queryable, userId: string): Promise<ServiceRow[]> {
  const { rows } = await q.query<ServiceRow>(
    `select ${SERVICE_COLUMNS} from rating_services s left join halls h on h.id = s.hall_id where s.user_id = $1 order by s.completed_at desc limit 100`,
    [userId],
  )
  return rows
}

/** The window's last finished service, if it finished after `since`. */
export async function lastServiceAtWindow(q: Queryable, windowId: string, since: Date): Promise<ServiceRow | null> {
  const { rows } = await q.query<ServiceRow>(
    `select ${SERVICE_COLUMNS} from rating_services s left join halls h on h.id = s.hall_id
      where s.window_id = $1 and s.completed_at >= $2 order by s.completed_at desc limit 1`,
    [windowId, since],
  )
  return rows[0] ?? null
}

export async function findRating(q: Queryable, kind: string, serviceId: string, lock = false): Promise<RatingRow | null> {
  const { rows } = await q.query<RatingRow>(`select * from ratings where kind = $1 and service_id = $2${lock ? ' for update' : ''}`, [kind, serviceId])
  return rows[0] ?? null
}

export async function ratingsOf(q: Queryable, services: { kind: string; service_id: string }[]): Promise<RatingRow[]> {
  if (!services.length) return []
  const { rows } = await q.query<RatingRow>(`select r.* from ratings r join unnest($1::text[], $2::text[]) as x(k, s) on r.kind = x.k and r.service_id = x.s`, [
    services.map((s) => s.kind),
    services.map((s) => s.service_id),
  ])
  return rows
}

/** Inserts the one rating of a service; null when the service already has one (a concurrent submit included). */
export async function insertRating(
  q: Queryable,
  r: { service: ServiceRow; level: number; reasons: string[]; commentEnc: string | null; channel: 'app' | 'kiosk'; now: Date; changeableUntil: Date },
): Promise<RatingRow | null> {
  const { rows } = await q.query<RatingRow>(
    `insert into ratings (kind, service_id, user_id, hall_id, level, reasons, comment_enc, channel, rated_at, updated_at, changeable_until)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) on conflict (kind, service_id) do nothing returning *`,
    [r.service.kind, r.service.service_id, r.service.user_id, r.service.hall_id, r.level, r.reasons, r.commentEnc, r.channel, r.now, r.changeableUntil],
  )
  return rows[0] ?? null
}

export async function updateRating(q: Queryable, id: string, r: { level: number; reasons: string[]; commentEnc: string | null; now: Date }) {
  const { rows } = await q.query<RatingRow>(`update ratings set level = $2, reasons = $3, comment_enc = $4, updated_at = $5 where id = $1 returning *`, [
    id,
    r.level,
    r.reasons,
    r.commentEnc,
    r.now,
  ])
  return rows[0]
}

export async function findFollowUp(q: Queryable, ratingId: string, lock = false): Promise<FollowUpRow | null> {
  const { rows } = await q.query<FollowUpRow>(`select ${FOLLOW_UP_COLUMNS} from rating_follow_ups f where f.rating_id = $1${lock ? ' for update' : ''}`, [
    ratingId,
  ])
  return rows[0] ?? null
}

export async function followUpsOf(q: Queryable, ratingIds: string[]): Promise<FollowUpRow[]> {
  if (!ratingIds.length) return []
  const { rows } = await q.query<FollowUpRow>(`select ${FOLLOW_UP_COLUMNS} from rating_follow_ups f where f.rating_id = any($1::uuid[])`, [ratingIds])
  return rows
}

/** Opens (or, after a withdrawal, reopens) the follow-up of a bad rating with fresh deadlines. */
export async function openFollowUp(q: Queryable, f: { ratingId: string; hallId: string | null; now: Date; visitDueAt: Date; rectifyDueAt: Date }) {
  await q.query(
    `insert into rating_follow_ups (rating_id, hall_id, status, opened_at, visit_due_at, rectify_due_at) values ($1, $2, 'open', $3, $4, $5)
     on conflict (rating_id) do update set status = 'open', opened_at = $3, visit_due_at = $4, rectify_due_at = $5, visit_overdue_at = null, rectify_overdue_at = null
      where rating_follow_ups.status = 'withdrawn'`,
    [f.ratingId, f.hallId, f.now, f.visitDueAt, f.rectifyDueAt],
  )
}

export const withdrawFollowUp = (q: Queryable, ratingId: string) =>
  q.query(`update rating_follow_ups set status = 'withdrawn' where rating_id = $1 and status = 'open'`, [ratingId])

/** 回访 then 整改, each only from the state before it; null when the follow-up is not in that state (any more). */
export async function recordVisit(q: Queryable, ratingId: string, by: string, noteEnc: string, now: Date) {
  const { rowCount } = await q.query(
    `update rating_follow_ups set status = 'visited', visited_at = $3, visited_by = $2, visit_note_enc = $4 where rating_id = $1 and status = 'open'`,
    [ratingId, by, now, noteEnc],
  )
  return rowCount === 1
}

export async function recordRectification(q: Queryable, ratingId: string, by: string, noteEnc: string, now: Date) {
  const { rowCount } = await q.query(
    `update rating_follow_ups set status = 'rectified', rectified_at = $3, rectified_by = $2, rectify_note_enc = $4 where rating_id = $1 and status = 'visited'`,
    [ratingId, by, now, noteEnc],
  )
  return rowCount === 1
}

export interface StaffFollowUpRow extends FollowUpRow {
  service_ref: string
  user_id: string
  kind: ServiceRow['kind']
  title: string
  completed_at: Date
  level: number
  reasons: string[]
  comment_enc: string | null
  rated_at: Date
  real_name_enc: string | null
  phone_enc: string | null
}

const STAFF_FOLLOW_UP_FROM = `rating_follow_ups f join ratings r on r.id = f.rating_id
  join rating_services s on s.kind = r.kind and s.service_id = r.service_id join users u on u.id = r.user_id`
const STAFF_FOLLOW_UP_COLUMNS = `${FOLLOW_UP_COLUMNS}, s.id as service_ref, r.user_id, s.kind, s.title, s.completed_at, r.level, r.reasons, r.comment_enc, r.rated_at, u.real_name_enc, u.phone_enc`

/** A hall's follow-ups (hall null: the services without a hall), newest first. */
export async function listFollowUps(q: Queryable, hallId: string | null, status: string | null): Promise<StaffFollowUpRow[]> {
  const { rows } = await q.query<StaffFollowUpRow>(
    `select ${STAFF_FOLLOW_UP_COLUMNS} from ${STAFF_FOLLOW_UP_FROM}
      where f.hall_id is not distinct from $1 and ($2::text is null or f.status = $2) order by f.opened_at desc limit 200`,
    [hallId, status],
  )
  return rows
}

export async function findStaffFollowUp(q: Queryable, ratingId: string): Promise<StaffFollowUpRow | null> {
  const { rows } = await q.query<StaffFollowUpRow>(`select ${STAFF_FOLLOW_UP_COLUMNS} from ${STAFF_FOLLOW_UP_FROM} where f.rating_id = $1`, [ratingId])
  return rows[0] ?? null
}

/** Marks the steps whose deadline passed undone, once each; returns what was marked now. */
export async function markOverdue(q: Queryable, now: Date) {
  const { rows } = await q.query<{ rating_id: string; hall_id: string | null; step: 'visit' | 'rectify'; user_id: string }>(
    `with visit as (
       update rating_follow_ups set visit_overdue_at = $1 where status = 'open' and visit_due_at <= $1 and visit_overdue_at is null
       returning rating_id, hall_id, 'visit'::text as step),
     rectify as (
       update rating_follow_ups set rectify_overdue_at = $1 where status in ('open', 'visited') and rectify_due_at <= $1 and rectify_overdue_at is null
       returning rating_id, hall_id, 'rectify'::text as step)
     select x.rating_id, x.hall_id, x.step, r.user_id from (select * from visit union all select * from rectify) x join ratings r on r.id = x.rating_id`,
    [now],
  )
  return rows
}

export interface ExportRow extends RatingRow {
  title: string
  completed_at: Date
  hall_name: string | null
  real_name_enc: string | null
  status: FollowUpRow['status'] | null
  visited_at: Date | null
  visit_note_enc: string | null
  rectified_at: Date | null
  rectify_note_enc: string | null
}

/** A hall's ratings given in [from, to) with their service and follow-up, oldest first. */
export async function ratingsOfHall(q: Queryable, hallId: string, from: Date, to: Date): Promise<ExportRow[]> {
  const { rows } = await q.query<ExportRow>(
    `select r.*, s.title, s.completed_at, h.name as hall_name, u.real_name_enc,
            f.status, f.visited_at, f.visit_note_enc, f.rectified_at, f.rectify_note_enc
       from ratings r join rating_services s on s.kind = r.kind and s.service_id = r.service_id join users u on u.id = r.user_id
       left join halls h on h.id = r.hall_id left join rating_follow_ups f on f.rating_id = r.id
      where r.hall_id = $1 and r.rated_at >= $2 and r.rated_at < $3 order by r.rated_at limit 10000`,
    [hallId, from, to],
  )
  return rows
}

export interface KioskRow {
  id: string
  hall_id: string
  hall_name: string
  window_id: string
  window_number: number
}

/** Binds a tablet to a window, revoking the window's previous tablet in the same statement order. */
export async function bindKiosk(q: Queryable, k: { tokenHash: string; hallId: string; windowId: string; by: string; now: Date }) {
  await q.query('update rating_kiosks set revoked_at = $2 where window_id = $1 and revoked_at is null', [k.windowId, k.now])
  await q.query(`insert into rating_kiosks (token_hash, hall_id, window_id, bound_by, bound_at) values ($1, $2, $3, $4, $5)`, [
    k.tokenHash,
    k.hallId,
    k.windowId,
    k.by,
    k.now,
  ])
}

export async function findKiosk(q: Queryable, tokenHash: string): Promise<KioskRow | null> {
  const { rows } = await q.query<KioskRow>(
    `select k.id, k.hall_id, h.name as hall_name, k.window_id, w.number as window_number
       from rating_kiosks k join halls h on h.id = k.hall_id join hall_windows w on w.id = k.window_id
      where k.token_hash = $1 and k.revoked_at is null`,
    [tokenHash],
  )
  return rows[0] ?? null
}

export async function findWindow(q: Queryable, windowId: string) {
  const { rows } = await q.query<{ id: string; hall_id: string; number: number; hall_name: string; close_time: string }>(
    `select w.id, w.hall_id, w.number, h.name as hall_name, h.close_time from hall_windows w join halls h on h.id = w.hall_id where w.id = $1`,
    [windowId],
  )
  return rows[0] ?? null
}

export async function hallCloseTime(q: Queryable, hallId: string | null): Promise<string | null> {
  if (!hallId) return null
  const { rows } = await q.query<{ close_time: string }>('select close_time from halls where id = $1', [hallId])
  return rows[0]?.close_time ?? null
}
