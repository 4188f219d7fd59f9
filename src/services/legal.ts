import type { Static } from '@sinclair/typebox'
import type { ConsentListSchema } from '../../server/modules/me/schemas'
import type { DeletionSchema, RetentionListSchema } from '../../server/modules/privacy/schemas'
import type { Me } from './me'
import type { SmsSent } from './auth'
import { http, type UserAction } from './http'
import { LEGAL_DOCUMENTS, type LegalDocument } from '../domain/legal'

export type ConsentList = Static<typeof ConsentListSchema>
export type ConsentRecord = ConsentList['records'][number]
export type RetentionList = Static<typeof RetentionListSchema>

/** The retention table the 《隐私政策》 shows (public). */
export const getRetentionTable = () => http.get<RetentionList>('/api/v1/legal/retention')

export const listConsents = () => http.get<ConsentList>('/api/v1/me/consents')

/** Agrees to the current version of documents that changed since the person last agreed (Me.consentsDue). */
export const acceptConsents = (documents: LegalDocument[], action?: UserAction) =>
  http.post<ConsentList>(
    '/api/v1/me/consents',
    { accepted: documents.map((document) => ({ document, version: LEGAL_DOCUMENTS[document].version })) },
    { action },
  )

/** Withdraws the ID-number consent: the BFF removes the account's identity. */
export const withdrawSensitiveConsent = (action?: UserAction) => http.post<ConsentList>('/api/v1/me/consents/sensitive/withdrawal', undefined, { action })

/** Withdraws consent to the 《隐私政策》: the account enters 注销账号 (cooling-off, signed out everywhere). */
export const withdrawPrivacyConsent = (action?: UserAction) =>
  http.post<Static<typeof DeletionSchema>>('/api/v1/me/consents/privacy/withdrawal', { confirm: true }, { action })

export const sendPhoneChangeCode = (phone: string) => http.post<SmsSent>('/api/v1/me/phone/code', { phone })

export const changePhone = (phone: string, code: string) => http.put<Me>('/api/v1/me/phone', { phone, code })
