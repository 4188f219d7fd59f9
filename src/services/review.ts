import Taro from '@tarojs/taro'
import { useSession } from '../stores/session'
import { goToLogin } from '../routes'
import type { CaseStatus, MaterialVerdict, ReviewDecision } from '../domain/review'
import type { Material } from './catalog'
import { ApiError, NETWORK_MESSAGE, TIMEOUT_MESSAGE, http, request } from './http'
import { BFF_BASE_URL } from './config'

export interface CaseFile {
  id: string
  materialCode: string
  name: string
  kind: 'image' | 'pdf'
  mimeType: string
  sizeBytes: number
  sha256: string
  width: number | null
  height: number | null
  pages: number | null
  checks: string[]
  createdAt: string
}

export interface CaseMaterial extends Material {
  /** 免提交: the government already holds it. */
  exempt: boolean
  deferred: boolean
  verdict: MaterialVerdict | null
  reasons: string[]
  reviewNote: string | null
  editable: boolean
  files: CaseFile[]
}

export interface NoticeItem {
  materialCode: string
  materialName: string
  problem: string
  requirement: string
  dueDate: string | null
}

export interface CaseNotice {
  id: string
  kind: 'needs_fix' | 'deferral' | 'rejection'
  issuedAt: string
  dueDate: string | null
  items: NoticeItem[]
  reason: string | null
  competentAuthority: string | null
  how: string | null
  consequence: string | null
  note: string | null
}

export interface CaseHistoryEntry {
  fromStatus: CaseStatus | null
  toStatus: CaseStatus
  actor: 'applicant' | 'reviewer' | 'system'
  note: string | null
  at: string
}

export interface CaseSummary {
  id: string
  caseNumber: string
  status: CaseStatus
  itemId: string
  itemName: string
  hallId: string
  hallName: string
  createdAt: string
  updatedAt: string
  submittedAt: string | null
  fixDueDate: string | null
  supplementDueDate: string | null
}

export interface CaseDetail extends CaseSummary {
  item: { id: string; name: string; department: string; promisedDays: number; resultLicence: string | null }
  materials: CaseMaterial[]
  notice: CaseNotice | null
  pledge: { version: string; confirmedAt: string } | null
  usedBytes: number
  limits: { perMaterial: number; perCaseBytes: number }
  history: CaseHistoryEntry[]
  /** Reviewer views only. */
  applicant?: { nameMasked: string; idNumberMasked: string; phoneMasked: string | null }
  /** While the answer is owed: the deadline and the time left, both from the BFF's clock (never the device's). */
  deadline: { dueAt: string; msLeft: number } | null
}

export interface QueueEntry {
  id: string
  caseNumber: string
  status: CaseStatus
  itemName: string
  promisedDays: number
  applicantNameMasked: string
  submittedAt: string
  dueAt: string
  msLeft: number
  resubmitted: boolean
  deferredCount: number
}

type CaseReply = { case: CaseDetail }
const unwrap = async (reply: Promise<CaseReply>) => (await reply).case

// ---------------------------------------------------------------- applicant

export const listMyCases = async () => (await http.get<{ cases: CaseSummary[] }>('/api/v1/cases')).cases

export const getCase = (id: string) => unwrap(http.get<CaseReply>(`/api/v1/cases/${id}`))

export const createCase = (input: { itemId: string; hallId: string }) => unwrap(http.post<CaseReply>('/api/v1/cases', input))

export const submitCase = (id: string, input: { deferredCodes: string[]; pledgeVersion?: string }) =>
  unwrap(http.post<CaseReply>(`/api/v1/cases/${id}/submit`, input))

export const withdrawCase = (id: string, reason?: string) => unwrap(http.post<CaseReply>(`/api/v1/cases/${id}/withdraw`, reason ? { reason } : {}))

export const deleteCaseFile = (caseId: string, fileId: string) => request<{ ok: true }>({ method: 'delete', url: `/api/v1/cases/${caseId}/files/${fileId}` })

// ---------------------------------------------------------------- reviewer

export const getReviewQueue = async (hallId: string) => (await http.get<{ cases: QueueEntry[] }>('/api/v1/review/queue', { hallId })).cases

export const getReviewCase = (id: string) => unwrap(http.get<CaseReply>(`/api/v1/review/cases/${id}`))

export const openReviewCase = (id: string) => unwrap(http.post<CaseReply>(`/api/v1/review/cases/${id}/open`))

export const markMaterial = (id: string, code: string, mark: { verdict: MaterialVerdict; reasons: string[]; note?: string }) =>
  unwrap(http.put<CaseReply>(`/api/v1/review/cases/${id}/materials/${code}`, mark))

export const decideCase = (id: string, input: { decision: ReviewDecision; note?: string; reason?: string; competentAuthority?: string }) =>
  unwrap(http.post<CaseReply>(`/api/v1/review/cases/${id}/decision`, input))

// ---------------------------------------------------------------- files (Taro.uploadFile / downloadFile, same auth and error shape as http)

const authHeader = (): Record<string, string> => {
  const token = useSession.getState().token
  return token ? { Authorization: `Bearer ${token}` } : {}
}

function fail(status: number, body: unknown): ApiError {
  if (status === 401 && useSession.getState().token) {
    useSession.getState().clear()
    goToLogin().catch(() => undefined)
  }
  let parsed = body
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body)
    } catch {
      parsed = null
    }
  }
  const shape = parsed as { code?: unknown; message?: unknown } | null
  if (shape && typeof shape.code === 'string' && typeof shape.message === 'string') return new ApiError(shape.code, shape.message, status)
  if (status >= 500) return new ApiError('SERVER', '服务暂时不可用，请稍后再试', status)
  return new ApiError(`HTTP_${status}`, `请求失败（${status}），请稍后重试`, status)
}

const transportError = (error: { errMsg?: string } | undefined) =>
  /time ?out/i.test(error?.errMsg ?? '') ? new ApiError('TIMEOUT', TIMEOUT_MESSAGE) : new ApiError('NETWORK', NETWORK_MESSAGE)

export const UPLOAD_TIMEOUT_MS = 120_000

type RawAnswer = { statusCode: number; data: unknown }

/**
 * H5 sends the chosen File itself. Taro.uploadFile on H5 would first re-read the blob: URL with an
 * XHR, which the BFF's Content-Security-Policy (connect-src 'self') rightly blocks.
 */
function uploadWithXhr(url: string, file: Blob, fileName: string, onProgress?: (percent: number) => void): Promise<RawAnswer> {
  const xhr = new XMLHttpRequest()
  return new Promise<RawAnswer>((resolve, reject) => {
    xhr.open('POST', url)
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value)
    xhr.timeout = UPLOAD_TIMEOUT_MS
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress?.(Math.round((event.loaded / event.total) * 100))
    xhr.onload = () => resolve({ statusCode: xhr.status, data: xhr.responseText })
    xhr.onerror = () => reject({ errMsg: 'uploadFile:fail' })
    xhr.ontimeout = () => reject({ errMsg: 'uploadFile:fail timeout' })
    const form = new FormData()
    form.append('file', file, fileName)
    xhr.send(form)
  })
}

/** weapp: the platform uploader on the temp file path, with its progress events. */
function uploadWithTaro(url: string, filePath: string, fileName: string, onProgress?: (percent: number) => void): Promise<RawAnswer> {
  const task = Taro.uploadFile({ url, filePath, name: 'file', fileName, header: authHeader(), timeout: UPLOAD_TIMEOUT_MS } as Taro.uploadFile.Option)
  task.progress?.((update) => onProgress?.(update.progress))
  return task
}

/**
 * Uploads one chosen file to a material (H5: the File; weapp: its temp path). The answer has the same
 * shape as every other call: the accepted file, or an ApiError carrying the BFF's reason.
 */
export function uploadCaseFile(input: {
  caseId: string
  code: string
  filePath: string
  file?: Blob
  fileName: string
  replaces?: string
  onProgress?: (percent: number) => void
}): Promise<CaseFile> {
  const url = `${BFF_BASE_URL}/api/v1/cases/${input.caseId}/materials/${input.code}/files${input.replaces ? `?replaces=${input.replaces}` : ''}`
  const sent = input.file
    ? uploadWithXhr(url, input.file, input.fileName, input.onProgress)
    : uploadWithTaro(url, input.filePath, input.fileName, input.onProgress)
  return sent.then(
    (response) => {
      if (response.statusCode === 201) return (JSON.parse(String(response.data)) as { file: CaseFile }).file
      throw fail(response.statusCode, response.data)
    },
    (error: { errMsg?: string }) => {
      throw transportError(error)
    },
  )
}

/** Fetches a case file with the session's token into a local temp path (a blob URL on H5). */
export async function downloadCaseFile(url: string): Promise<string> {
  let response: Taro.downloadFile.FileSuccessCallbackResult
  try {
    response = await Taro.downloadFile({ url: `${BFF_BASE_URL}${url}`, header: authHeader() })
  } catch (error) {
    throw transportError(error as { errMsg?: string })
  }
  if (response.statusCode !== 200) throw fail(response.statusCode, null)
  return response.tempFilePath
}

export const applicantFileUrl = (caseId: string, fileId: string) => `/api/v1/cases/${caseId}/files/${fileId}`
export const reviewerFileUrl = (caseId: string, fileId: string) => `/api/v1/review/cases/${caseId}/files/${fileId}`
