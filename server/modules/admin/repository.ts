import type { Queryable } from '../../core/db'
import type { HallRow } from '../catalog/service'
import type { AdminRole, HallSettings, CategorySettings, WindowSettings } from './schemas'

/** Hall administration writes the shared foundation tables (halls, queue_categories, hall_windows, staff_roles). */

/** A hall row with its place in the service system (catalog's row plus the columns of migration 160). */
export interface AdminHallRow extends HallRow {
  level: HallSettings['level']
  parent_hall_id: string | null
  parent_managed: boolean
}

const HALL_COLUMNS = `id, name, short_name, address, phone, lat, lng, geofence_meters, city_code, county_code, open_time, close_time, take_cutoff_minutes,
  level, parent_hall_id, parent_managed`

export const findHall = async (q: Queryable, id: string, lock = false) =>
  (await q.query<AdminHallRow>(`select ${HALL_COLUMNS} from halls where id = $1${lock ? ' for update' : ''}`, [id])).rows[0] ?? null

/**
 * The halls whose administrators administer `hallId`: the hall itself, then up the chain of parents
 * for as long as each station is parent-managed.
 */
export async function administeringHalls(q: Queryable, hallId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `with recursive chain (id, parent_hall_id, parent_managed) as (
       select id, parent_hall_id, parent_managed from halls where id = $1
       union all
       select h.id, h.parent_hall_id, h.parent_managed from halls h join chain c on h.id = c.parent_hall_id and c.parent_managed
     ) select id from chain`,
    [hallId],
  )
  return rows.map((r) => r.id)
}

/** Halls a user administers (directly, and parent-managed stations below them); every hall for a platform administrator. */
export async function managedHalls(q: Queryable, userId: string, everything: boolean) {
  const { rows } = await q.query<AdminHallRow>(
    `with recursive managed (id) as (
       select hall_id from staff_roles where user_id = $1 and role = 'admin' and disabled_at is null
       union
       select h.id from halls h join managed m on h.parent_hall_id = m.id where h.parent_managed
     )
     select ${HALL_COLUMNS} from halls where $2::boolean or id in (select id from managed) order by sort, id`,
    [userId, everything],
  )
  return rows
}

export const childLevels = async (q: Queryable, hallId: string) =>
  (await q.query<{ level: HallSettings['level'] }>('select level from halls where parent_hall_id = $1', [hallId])).rows.map((r) => r.level)

const cityOf = (countyCode: string) => `${countyCode.slice(0, 4)}00`

const hallValues = (s: HallSettings) => [
  s.name,
  s.shortName,
  s.address,
  s.phone,
  s.lat,
  s.lng,
  s.geofenceMeters,
  cityOf(s.countyCode),
  s.countyCode,
  s.openTime,
  s.closeTime,
  s.takeCutoffMinutes,
  s.level,
  s.parentHallId,
  s.parentManaged,
]

/** Inserts a hall; false when the id is taken. */
export async function insertHall(q: Queryable, id: string, s: HallSettings): Promise<boolean> {
  const { rowCount } = await q.query(
    `insert into halls (id, name, short_name, address, phone, lat, lng, geofence_meters, city_code, county_code, open_time, close_time,
       take_cutoff_minutes, level, parent_hall_id, parent_managed, sort)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, (select coalesce(max(sort), 0) + 1 from halls))
     on conflict (id) do nothing`,
    [id, ...hallValues(s)],
  )
  return rowCount === 1
}

export async function updateHall(q: Queryable, id: string, s: HallSettings) {
  await q.query(
    `update halls set name = $2, short_name = $3, address = $4, phone = $5, lat = $6, lng = $7, geofence_meters = $8, city_code = $9,
       county_code = $10, open_time = $11, close_time = $12, take_cutoff_minutes = $13, level = $14, parent_hall_id = $15, parent_managed = $16
     where id = $1`,
    [id, ...hallValues(s)],
  )
}

export interface AdminCategoryRow {
  id: string
  code: string
  name: string
  daily_quota: number
  per_person_daily_cap: number
  avg_handle_minutes: number
  elderly_priority_age: number | null
}

const CATEGORY_COLUMNS = 'id, code, name, daily_quota, per_person_daily_cap, avg_handle_minutes, elderly_priority_age'

export const listCategories = async (q: Queryable, hallId: string) =>
  (await q.query<AdminCategoryRow>(`select ${CATEGORY_COLUMNS} from queue_categories where hall_id = $1 order by code`, [hallId])).rows

export const findCategory = async (q: Queryable, hallId: string, code: string) =>
  (await q.query<AdminCategoryRow>(`select ${CATEGORY_COLUMNS} from queue_categories where hall_id = $1 and code = $2 for update`, [hallId, code])).rows[0] ??
  null

/** Inserts a category; false when the hall has that code already. */
export async function insertCategory(q: Queryable, hallId: string, code: string, s: CategorySettings): Promise<boolean> {
  const { rowCount } = await q.query(
    `insert into queue_categories (id, hall_id, code, name, daily_quota, per_person_daily_cap, avg_handle_minutes, elderly_priority_age)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
    [`${hallId}-${code}`, hallId, code, s.name, s.dailyQuota, s.perPersonDailyCap, s.avgHandleMinutes, s.elderlyPriorityAge],
  )
  return rowCount === 1
}

export async function updateCategory(q: Queryable, id: string, s: CategorySettings) {
  await q.query(
    `update queue_categories set name = $2, daily_quota = $3, per_person_daily_cap = $4, avg_handle_minutes = $5, elderly_priority_age = $6 where id = $1`,
    [id, s.name, s.dailyQuota, s.perPersonDailyCap, s.avgHandleMinutes, s.elderlyPriorityAge],
  )
}

export interface AdminWindowRow {
  id: string
  number: number
  name: string
  category_codes: string[]
  priority: boolean
  paused_at: Date | null
}

const WINDOW_COLUMNS = 'id, number, name, category_codes, priority, paused_at'

export const listWindows = async (q: Queryable, hallId: string) =>
  (await q.query<AdminWindowRow>(`select ${WINDOW_COLUMNS} from hall_windows where hall_id = $1 order by number`, [hallId])).rows

export const findWindow = async (q: Queryable, hallId: string, number: number) =>
  (await q.query<AdminWindowRow>(`select ${WINDOW_COLUMNS} from hall_windows where hall_id = $1 and number = $2 for update`, [hallId, number])).rows[0] ?? null

export async function insertWindow(q: Queryable, hallId: string, number: number, s: WindowSettings): Promise<boolean> {
  const { rowCount } = await q.query(
    `insert into hall_windows (id, hall_id, number, name, category_codes, priority) values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
    [`${hallId}-w${number}`, hallId, number, s.name, s.categoryCodes, s.priority],
  )
  return rowCount === 1
}

export async function updateWindow(q: Queryable, id: string, s: WindowSettings) {
  await q.query('update hall_windows set name = $2, category_codes = $3, priority = $4 where id = $1', [id, s.name, s.categoryCodes, s.priority])
}

export async function setWindowPaused(q: Queryable, id: string, pausedAt: Date | null) {
  await q.query('update hall_windows set paused_at = $2 where id = $1', [id, pausedAt])
}

/** Codes of the hall's categories among `codes` that exist. */
export const existingCategoryCodes = async (q: Queryable, hallId: string, codes: string[]) =>
  (await q.query<{ code: string }>('select code from queue_categories where hall_id = $1 and code = any($2)', [hallId, codes])).rows.map((r) => r.code)

/** Category codes some window of the hall serves. */
export const servedCategoryCodes = async (q: Queryable, hallId: string) =>
  (await q.query<{ code: string }>('select distinct unnest(category_codes) as code from hall_windows where hall_id = $1', [hallId])).rows.map((r) => r.code)

export interface StaffRoleRow {
  user_id: string
  role: AdminRole
  window_number: number | null
  disabled_at: Date | null
  phone_enc: string | null
  real_name_enc: string | null
}

export const listStaff = async (q: Queryable, hallId: string) =>
  (
    await q.query<StaffRoleRow>(
      `select r.user_id, r.role, w.number as window_number, r.disabled_at, u.phone_enc, u.real_name_enc
         from staff_roles r join users u on u.id = r.user_id left join hall_windows w on w.id = r.window_id
        where r.hall_id = $1 order by r.user_id, r.role`,
      [hallId],
    )
  ).rows

export const rolesOfUserAt = async (q: Queryable, hallId: string, userId: string) =>
  (
    await q.query<{ role: string; disabled_at: Date | null; window_id: string | null }>(
      'select role, disabled_at, window_id from staff_roles where hall_id = $1 and user_id = $2 order by role for update',
      [hallId, userId],
    )
  ).rows

/** Grants (or re-enables) a role at a hall. */
export async function upsertRole(q: Queryable, userId: string, hallId: string, role: string, windowId: string | null) {
  await q.query(
    `insert into staff_roles (user_id, hall_id, role, window_id) values ($1, $2, $3, $4)
     on conflict (user_id, hall_id, role) do update set window_id = excluded.window_id, disabled_at = null`,
    [userId, hallId, role, windowId],
  )
}

export async function setRolesDisabled(q: Queryable, userId: string, hallId: string, disabledAt: Date | null) {
  await q.query('update staff_roles set disabled_at = $3 where user_id = $1 and hall_id = $2', [userId, hallId, disabledAt])
}

export async function grantPlatformAdmin(q: Queryable, userId: string, at: Date) {
  await q.query('insert into platform_admins (user_id, granted_at) values ($1, $2) on conflict do nothing', [userId, at])
}
