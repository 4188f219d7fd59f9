import type { Static } from '@sinclair/typebox'
import type { MeSchema, MessageListSchema, MessageSchema, StaffAssignmentSchema } from '../../server/modules/me/schemas'
import { http } from './http'
import { LEGAL_DOCUMENTS } from '../domain/legal'

/** The signed-in user as the BFF shows it: personal data arrives already masked. */
export type Me = Static<typeof MeSchema>
export type RealNameView = NonNullable<Me['realName']>
export type StaffRole = Static<typeof StaffAssignmentSchema>['role']
export type Message = Static<typeof MessageSchema>
export type MessageList = Static<typeof MessageListSchema>

export const getMe = () => http.get<Me>('/api/v1/me')

/** Binds the real name with the separate consent to process the ID number the person ticked (PIPL art. 29). */
export const bindRealName = (input: { name: string; idNumber: string }) =>
  http.put<Me>('/api/v1/me/real-name', { ...input, sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version })

export const listMessages = () => http.get<MessageList>('/api/v1/me/messages')

export const markMessageRead = (id: string) => http.post<{ ok: true }>(`/api/v1/me/messages/${encodeURIComponent(id)}/read`)

/** Remembers the reading mode (长辈版) on the account; answers the updated profile. */
export const setPreferences = (preferences: { elderMode: boolean }) => http.put<Me>('/api/v1/me/preferences', preferences)
