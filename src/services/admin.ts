import type { Static } from '@sinclair/typebox'
import type {
  CategorySettingsBody,
  HallAdminSchema,
  HallSettingsBody,
  HallSummarySchema,
  HistoryEntrySchema,
  InviteStaffBody,
  NewCategoryBody,
  NewHallBody,
  NewWindowBody,
  StaffMemberSchema,
  WindowSettingsBody,
} from '../../server/modules/admin/schemas'
import { http, type UserAction } from './http'

/** Hall administration (管理): the hall, its queue categories, windows and staff, and the history of every change. */
export type HallAdmin = Static<typeof HallAdminSchema>
export type HallSummary = Static<typeof HallSummarySchema>
export type HallLevel = HallAdmin['level']
export type HallSettings = Static<typeof HallSettingsBody>
export type NewHall = Static<typeof NewHallBody>
export type CategoryAdmin = HallAdmin['categories'][number]
export type CategorySettings = Static<typeof CategorySettingsBody>
export type NewCategory = Static<typeof NewCategoryBody>
export type WindowAdmin = HallAdmin['windows'][number]
export type WindowSettings = Static<typeof WindowSettingsBody>
export type NewWindow = Static<typeof NewWindowBody>
export type StaffMember = Static<typeof StaffMemberSchema>
export type StaffInvite = Static<typeof InviteStaffBody>
export type AdminRole = StaffInvite['role']
export type HistoryEntry = Static<typeof HistoryEntrySchema>

const hallPath = (hallId: string) => `/api/v1/admin/halls/${encodeURIComponent(hallId)}`

export const listManagedHalls = async () => (await http.get<{ halls: HallSummary[] }>('/api/v1/admin/halls')).halls

export const getHallAdmin = (hallId: string) => http.get<HallAdmin>(hallPath(hallId))

export const updateHall = (hallId: string, settings: HallSettings) => http.put<HallAdmin>(hallPath(hallId), settings)

export const createCategory = (hallId: string, category: NewCategory, action?: UserAction) =>
  http.post<HallAdmin>(`${hallPath(hallId)}/categories`, category, { action })

export const updateCategory = (hallId: string, code: string, settings: CategorySettings) =>
  http.put<HallAdmin>(`${hallPath(hallId)}/categories/${encodeURIComponent(code)}`, settings)

export const createWindow = (hallId: string, window: NewWindow, action?: UserAction) => http.post<HallAdmin>(`${hallPath(hallId)}/windows`, window, { action })

export const updateWindow = (hallId: string, number: number, settings: WindowSettings) => http.put<HallAdmin>(`${hallPath(hallId)}/windows/${number}`, settings)

/** 暂停服务 (true) or 恢复 (false); repeating the switch changes nothing. */
export const setWindowPaused = (hallId: string, number: number, paused: boolean, action?: UserAction) =>
  http.post<HallAdmin>(`${hallPath(hallId)}/windows/${number}/${paused ? 'pause' : 'resume'}`, {}, { action })

export const listStaff = async (hallId: string) => (await http.get<{ staff: StaffMember[] }>(`${hallPath(hallId)}/staff`)).staff

export const inviteStaff = async (hallId: string, invite: StaffInvite, action?: UserAction) =>
  (await http.post<{ staff: StaffMember[] }>(`${hallPath(hallId)}/staff`, invite, { action })).staff

/** 停用 (true) or 启用 (false) every role of the person at the hall. */
export const setStaffDisabled = async (hallId: string, userId: string, disabled: boolean, action?: UserAction) =>
  (await http.post<{ staff: StaffMember[] }>(`${hallPath(hallId)}/staff/${encodeURIComponent(userId)}/${disabled ? 'disable' : 'enable'}`, {}, { action }))
    .staff

/** The hall's administrative history, newest first; `target` (`<kind>:<id>`) narrows it to one object. */
export const getHistory = async (hallId: string, target?: string) =>
  (await http.get<{ entries: HistoryEntry[] }>(`${hallPath(hallId)}/history`, { target })).entries

// ---------------------------------------------------------------- platform administrators

export const createHall = (hall: NewHall, action?: UserAction) => http.post<HallAdmin>('/api/v1/platform/halls', hall, { action })

export const grantHallAdmin = async (hallId: string, phone: string, action?: UserAction) =>
  (await http.post<{ staff: StaffMember[] }>(`/api/v1/platform/halls/${encodeURIComponent(hallId)}/admins`, { phone }, { action })).staff
