import type { Static } from '@sinclair/typebox'
import type {
  ApplicationSchema,
  ApplicationSummarySchema,
  CombinedNoticeSchema,
  StaffQueueEntrySchema,
  ThemeDetailSchema,
  ThemeSummarySchema,
} from '../../server/modules/theme/schemas'
import { http, type UserAction } from './http'

export type ThemeSummary = Static<typeof ThemeSummarySchema>
export type ThemeDetail = Static<typeof ThemeDetailSchema>
export type ThemeApplication = Static<typeof ApplicationSchema>
export type ThemeApplicationSummary = Static<typeof ApplicationSummarySchema>
export type CombinedNotice = Static<typeof CombinedNoticeSchema>
export type JointQueueEntry = Static<typeof StaffQueueEntrySchema>

type ApplicationReply = { application: ThemeApplication }
const unwrap = async (reply: Promise<ApplicationReply>) => (await reply).application

export const listThemes = async () => (await http.get<{ themes: ThemeSummary[] }>('/api/v1/themes')).themes

export const getTheme = async (id: string) => (await http.get<{ theme: ThemeDetail }>(`/api/v1/themes/${id}`)).theme

// ---------------------------------------------------------------- applicant

export const createThemeApplication = (input: { themeId: string; hallId: string; answers: Record<string, string> }, action?: UserAction) =>
  unwrap(http.post<ApplicationReply>('/api/v1/theme-applications', input, { action }))

export const listMyThemeApplications = async () => (await http.get<{ applications: ThemeApplicationSummary[] }>('/api/v1/theme-applications')).applications

export const getThemeApplication = (id: string) => unwrap(http.get<ApplicationReply>(`/api/v1/theme-applications/${id}`))

export const submitThemeApplication = (id: string, action?: UserAction) =>
  unwrap(http.post<ApplicationReply>(`/api/v1/theme-applications/${id}/submit`, {}, { action }))

// ---------------------------------------------------------------- reviewers (联审)

export const getJointReviewQueue = async (hallId: string) =>
  (await http.get<{ applications: JointQueueEntry[] }>(`/api/v1/staff/theme-applications?hallId=${encodeURIComponent(hallId)}`)).applications

export const getJointReviewApplication = (id: string) => unwrap(http.get<ApplicationReply>(`/api/v1/staff/theme-applications/${id}`))

export const decideThemeItem = (
  id: string,
  itemId: string,
  input: { decision: 'approve' | 'needs_fix'; problems: { materialCode: string; problem: string }[] },
  action?: UserAction,
) => unwrap(http.post<ApplicationReply>(`/api/v1/staff/theme-applications/${id}/items/${itemId}/decision`, input, { action }))
