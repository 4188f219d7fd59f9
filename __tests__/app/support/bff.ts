import Taro from '@tarojs/taro'

/** One request as the app handed it to Taro.request. */
export interface SentRequest {
  method: string
  url: string
  path: string
  query: Record<string, string>
  header: Record<string, string>
  body: unknown
}

export type Reply = { status?: number; body?: unknown; raw?: string; header?: Record<string, string> } | 'network-error' | 'hang'
type Handler = (request: SentRequest) => Reply

/**
 * Fakes the BFF at the Taro.request level (below axios and the adapter), the way both targets
 * send traffic. Routes are "METHOD /path"; unknown routes answer 404 like the BFF does.
 */
export function mockBff(routes: Record<string, Reply | Handler>) {
  const sent: SentRequest[] = []
  const spy = jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
    const url = new URL(options.url, 'http://localhost')
    const request: SentRequest = {
      method: String(options.method ?? 'GET').toUpperCase(),
      url: options.url,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      header: (options.header ?? {}) as Record<string, string>,
      body: typeof options.data === 'string' && options.data ? JSON.parse(options.data) : options.data,
    }
    sent.push(request)
    const route = routes[`${request.method} ${request.path}`]
    const reply: Reply = typeof route === 'function' ? route(request) : (route ?? { status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } })
    if (reply === 'hang') return Object.assign(new Promise(() => undefined), { abort: () => undefined })
    if (reply === 'network-error') return Object.assign(Promise.reject({ errMsg: 'request:fail Failed to fetch' }), { abort: () => undefined })
    const data = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body))
    return Object.assign(
      Promise.resolve({
        statusCode: reply.status ?? 200,
        data,
        header: { 'content-type': 'application/json', ...reply.header },
        cookies: [],
        errMsg: 'request:ok',
      }),
      {
        abort: () => undefined,
      },
    )
  }) as unknown as typeof Taro.request)
  return { sent, spy, find: (method: string, path: string) => sent.filter((r) => r.method === method && r.path === path) }
}

/** Header lookup regardless of case, as HTTP does. */
export const headerOf = (request: SentRequest, name: string) => Object.entries(request.header).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
