import Taro from '@tarojs/taro'
import axios, { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios'

/**
 * axios has no adapter in the mini-program runtime; this one sends every request through
 * `Taro.request` (wx.request on weapp, fetch on H5) so both targets share one code path.
 * The body comes back as text and axios's own transformResponse parses the JSON.
 */
export const taroAdapter: AxiosAdapter = (config) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const headers = AxiosHeaders.from(config.headers)
    if (config.data === undefined || config.data === null) headers.setContentType(null)
    let settled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = (done: () => void) => {
      if (settled) return
      settled = true
      if (timer) clearTimeout(timer)
      done()
    }

    const task = Taro.request({
      url: axios.getUri(config),
      method: (config.method ?? 'get').toUpperCase() as keyof Taro.request.Method,
      header: headers.toJSON(true),
      data: config.data ?? undefined,
      dataType: 'text',
      responseType: 'text',
      // Our own timer below decides; the platform's is only a backstop.
      timeout: config.timeout ? config.timeout + 1000 : undefined,
    })

    if (config.timeout) {
      timer = setTimeout(() => {
        settle(() => reject(new AxiosError('请求超时', AxiosError.ETIMEDOUT, config, task)))
        task.abort?.()
      }, config.timeout)
    }
    const signal = config.signal as AbortSignal | undefined
    signal?.addEventListener?.('abort', () => {
      settle(() => reject(new AxiosError('请求已取消', AxiosError.ERR_CANCELED, config, task)))
      task.abort?.()
    })

    task.then(
      (res) =>
        settle(() => {
          const response: AxiosResponse = {
            data: res.data,
            status: res.statusCode,
            statusText: String(res.statusCode),
            headers: AxiosHeaders.from(res.header as Record<string, string>),
            config,
            request: task,
          }
          if (!config.validateStatus || config.validateStatus(res.statusCode)) return resolve(response)
          const code = res.statusCode >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST
          reject(new AxiosError(`Request failed with status code ${res.statusCode}`, code, config, task, response))
        }),
      (error: { errMsg?: string; message?: string }) =>
        settle(() => {
          const text = error?.errMsg ?? error?.message ?? 'request:fail'
          const code = /time ?out/i.test(text) ? AxiosError.ETIMEDOUT : AxiosError.ERR_NETWORK
          reject(new AxiosError(text, code, config, task))
        }),
    )
  })
