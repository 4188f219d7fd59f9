import type { FastifyRequest } from 'fastify'
import { audit, auditHistory, type AuditTargetKind } from '../../core/audit'
import { requireUser } from '../../core/auth'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, forbidden, notFound } from '../../core/errors'
import { maskName, maskPhone } from '../../../src/domain/mask'
import { ensureUserByPhone, lastLogins } from '../auth/service'
import { APPOINTMENT_SERIES } from '../queue/service'
import * as repo from './repository'
import { HALL_LEVELS, type CategorySettings, type HallAdminView, type HallSettings, type HistoryEntry, type StaffMember, type WindowSettings } from './schemas'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'keys'>

/**
 * The caller may administer `hallId`: a platform administrator anywhere; a hall administrator at their
 * hall and at parent-managed stations below it. Anyone else, and any hall that does not exist, is refused
 * with 403 (a hall administrator learns nothing about halls that are not theirs).
 */
export async function requireHallAdmin(ctx: Ctx, request: FastifyRequest, hallId: string): Promise<{ userId: string; platform: boolean }> {
  const user = requireUser(request)
  if (user.platformAdmin) {
    if (!(await repo.findHall(ctx.db, hallId))) throw notFound('服务中心不存在')
    return { userId: user.id, platform: true }
  }
  const own = new Set(user.staff.filter((a) => a.role === 'admin').map((a) => a.hallId))
  const chain = own.size ? await repo.administeringHalls(ctx.db, hallId) : []
  if (!chain.some((id) => own.has(id))) throw forbidden('您不是该服务中心的管理员')
  return { userId: user.id, platform: false }
}

/** Writes the audit entry of an administrative change: who, when, the object, before and after. */
const record = (q: Queryable, ctx: Ctx, actor: string, hallId: string, action: string, kind: AuditTargetKind, id: string, before: unknown, after: unknown) =>
  audit(q, { actor, hallId, action: `admin.${action}`, target: { kind, id }, detail: { before, after }, at: ctx.clock.now() })

const hallSettingsOf = (h: repo.AdminHallRow): HallSettings => ({
  name: h.name,
  shortName: h.short_name,
  address: h.address,
  phone: h.phone,
  lat: h.lat,
  lng: h.lng,
  geofenceMeters: h.geofence_meters,
  countyCode: h.county_code,
  openTime: h.open_time,
  closeTime: h.close_time,
  takeCutoffMinutes: h.take_cutoff_minutes,
  level: h.level,
  parentHallId: h.parent_hall_id,
  parentManaged: h.parent_managed,
})

const categorySettingsOf = (c: repo.AdminCategoryRow): CategorySettings => ({
  name: c.name,
  dailyQuota: c.daily_quota,
  perPersonDailyCap: c.per_person_daily_cap,
  avgHandleMinutes: c.avg_handle_minutes,
  elderlyPriorityAge: c.elderly_priority_age,
})

const windowSettingsOf = (w: repo.AdminWindowRow): WindowSettings => ({ name: w.name, categoryCodes: w.category_codes, priority: w.priority })

const rank = (level: HallSettings['level']) => HALL_LEVELS.indexOf(level)

/** Rules a hall's settings must keep: opening hours in order, a parent one level up the service system, children below. */
async function checkHallSettings(q: Queryable, id: string, s: HallSettings) {
  if (s.closeTime <= s.openTime) throw badRequest('HALL_HOURS', '结束办公时间须晚于开始办公时间')
  if (s.parentManaged && !s.parentHallId) throw badRequest('HALL_PARENT', '未设置上级服务中心时不能由上级管理')
  if (s.parentHallId) {
    if (s.parentHallId === id) throw badRequest('HALL_PARENT', '上级服务中心不能是其本身')
    const parent = await repo.findHall(q, s.parentHallId)
    if (!parent) throw badRequest('HALL_PARENT', '上级服务中心不存在')
    if (rank(parent.level) >= rank(s.level)) throw badRequest('HALL_PARENT', '上级服务中心的层级须高于本中心（区县 → 街道 → 社区）')
  } else if (s.level !== 'district') {
    throw badRequest('HALL_PARENT', '街道和社区服务中心须设置上级服务中心')
  }
  if ((await repo.childLevels(q, id)).some((level) => rank(level) <= rank(s.level))) {
    throw badRequest('HALL_LEVEL', '下级服务中心的层级须低于本中心，请先调整下级服务中心')
  }
}

export async function hallView(q: Queryable, hallId: string): Promise<HallAdminView> {
  const hall = await repo.findHall(q, hallId)
  if (!hall) throw notFound('服务中心不存在')
  const [categories, windows] = await Promise.all([repo.listCategories(q, hallId), repo.listWindows(q, hallId)])
  return {
    id: hall.id,
    ...hallSettingsOf(hall),
    categories: categories.map((c) => ({ id: c.id, code: c.code, ...categorySettingsOf(c) })),
    windows: windows.map((w) => ({ id: w.id, number: w.number, ...windowSettingsOf(w), paused: w.paused_at !== null })),
  }
}

export async function managedHalls(ctx: Ctx, userId: string, platform: boolean) {
  return (await repo.managedHalls(ctx.db, userId, platform)).map((h) => ({ id: h.id, name: h.name, level: h.level, parentHallId: h.parent_hall_id }))
}

/** 新建服务中心 (platform administrators). */
export async function createHall(ctx: Ctx, actor: string, id: string, settings: HallSettings) {
  return ctx.db.tx(async (q) => {
    await checkHallSettings(q, id, settings)
    if (!(await repo.insertHall(q, id, settings))) throw conflict('HALL_EXISTS', `服务中心编号 ${id} 已被使用`)
    await record(q, ctx, actor, id, 'hall.create', 'hall', id, null, settings)
    return hallView(q, id)
  })
}

/** Hall settings; the place in the service system (level, parent, parent management) is the platform's to change. */
export async function updateHall(ctx: Ctx, caller: { userId: string; platform: boolean }, id: string, settings: HallSettings) {
  return ctx.db.tx(async (q) => {
    const current = await repo.findHall(q, id, true)
    if (!current) throw notFound('服务中心不存在')
    const before = hallSettingsOf(current)
    const moved = before.level !== settings.level || before.parentHallId !== settings.parentHallId || before.parentManaged !== settings.parentManaged
    if (moved && !caller.platform) throw forbidden('层级、上级服务中心和上级管理只能由平台管理员修改')
    await checkHallSettings(q, id, settings)
    await repo.updateHall(q, id, settings)
    await record(q, ctx, caller.userId, id, 'hall.update', 'hall', id, before, settings)
    return hallView(q, id)
  })
}

export async function createCategory(ctx: Ctx, actor: string, hallId: string, code: string, settings: CategorySettings) {
  if (code === APPOINTMENT_SERIES) throw badRequest('CATEGORY_CODE', `类别代码 ${APPOINTMENT_SERIES} 留给预约号使用，请换一个字母`)
  return ctx.db.tx(async (q) => {
    if (!(await repo.insertCategory(q, hallId, code, settings))) throw conflict('CATEGORY_EXISTS', `本中心已有类别 ${code}`)
    await record(q, ctx, actor, hallId, 'category.create', 'queue_category', `${hallId}-${code}`, null, { code, ...settings })
    return hallView(q, hallId)
  })
}

export async function updateCategory(ctx: Ctx, actor: string, hallId: string, code: string, settings: CategorySettings) {
  return ctx.db.tx(async (q) => {
    const current = await repo.findCategory(q, hallId, code)
    if (!current) throw notFound('排队类别不存在')
    await repo.updateCategory(q, current.id, settings)
    await record(q, ctx, actor, hallId, 'category.update', 'queue_category', current.id, categorySettingsOf(current), settings)
    return hallView(q, hallId)
  })
}

async function checkWindowCategories(q: Queryable, hallId: string, codes: string[]) {
  const known = new Set(await repo.existingCategoryCodes(q, hallId, codes))
  const unknown = codes.filter((code) => !known.has(code))
  if (unknown.length) throw badRequest('WINDOW_CATEGORY', `本中心没有类别 ${unknown.join('、')}，请先新建排队类别`)
}

export async function createWindow(ctx: Ctx, actor: string, hallId: string, number: number, settings: WindowSettings) {
  return ctx.db.tx(async (q) => {
    await checkWindowCategories(q, hallId, settings.categoryCodes)
    if (!(await repo.insertWindow(q, hallId, number, settings))) throw conflict('WINDOW_EXISTS', `本中心已有 ${number} 号窗口`)
    await record(q, ctx, actor, hallId, 'window.create', 'hall_window', `${hallId}-w${number}`, null, { number, ...settings })
    return hallView(q, hallId)
  })
}

export async function updateWindow(ctx: Ctx, actor: string, hallId: string, number: number, settings: WindowSettings) {
  return ctx.db.tx(async (q) => {
    const current = await repo.findWindow(q, hallId, number)
    if (!current) throw notFound('窗口不存在')
    await checkWindowCategories(q, hallId, settings.categoryCodes)
    await repo.updateWindow(q, current.id, settings)
    await record(q, ctx, actor, hallId, 'window.update', 'hall_window', current.id, windowSettingsOf(current), settings)
    return hallView(q, hallId)
  })
}

/** 暂停服务 / 恢复: a paused window calls nobody and is left out of waiting estimates. Repeating the switch changes nothing. */
export async function setWindowPaused(ctx: Ctx, actor: string, hallId: string, number: number, paused: boolean) {
  return ctx.db.tx(async (q) => {
    const current = await repo.findWindow(q, hallId, number)
    if (!current) throw notFound('窗口不存在')
    if ((current.paused_at !== null) !== paused) {
      await repo.setWindowPaused(q, current.id, paused ? ctx.clock.now() : null)
      await record(q, ctx, actor, hallId, paused ? 'window.pause' : 'window.resume', 'hall_window', current.id, { paused: !paused }, { paused })
    }
    return hallView(q, hallId)
  })
}

const nameOf = (ctx: Ctx, sealed: string | null) => (sealed ? maskName(ctx.keys.cipher.decrypt(sealed)) : '未实名')

export async function listStaff(ctx: Ctx, hallId: string): Promise<StaffMember[]> {
  const members = new Map<string, StaffMember>()
  const rows = await repo.listStaff(ctx.db, hallId)
  const logins = await lastLogins(ctx.db, [...new Set(rows.map((row) => row.user_id))])
  for (const row of rows) {
    const member = members.get(row.user_id) ?? {
      userId: row.user_id,
      nameMasked: nameOf(ctx, row.real_name_enc),
      phoneMasked: row.phone_enc ? maskPhone(ctx.keys.cipher.decrypt(row.phone_enc)) : '—',
      roles: [],
      disabled: true,
      lastActiveAt: logins.get(row.user_id)?.toISOString() ?? null,
    }
    member.roles.push({ role: row.role, windowNumber: row.window_number })
    member.disabled &&= row.disabled_at !== null
    members.set(row.user_id, member)
  }
  return [...members.values()]
}

/** 邀请工作人员: the phone's account (created if new) gets the role at the hall; a window role may be bound to one window. */
export async function inviteStaff(ctx: Ctx, actor: string, hallId: string, input: { phone: string; role: string; windowNumber: number | null }) {
  if (input.windowNumber !== null && input.role !== 'staff') throw badRequest('STAFF_WINDOW', '只有窗口岗位可以绑定窗口')
  await ctx.db.tx(async (q) => {
    const { userId, phone } = await ensureUserByPhone(q, ctx.keys, input.phone)
    const window = input.windowNumber === null ? null : await repo.findWindow(q, hallId, input.windowNumber)
    if (input.windowNumber !== null && !window) throw badRequest('STAFF_WINDOW', `本中心没有 ${input.windowNumber} 号窗口`)
    const before = await repo.rolesOfUserAt(q, hallId, userId)
    await repo.upsertRole(q, userId, hallId, input.role, window?.id ?? null)
    await record(q, ctx, actor, hallId, 'staff.invite', 'user', userId, before.length ? before : null, {
      phoneMasked: maskPhone(phone),
      role: input.role,
      windowNumber: input.windowNumber,
    })
  })
  return listStaff(ctx, hallId)
}

/** 停用 / 启用 every role of a person at the hall; nobody disables themselves (a hall would lose its last administrator that way). */
export async function setStaffDisabled(ctx: Ctx, actor: string, hallId: string, userId: string, disabled: boolean) {
  if (disabled && userId === actor) throw conflict('STAFF_SELF', '不能停用自己的账号')
  await ctx.db.tx(async (q) => {
    const roles = await repo.rolesOfUserAt(q, hallId, userId)
    if (roles.length === 0) throw notFound('该工作人员不在本中心')
    const wasDisabled = roles.every((r) => r.disabled_at !== null)
    if (wasDisabled === disabled) return
    await repo.setRolesDisabled(q, userId, hallId, disabled ? ctx.clock.now() : null)
    await record(q, ctx, actor, hallId, disabled ? 'staff.disable' : 'staff.enable', 'user', userId, { disabled: wasDisabled }, { disabled })
  })
  return listStaff(ctx, hallId)
}

/** 设置服务中心管理员 (platform administrators). */
export async function inviteHallAdmin(ctx: Ctx, actor: string, hallId: string, phone: string) {
  return inviteStaff(ctx, actor, hallId, { phone, role: 'admin', windowNumber: null })
}

/** The administrative history of a hall, or of one object in it, newest first. */
export async function history(ctx: Ctx, hallId: string, target: string | null): Promise<HistoryEntry[]> {
  return (await auditHistory(ctx.db, { hallId, actionPrefix: 'admin.', target, limit: 200 })).map((row) => ({
    at: row.created_at.toISOString(),
    action: row.action,
    target: row.target,
    actorNameMasked: nameOf(ctx, row.actor_name_enc),
    before: row.detail.before ?? null,
    after: row.detail.after ?? null,
  }))
}

/** Makes the phone's account a platform administrator (the first one comes from the command line, see README). */
export async function grantPlatformAdmin(ctx: Ctx, phone: string) {
  await ctx.db.tx(async (q) => {
    const { userId } = await ensureUserByPhone(q, ctx.keys, phone)
    await repo.grantPlatformAdmin(q, userId, ctx.clock.now())
  })
}

/**
 * Who is told about a hall's business (e.g. an overdue 差评 follow-up): the active administrators of the hall and of
 * the halls that administer it; with `platform`, the platform administrators too. No hall: the platform administrators.
 */
export async function hallAdministrators(q: Queryable, hallId: string | null, platform: boolean): Promise<string[]> {
  const halls = hallId ? await repo.administeringHalls(q, hallId) : []
  const { rows } = await q.query<{ user_id: string }>(
    `select user_id from staff_roles where hall_id = any($1::text[]) and role = 'admin' and disabled_at is null
     union select user_id from platform_admins where $2::boolean`,
    [halls, platform || !hallId],
  )
  return rows.map((r) => r.user_id).sort()
}
