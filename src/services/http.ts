import Taro from '@tarojs/taro'
import axios, { AxiosError, AxiosHeaders, type AxiosRequestConfig } from 'axios'
import { useSession } from '../stores/session'
import { goToLogin } from '../routes'
import { BFF_BASE_URL, REQUEST_TIMEOUT_MS } from './config'
import { noteServerTime } from './server-time'
import { taroAdapter } from './taro-adapter'

/** The one error shape the UI sees; `message` is Chinese and ready for a toast. */
export class ApiError extends Error {
  readonly code: string
  readonly status?: number

  constructor(code: string, message: string, status?: number) {
    super(message)
    Object.setPrototypeOf(this, ApiError.prototype)
    this.name = 'ApiError'
    this.code = code
    this.status = status
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'
export const TIMEOUT_MESSAGE = '请求超时，请稍后重试'
const SERVER_MESSAGE = '服务暂时不可用，请稍后再试'

/** Waits before the 1st and 2nd retry. */
export const RETRY_DELAYS_MS = [400, 1200]

/** The one token source of every request, upload, download and socket. */
export const sessionToken = (): string | null => useSession.getState().token

const authHeader = (): Record<string, string> => {
  const token = sessionToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

export const api = axios.create({
  adapter: taroAdapter,
  baseURL: BFF_BASE_URL,
  timeout: REQUEST_TIMEOUT_MS,
  headers: { Accept: 'application/json' },
})

api.interceptors.request.use((config) => {
  const headers = AxiosHeaders.from(config.headers)
  const token = sessionToken()
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`)
  config.headers = headers
  return config
})

/** Every BFF answer, success or refusal, tells the BFF's time. */
const noteServerTimeOf = (headers: unknown) => {
  const value = AxiosHeaders.from(headers as Record<string, string>).get('x-server-time')
  noteServerTime(typeof value === 'string' ? value : null)
}
api.interceptors.response.use(
  (response) => {
    noteServerTimeOf(response.headers)
    return response
  },
  (error: unknown) => {
    if (axios.isAxiosError(error) && error.response) noteServerTimeOf(error.response.headers)
    return Promise.reject(error)
  },
)

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** 22 url-safe characters (132 bits); crypto where the platform has it, Math.random on weapp. */
export function idempotencyKey(length = 22): string {
  const bytes = new Uint8Array(length)
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') crypto.getRandomValues(bytes)
  else for (let i = 0; i < length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (byte) => KEY_ALPHABET[byte & 63]).join('')
}

const isTimeout = (error: AxiosError) => error.code === AxiosError.ETIMEDOUT || error.code === AxiosError.ECONNABORTED

/** No answer from the BFF at all: the only failure worth retrying. */
const isNetworkFailure = (error: unknown) => axios.isAxiosError(error) && !error.response && error.code !== AxiosError.ERR_CANCELED

/** The error of an answered request: the BFF's own `{ code, message }`, else a generic one by status. */
function answerError(status: number, data: unknown, fallback?: string): ApiError {
  let body = data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      body = null
    }
  }
  const shape = body as { code?: unknown; message?: unknown } | null
  if (shape && typeof shape === 'object' && typeof shape.code === 'string' && typeof shape.message === 'string')
    return new ApiError(shape.code, shape.message, status)
  if (fallback) return new ApiError(`HTTP_${status}`, fallback, status)
  if (status >= 500) return new ApiError('SERVER', SERVER_MESSAGE, status)
  return new ApiError(`HTTP_${status}`, `请求失败（${status}），请稍后重试`, status)
}

/** No answer at all: a platform failure (wx.request / uploadFile / downloadFile fail, or an XHR error). */
const transportError = (error: unknown) =>
  /time ?out/i.test((error as { errMsg?: string } | null)?.errMsg ?? '') ? new ApiError('TIMEOUT', TIMEOUT_MESSAGE) : new ApiError('NETWORK', NETWORK_MESSAGE)

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (!axios.isAxiosError(error)) return new ApiError('UNKNOWN', '操作失败，请稍后重试')
  if (error.code === AxiosError.ERR_CANCELED) return new ApiError('CANCELED', '请求已取消')
  const response = error.response
  if (!response) return isTimeout(error) ? new ApiError('TIMEOUT', TIMEOUT_MESSAGE) : new ApiError('NETWORK', NETWORK_MESSAGE)
  return answerError(response.status, response.data)
}

/** Every answered failure passes here: a 401 to a request that carried our token ends the session. */
function refused(status: number, data: unknown, sentToken: boolean, fallback?: string): ApiError {
  if (status === 401 && sentToken) onSessionRejected()
  return answerError(status, data, fallback)
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * One user action (a tap on 提交, 取号, 签署…): its Idempotency-Key is made once and sent with every try of
 * that action, so a retry after a network failure is a replay the BFF answers with the first answer
 * instead of doing the work twice. A caller that lets the user retry by hand passes the same action again.
 */
export interface UserAction {
  readonly idempotencyKey: string
}
export const newUserAction = (): UserAction => ({ idempotencyKey: idempotencyKey() })

/**
 * The actions of one button: `start()` gives the action of a tap — the same one again when the previous
 * try got no answer (network failure or timeout: it may have landed, so the tap is a retry), a new one
 * otherwise; `settle(failure)` records how the try ended (null on success).
 */
export function actionTracker() {
  let pending: UserAction | null = null
  return {
    start: (): UserAction => (pending ??= newUserAction()),
    settle: (failure: ApiError | null) => {
      if (!failure || (failure.code !== 'NETWORK' && failure.code !== 'TIMEOUT')) pending = null
    },
  }
}

/**
 * Whether a request that got no answer may be sent again. GET and PUT are safe to repeat; a signed-in
 * POST carries its action's Idempotency-Key, so the BFF replays instead of repeating it. A POST without
 * a session has no such guard (the BFF keys replays by user) and is never repeated.
 */
const mayRepeat = (method: string) => method === 'get' || method === 'put' || (method === 'post' && Boolean(sessionToken()))

export type RequestConfig = AxiosRequestConfig & { action?: UserAction }

/** Sends one request, repeating it on network failure when that is safe (see mayRepeat). */
export async function request<T>({ action, ...config }: RequestConfig): Promise<T> {
  const method = (config.method ?? 'get').toLowerCase()
  if (method === 'post') {
    const headers = AxiosHeaders.from(config.headers as Record<string, string> | undefined)
    if (!headers.has('Idempotency-Key')) headers.set('Idempotency-Key', (action ?? newUserAction()).idempotencyKey)
    config.headers = headers
  }
  const retries = mayRepeat(method) ? RETRY_DELAYS_MS.length : 0
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await api.request<T>(config)
      return response.data
    } catch (error) {
      if (attempt < retries && isNetworkFailure(error)) {
        await sleep(RETRY_DELAYS_MS[attempt])
        continue
      }
      if (axios.isAxiosError(error) && error.response) {
        throw refused(error.response.status, error.response.data, AxiosHeaders.from(error.config?.headers).has('Authorization'))
      }
      throw toApiError(error)
    }
  }
}

/**
 * The BFF no longer accepts our token (expired or revoked): forget it and ask the user to sign in,
 * once, even when several requests fail together.
 */
function onSessionRejected() {
  const session = useSession.getState()
  if (!session.token) return
  session.clear()
  goToLogin().catch(() => undefined)
}

type Extra = Pick<RequestConfig, 'headers' | 'timeout' | 'action'>

export const http = {
  get: <T>(url: string, params?: Record<string, string | number | undefined>, extra?: Extra) => request<T>({ ...extra, method: 'get', url, params }),
  /** POST bodies are never empty: a JSON content type with no body is refused by the BFF. */
  post: <T>(url: string, data: object = {}, extra?: Extra) => request<T>({ ...extra, method: 'post', url, data }),
  put: <T>(url: string, data: object, extra?: Extra) => request<T>({ ...extra, method: 'put', url, data }),
  delete: <T>(url: string, extra?: Extra) => request<T>({ ...extra, method: 'delete', url }),
}

// ---------------------------------------------------------------- files: the same token, 401 handling and errors

export const UPLOAD_TIMEOUT_MS = 120_000

type RawAnswer = { statusCode: number; data: unknown }

/**
 * H5 sends the chosen File itself. Taro.uploadFile on H5 would first re-read the blob: URL with an
 * XHR, which the BFF's Content-Security-Policy (connect-src 'self') rightly blocks.
 */
function uploadWithXhr(url: string, headers: Record<string, string>, file: Blob, fileName: string, onProgress?: (percent: number) => void): Promise<RawAnswer> {
  const xhr = new XMLHttpRequest()
  return new Promise<RawAnswer>((resolve, reject) => {
    xhr.open('POST', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
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
function uploadWithTaro(
  url: string,
  headers: Record<string, string>,
  filePath: string,
  fileName: string,
  onProgress?: (percent: number) => void,
): Promise<RawAnswer> {
  const task = Taro.uploadFile({ url, filePath, name: 'file', fileName, header: headers, timeout: UPLOAD_TIMEOUT_MS } as Taro.uploadFile.Option)
  task.progress?.((update) => onProgress?.(update.progress))
  return task
}

export interface Upload {
  /** Path under the BFF, e.g. /api/v1/cases/…/files. */
  url: string
  /** weapp: the chosen file's temp path. */
  filePath: string
  /** H5: the chosen File (sent with XHR instead of Taro.uploadFile). */
  file?: Blob
  fileName: string
  onProgress?: (percent: number) => void
}

/** Uploads one file as multipart field `file`; the answer is the BFF's JSON, or an ApiError like any request. */
export async function upload<T>(input: Upload): Promise<T> {
  const url = `${BFF_BASE_URL}${input.url}`
  const headers = authHeader()
  let answer: RawAnswer
  try {
    answer = input.file
      ? await uploadWithXhr(url, headers, input.file, input.fileName, input.onProgress)
      : await uploadWithTaro(url, headers, input.filePath, input.fileName, input.onProgress)
  } catch (error) {
    throw transportError(error)
  }
  if (answer.statusCode >= 200 && answer.statusCode < 300) return JSON.parse(String(answer.data)) as T
  throw refused(answer.statusCode, answer.data, 'Authorization' in headers)
}

/**
 * Fetches a file from the BFF with the session's token into a local temp path (a blob URL on H5).
 * `failure` replaces the generic message of a refusal that is not the BFF's own `{ code, message }`.
 */
export async function download(url: string, failure?: string): Promise<string> {
  const headers = authHeader()
  let answer: Taro.downloadFile.FileSuccessCallbackResult
  try {
    answer = await Taro.downloadFile({ url: `${BFF_BASE_URL}${url}`, header: headers })
  } catch (error) {
    throw transportError(error)
  }
  if (answer.statusCode !== 200) throw refused(answer.statusCode, null, 'Authorization' in headers, failure)
  return answer.tempFilePath
}
