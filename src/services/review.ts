import type { Static } from '@sinclair/typebox'
import type {
  CaseDetailSchema,
  CaseMaterialSchema,
  CaseSummarySchema,
  FileSchema,
  HistorySchema,
  NoticeItemSchema,
  NoticeSchema,
  QueueEntrySchema,
} from '../../server/modules/review/schemas'
import type { MaterialVerdict, ReviewDecision } from '../domain/review'
import { download, http, upload, type UserAction } from './http'

export type CaseFile = Static<typeof FileSchema>
export type CaseMaterial = Static<typeof CaseMaterialSchema>
export type NoticeItem = Static<typeof NoticeItemSchema>
export type CaseNotice = Static<typeof NoticeSchema>
export type CaseHistoryEntry = Static<typeof HistorySchema>
export type CaseSummary = Static<typeof CaseSummarySchema>
export type CaseDetail = Static<typeof CaseDetailSchema>
export type QueueEntry = Static<typeof QueueEntrySchema>

type CaseReply = { case: CaseDetail }
const unwrap = async (reply: Promise<CaseReply>) => (await reply).case

// ---------------------------------------------------------------- applicant

export const listMyCases = async () => (await http.get<{ cases: CaseSummary[] }>('/api/v1/cases')).cases

export const getCase = (id: string) => unwrap(http.get<CaseReply>(`/api/v1/cases/${id}`))

export const createCase = (input: { itemId: string; hallId: string }, action?: UserAction) => unwrap(http.post<CaseReply>('/api/v1/cases', input, { action }))

export const submitCase = (id: string, input: { deferredCodes: string[]; pledgeVersion?: string }) =>
  unwrap(http.post<CaseReply>(`/api/v1/cases/${id}/submit`, input))

export const withdrawCase = (id: string, reason?: string) => unwrap(http.post<CaseReply>(`/api/v1/cases/${id}/withdraw`, reason ? { reason } : {}))

export const deleteCaseFile = (caseId: string, fileId: string) => http.delete<{ ok: true }>(`/api/v1/cases/${caseId}/files/${fileId}`)

// ---------------------------------------------------------------- reviewer

export const getReviewQueue = async (hallId: string) => (await http.get<{ cases: QueueEntry[] }>('/api/v1/review/queue', { hallId })).cases

export const getReviewCase = (id: string) => unwrap(http.get<CaseReply>(`/api/v1/review/cases/${id}`))

export const openReviewCase = (id: string) => unwrap(http.post<CaseReply>(`/api/v1/review/cases/${id}/open`))

export const markMaterial = (id: string, code: string, mark: { verdict: MaterialVerdict; reasons: string[]; note?: string }) =>
  unwrap(http.put<CaseReply>(`/api/v1/review/cases/${id}/materials/${code}`, mark))

export const decideCase = (id: string, input: { decision: ReviewDecision; note?: string; reason?: string; competentAuthority?: string }) =>
  unwrap(http.post<CaseReply>(`/api/v1/review/cases/${id}/decision`, input))

// ---------------------------------------------------------------- files (through the one transport in http.ts)

/**
 * Uploads one chosen file to a material (H5: the File; weapp: its temp path). The answer has the same
 * shape as every other call: the accepted file, or an ApiError carrying the BFF's reason.
 */
export const uploadCaseFile = async (input: {
  caseId: string
  code: string
  filePath: string
  file?: Blob
  fileName: string
  replaces?: string
  onProgress?: (percent: number) => void
}): Promise<CaseFile> => {
  const url = `/api/v1/cases/${input.caseId}/materials/${input.code}/files${input.replaces ? `?replaces=${input.replaces}` : ''}`
  return (await upload<{ file: CaseFile }>({ url, filePath: input.filePath, file: input.file, fileName: input.fileName, onProgress: input.onProgress })).file
}

/** Fetches a case file with the session's token into a local temp path (a blob URL on H5). */
export const downloadCaseFile = (url: string) => download(url)

export const applicantFileUrl = (caseId: string, fileId: string) => `/api/v1/cases/${caseId}/files/${fileId}`
export const reviewerFileUrl = (caseId: string, fileId: string) => `/api/v1/review/cases/${caseId}/files/${fileId}`
