import type { FastifyRequest } from 'fastify'
import type { Queryable } from './db'
import { sha256Hex } from './crypto'
import { forbidden, unauthorized } from './errors'

export type StaffRole = 'staff' | 'reviewer' | 'clerk' | 'admin'

export interface StaffAssignment {
  role: StaffRole
  hallId: string
  windowId: string | null
}

export interface AuthUser {
  id: string
  realNameVerified: boolean
  /** Active assignments only: a disabled one grants nothing. */
  staff: StaffAssignment[]
  /** Creates halls and their administrators; administers every hall. */
  platformAdmin: boolean
}

/**
 * Who may call a route, declared in the route's `config.auth`:
 * - 'public': anyone;
 * - 'user' (the default for /api routes): a valid session;
 * - 'realname': a session whose user has bound a verified real name;
 * - a staff role: a session whose user holds that role at some hall (the hall itself is checked by the handler);
 *   'admin' (hall administration) also admits platform administrators;
 * - 'platform': a platform administrator.
 */
export type RouteAuth = 'public' | 'user' | 'realname' | StaffRole | 'platform'

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null
  }
  interface FastifyContextConfig {
    auth?: RouteAuth
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  // The auth scheme is case-insensitive (RFC 9110 §11.1): Bearer, bearer, BEARER.
  const match = /^bearer +([A-Za-z0-9_-]{20,200}) *$/i.exec(header)
  return match ? match[1] : null
}

export async function findSessionUser(db: Queryable, token: string, now: Date): Promise<AuthUser | null> {
  const { rows } = await db.query<{ id: string; verified: boolean; staff: StaffAssignment[] | null; platform: boolean }>(
    `select u.id, u.real_name_verified_at is not null as verified,
            (select json_agg(json_build_object('role', r.role, 'hallId', r.hall_id, 'windowId', r.window_id))
               from staff_roles r where r.user_id = u.id and r.disabled_at is null) as staff,
            exists (select 1 from platform_admins p where p.user_id = u.id) as platform
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and u.deleted_at is null`,
    [sha256Hex(token), now],
  )
  const row = rows[0]
  return row ? { id: row.id, realNameVerified: row.verified, staff: row.staff ?? [], platformAdmin: row.platform } : null
}

/** Whether the user is a platform administrator (the `platform` audience); shown on their profile so the app offers 管理. */
export async function isPlatformAdmin(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from platform_admins where user_id = $1', [userId])
  return rows.length > 0
}

/** Enforces a route's declared audience; runs before the body is parsed so strangers learn nothing. */
export function checkAudience(user: AuthUser | null, auth: RouteAuth): void {
  if (auth === 'public') return
  if (!user) throw unauthorized()
  if (auth === 'user') return
  if (auth === 'realname') {
    if (!user.realNameVerified) throw forbidden('请先完成实名认证')
    return
  }
  if (auth === 'platform') {
    if (!user.platformAdmin) throw forbidden('该功能仅限平台管理员使用')
    return
  }
  if (auth === 'admin' && user.platformAdmin) return
  if (!user.staff.some((assignment) => assignment.role === auth || assignment.role === 'admin')) {
    throw forbidden('该功能仅限工作人员使用')
  }
}

export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized()
  return request.user
}

/** The caller's assignment for `role` at `hallId`; staff of another hall are refused. */
export function requireStaffAt(request: FastifyRequest, role: StaffRole, hallId: string): StaffAssignment {
  const user = requireUser(request)
  const assignment = user.staff.find((a) => a.hallId === hallId && (a.role === role || a.role === 'admin'))
  if (!assignment) throw forbidden('您不是该服务中心的工作人员')
  return assignment
}
