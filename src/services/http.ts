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

const RETRYABLE_METHODS = new Set(['get', 'put'])
/** Waits before the 1st and 2nd retry. */
export const RETRY_DELAYS_MS = [400, 1200]

export const api = axios.create({
  adapter: taroAdapter,
  baseURL: BFF_BASE_URL,
  timeout: REQUEST_TIMEOUT_MS,
  headers: { Accept: 'application/json' },
})

api.interceptors.request.use((config) => {
  const headers = AxiosHeaders.from(config.headers)
  const token = useSession.getState().token
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`)
  if (config.method?.toLowerCase() === 'post' && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', idempotencyKey())
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
const isNetworkFailure = (error: unknown) =>
  axios.isAxiosError(error) && !error.response && error.code !== AxiosError.ERR_CANCELED

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (!axios.isAxiosError(error)) return new ApiError('UNKNOWN', '操作失败，请稍后重试')
  if (error.code === AxiosError.ERR_CANCELED) return new ApiError('CANCELED', '请求已取消')
  const response = error.response
  if (!response) return isTimeout(error) ? new ApiError('TIMEOUT', TIMEOUT_MESSAGE) : new ApiError('NETWORK', NETWORK_MESSAGE)
  const body = response.data as { code?: unknown; message?: unknown } | null
  if (body && typeof body === 'object' && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(body.code, body.message, response.status)
  }
  if (response.status >= 500) return new ApiError('SERVER', SERVER_MESSAGE, response.status)
  return new ApiError(`HTTP_${response.status}`, `请求失败（${response.status}），请稍后重试`, response.status)
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Sends one request; GET and PUT are retried on network failure, POST never (it may have landed). */
export async function request<T>(config: AxiosRequestConfig): Promise<T> {
  const method = (config.method ?? 'get').toLowerCase()
  const retries = RETRYABLE_METHODS.has(method) ? RETRY_DELAYS_MS.length : 0
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await api.request<T>(config)
      return response.data
    } catch (error) {
      if (attempt < retries && isNetworkFailure(error)) {
        await sleep(RETRY_DELAYS_MS[attempt])
        continue
      }
      const apiError = toApiError(error)
      if (apiError.status === 401 && sentToken(error)) onSessionRejected()
      throw apiError
    }
  }
}

const sentToken = (error: unknown) =>
  axios.isAxiosError(error) && AxiosHeaders.from(error.config?.headers).has('Authorization')

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

type Extra = Pick<AxiosRequestConfig, 'headers' | 'timeout'>

export const http = {
  get: <T>(url: string, params?: Record<string, string | number | undefined>, extra?: Extra) =>
    request<T>({ ...extra, method: 'get', url, params }),
  /** POST bodies are never empty: a JSON content type with no body is refused by the BFF. */
  post: <T>(url: string, data: object = {}, extra?: Extra) => request<T>({ ...extra, method: 'post', url, data }),
  put: <T>(url: string, data: object, extra?: Extra) => request<T>({ ...extra, method: 'put', url, data }),
}
