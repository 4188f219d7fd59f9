import Taro from '@tarojs/taro'
import { act, renderHook } from '@testing-library/react'
import { useAction } from '../../src/hooks/use-action'
import {
  ApiError,
  NETWORK_MESSAGE,
  TIMEOUT_MESSAGE,
  actionTracker,
  download,
  http,
  idempotencyKey,
  newUserAction,
  request,
  upload,
  type UserAction,
} from '../../src/services/http'
import { serverNow } from '../../src/services/server-time'
import { useSession } from '../../src/stores/session'
import { headerOf, mockBff } from './support/bff'
import { TOKEN, me, session } from './support/fixtures'
import { resetApp, spyNavigation } from './support/render'

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: unknown) => error as ApiError,
  )

test('parses JSON answers sent as text and passes query params', async () => {
  const bff = mockBff({ 'GET /api/v1/items': { body: { items: [{ id: 'a' }] } } })
  await expect(http.get('/api/v1/items', { hallId: 'tianfu', q: '营业 执照', skip: undefined })).resolves.toEqual({ items: [{ id: 'a' }] })
  const [sent] = bff.sent
  expect(sent.query).toEqual({ hallId: 'tianfu', q: '营业 执照' })
  expect(bff.spy.mock.calls[0][0]).toMatchObject({ method: 'GET', dataType: 'text', responseType: 'text', timeout: 11_000 })
})

test('maps a BFF refusal to its code, message and status', async () => {
  mockBff({ 'POST /api/v1/auth/sms/send': { status: 429, body: { code: 'RATE_LIMITED', message: '验证码发送过于频繁，请在42秒后重试' } } })
  const error = await failure(http.post('/api/v1/auth/sms/send', { phone: '13800138000' }))
  expect(error).toBeInstanceOf(ApiError)
  expect(error).toMatchObject({ code: 'RATE_LIMITED', message: '验证码发送过于频繁，请在42秒后重试', status: 429 })
})

test('maps a body that is not ours (a proxy page) to a generic message', async () => {
  mockBff({ 'GET /api/v1/halls': { status: 502, raw: '<html>502 Bad Gateway</html>' }, 'GET /api/v1/x': { status: 418, raw: '' } })
  expect(await failure(http.get('/api/v1/halls'))).toMatchObject({ code: 'SERVER', message: '服务暂时不可用，请稍后再试', status: 502 })
  expect(await failure(http.get('/api/v1/x'))).toMatchObject({ code: 'HTTP_418', status: 418 })
})

test('retries a GET twice on network failure, then reports it', async () => {
  let calls = 0
  const bff = mockBff({ 'GET /api/v1/halls': () => (++calls < 3 ? 'network-error' : { body: { halls: [] } }) })
  await expect(http.get('/api/v1/halls')).resolves.toEqual({ halls: [] })
  expect(bff.sent).toHaveLength(3)

  const dead = mockBff({ 'GET /api/v1/halls': 'network-error' })
  expect(await failure(http.get('/api/v1/halls'))).toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE })
  expect(dead.sent).toHaveLength(3)
})

test('never retries a POST without a session: the BFF keys replays by user, so it may already have landed', async () => {
  const bff = mockBff({ 'POST /api/v1/auth/sms/login': 'network-error' })
  expect(await failure(http.post('/api/v1/auth/sms/login', { phone: '13800138000', code: '123456' }))).toMatchObject({
    code: 'NETWORK',
    message: NETWORK_MESSAGE,
  })
  expect(bff.sent).toHaveLength(1)
})

test('does not retry an answered request', async () => {
  const bff = mockBff({ 'PUT /api/v1/me/real-name': { status: 400, body: { code: 'INVALID_NAME', message: '请输入与身份证一致的中文姓名' } } })
  await failure(http.put('/api/v1/me/real-name', { name: 'x', idNumber: 'y' }))
  expect(bff.sent).toHaveLength(1)
})

test('gives up after the timeout with the timeout message', async () => {
  mockBff({ 'POST /api/v1/slow': 'hang' })
  expect(await failure(request({ method: 'post', url: '/api/v1/slow', data: {}, timeout: 50 }))).toMatchObject({
    code: 'TIMEOUT',
    message: TIMEOUT_MESSAGE,
  })
})

test('a platform timeout (wx.request fail) reads as a timeout too', async () => {
  jest
    .spyOn(Taro, 'request')
    .mockImplementation((() => Object.assign(Promise.reject({ errMsg: 'request:fail timeout' }), { abort: () => undefined })) as unknown as typeof Taro.request)
  expect(await failure(http.post('/api/v1/x'))).toMatchObject({ code: 'TIMEOUT', message: TIMEOUT_MESSAGE })
})

test('POSTs carry a fresh url-safe Idempotency-Key and a JSON body; the session token goes as Bearer', async () => {
  useSession.getState().signIn(session(me()))
  const bff = mockBff({ 'POST /api/v1/me/messages/m1/read': { body: { ok: true } }, 'GET /api/v1/me': { body: me() } })
  await http.post('/api/v1/me/messages/m1/read')
  await http.post('/api/v1/me/messages/m1/read')
  await http.get('/api/v1/me')

  const [first, second, get] = bff.sent
  expect(headerOf(first, 'Idempotency-Key')).toMatch(/^[A-Za-z0-9_-]{16,100}$/)
  expect(headerOf(first, 'Idempotency-Key')).not.toBe(headerOf(second, 'Idempotency-Key'))
  expect(first.body).toEqual({})
  expect(headerOf(first, 'Authorization')).toBe(`Bearer ${TOKEN}`)
  expect(headerOf(get, 'Authorization')).toBe(`Bearer ${TOKEN}`)
  expect(headerOf(get, 'Idempotency-Key')).toBeUndefined()
})

test('idempotency keys are url-safe even without crypto (weapp)', () => {
  const original = globalThis.crypto
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
  try {
    const keys = new Set(Array.from({ length: 50 }, () => idempotencyKey()))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/)
  } finally {
    Object.defineProperty(globalThis, 'crypto', { value: original, configurable: true })
  }
})

test('a 401 on a signed-in request ends the session and opens login', async () => {
  useSession.getState().signIn(session(me()))
  mockBff({ 'GET /api/v1/me': { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } } })
  const nav = spyNavigation()
  expect(await failure(http.get('/api/v1/me'))).toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
  expect(useSession.getState().token).toBeNull()
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/index/index')}` })
})

test('several 401s at once open login only once', async () => {
  useSession.getState().signIn(session(me()))
  mockBff({
    'GET /api/v1/me': { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } },
    'GET /api/v1/me/messages': { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } },
  })
  const nav = spyNavigation()
  await Promise.all([failure(http.get('/api/v1/me')), failure(http.get('/api/v1/me/messages'))])
  expect(nav.navigateTo).toHaveBeenCalledTimes(1)
})

test("a 401 during real-name binding sends the user to login with the flow's own destination", async () => {
  useSession.getState().signIn(session(me()))
  mockBff({ 'PUT /api/v1/me/real-name': { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } } })
  const nav = spyNavigation()
  const { Current } = await import('@tarojs/runtime')
  Current.router = {
    path: '/pages/login/real-name',
    params: { redirect: encodeURIComponent('/pages/guide/item/index?id=abc') },
  } as unknown as typeof Current.router
  await failure(http.put('/api/v1/me/real-name', { name: '张三', idNumber: '11010519491231002X' }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/guide/item/index?id=abc')}` })
})

test('a 401 without a session (e.g. WeChat login refused) is just an error', async () => {
  mockBff({ 'POST /api/v1/auth/wechat/login': { status: 401, body: { code: 'UNAUTHORIZED', message: '微信登录失败，请重试' } } })
  const nav = spyNavigation()
  expect(await failure(http.post('/api/v1/auth/wechat/login', { code: 'x' }))).toMatchObject({ message: '微信登录失败，请重试' })
  expect(nav.navigateTo).not.toHaveBeenCalled()
})

test("a stored session is restored whatever the device's clock says, and the BFF's 401 ends it", async () => {
  // The session's expiry is the BFF's business: a phone whose clock runs a year ahead keeps its session.
  jest.useFakeTimers({ now: new Date('2099-06-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] })
  try {
    Taro.setStorageSync('onetrip.session', JSON.stringify({ state: { token: TOKEN, expiresAt: '2000-01-01T00:00:00.000Z', me: me() }, version: 0 }))
    await useSession.persist.rehydrate()
    expect(useSession.getState()).toMatchObject({ token: TOKEN, me: me() })
  } finally {
    jest.useRealTimers()
  }

  mockBff({ 'GET /api/v1/me': { status: 401, body: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } } })
  const nav = spyNavigation()
  await failure(http.get('/api/v1/me'))
  expect(useSession.getState().token).toBeNull()
  expect(nav.navigateTo).toHaveBeenCalled()
})

test("the app keeps the BFF's time from every answer, refusals included, whatever the device's clock says", async () => {
  const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString()
  mockBff({
    'GET /api/v1/items': { body: { items: [] }, header: { 'x-server-time': inAYear } },
    'GET /api/v1/me': { status: 403, body: { code: 'FORBIDDEN', message: '无权访问' }, header: { 'x-server-time': '2026-11-24T02:00:00.000Z' } },
  })
  await http.get('/api/v1/items')
  expect(Math.abs(serverNow().getTime() - Date.parse(inAYear))).toBeLessThan(5_000)
  await failure(http.get('/api/v1/me'))
  expect(Math.abs(serverNow().getTime() - Date.parse('2026-11-24T02:00:00.000Z'))).toBeLessThan(5_000)
})

test('a signed-in POST that got no answer is sent again with the same Idempotency-Key, so the BFF replays it', async () => {
  useSession.getState().signIn(session(me()))
  let calls = 0
  const bff = mockBff({ 'POST /api/v1/queue/tickets': () => (++calls < 3 ? 'network-error' : { body: { id: 't1' } }) })
  await expect(http.post('/api/v1/queue/tickets', { hallId: 'tianfu', categoryId: 'tianfu-A' })).resolves.toEqual({ id: 't1' })
  expect(bff.sent).toHaveLength(3)
  const keys = bff.sent.map((sent) => headerOf(sent, 'Idempotency-Key'))
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{22}$/)
  expect(new Set(keys).size).toBe(1)
})

test('one user action keeps its Idempotency-Key when the user retries it by hand; a new action gets a new key', async () => {
  useSession.getState().signIn(session(me()))
  const bff = mockBff({ 'POST /api/v1/cases/c1/submit': 'network-error' })
  const action = newUserAction()
  const submit = () => http.post('/api/v1/cases/c1/submit', { deferredCodes: [] }, { action })
  expect(await failure(submit())).toMatchObject({ code: 'NETWORK' })
  expect(await failure(submit())).toMatchObject({ code: 'NETWORK' })
  await failure(http.post('/api/v1/cases/c1/submit', { deferredCodes: [] }, { action: newUserAction() }))
  const keys = bff.sent.map((sent) => headerOf(sent, 'Idempotency-Key'))
  expect(keys).toHaveLength(9)
  expect(new Set(keys.slice(0, 6)).size).toBe(1)
  expect(keys[6]).not.toBe(keys[0])
  expect(keys[0]).toBe(action.idempotencyKey)
})

const uploadTask = (answer: Promise<{ statusCode: number; data: string }>) => Object.assign(answer, { progress: jest.fn() })

test('uploads go through the one transport: token, the BFF answer, and its refusals mapped like any request', async () => {
  useSession.getState().signIn(session(me()))
  const spy = jest
    .spyOn(Taro, 'uploadFile')
    .mockImplementationOnce((() =>
      uploadTask(Promise.resolve({ statusCode: 201, data: JSON.stringify({ file: { id: 'f1' } }) }))) as unknown as typeof Taro.uploadFile)
    .mockImplementationOnce((() =>
      uploadTask(
        Promise.resolve({ statusCode: 413, data: JSON.stringify({ code: 'FILE_TOO_LARGE', message: '文件过大' }) }),
      )) as unknown as typeof Taro.uploadFile)
    .mockImplementationOnce((() => uploadTask(Promise.reject({ errMsg: 'uploadFile:fail timeout' }))) as unknown as typeof Taro.uploadFile)
  const input = { url: '/api/v1/cases/c1/materials/m1/files', filePath: 'wxfile://tmp/a.jpg', fileName: 'a.jpg' }
  await expect(upload(input)).resolves.toEqual({ file: { id: 'f1' } })
  expect(spy.mock.calls[0][0]).toMatchObject({ name: 'file', header: { Authorization: `Bearer ${TOKEN}` } })
  expect(await failure(upload(input))).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件过大', status: 413 })
  expect(await failure(upload(input))).toMatchObject({ code: 'TIMEOUT', message: TIMEOUT_MESSAGE })
})

test('a 401 to an upload or a download ends the session once, like any request', async () => {
  useSession.getState().signIn(session(me()))
  const nav = spyNavigation()
  jest
    .spyOn(Taro, 'uploadFile')
    .mockImplementation((() =>
      uploadTask(
        Promise.resolve({ statusCode: 401, data: JSON.stringify({ code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' }) }),
      )) as unknown as typeof Taro.uploadFile)
  expect(await failure(upload({ url: '/api/v1/cases/c1/materials/m1/files', filePath: 'x', fileName: 'a.jpg' }))).toMatchObject({
    code: 'UNAUTHORIZED',
    status: 401,
  })
  expect(useSession.getState().token).toBeNull()
  expect(nav.navigateTo).toHaveBeenCalledTimes(1)

  useSession.getState().signIn(session(me()))
  jest.spyOn(Taro, 'downloadFile').mockImplementation((() => Promise.resolve({ statusCode: 401, tempFilePath: '' })) as unknown as typeof Taro.downloadFile)
  expect(await failure(download('/api/v1/authorizations/a1/pdf', '委托书文件下载失败，请稍后重试'))).toMatchObject({ status: 401 })
  expect(useSession.getState().token).toBeNull()
  expect(nav.navigateTo).toHaveBeenCalledTimes(2)
})

test("a download refusal without a BFF body takes the caller's message; a failed transfer reads as a network failure", async () => {
  useSession.getState().signIn(session(me()))
  const spy = jest
    .spyOn(Taro, 'downloadFile')
    .mockImplementationOnce((() => Promise.resolve({ statusCode: 404, tempFilePath: '' })) as unknown as typeof Taro.downloadFile)
    .mockImplementationOnce((() => Promise.reject({ errMsg: 'downloadFile:fail' })) as unknown as typeof Taro.downloadFile)
    .mockImplementationOnce((() => Promise.resolve({ statusCode: 200, tempFilePath: 'blob:x' })) as unknown as typeof Taro.downloadFile)
  expect(await failure(download('/api/v1/authorizations/a1/pdf', '委托书文件下载失败，请稍后重试'))).toMatchObject({
    code: 'HTTP_404',
    message: '委托书文件下载失败，请稍后重试',
  })
  expect(await failure(download('/api/v1/authorizations/a1/pdf'))).toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE })
  await expect(download('/api/v1/authorizations/a1/pdf')).resolves.toBe('blob:x')
  expect(spy.mock.calls[2][0]).toMatchObject({ header: { Authorization: `Bearer ${TOKEN}` } })
})

test('a button keeps its action after a try that got no answer, and starts a new one after an answer', () => {
  const actions = actionTracker()
  const first = actions.start()
  actions.settle(new ApiError('NETWORK', NETWORK_MESSAGE))
  expect(actions.start()).toBe(first)
  actions.settle(new ApiError('TIMEOUT', TIMEOUT_MESSAGE))
  expect(actions.start()).toBe(first)
  actions.settle(null)
  const second = actions.start()
  expect(second.idempotencyKey).not.toBe(first.idempotencyKey)
  actions.settle(new ApiError('SLOT_FULL', '该时段已约满', 409))
  expect(actions.start()).not.toBe(second)
})

test('useAction: tapping again after a network failure resends the same Idempotency-Key; the next action gets a new one', async () => {
  useSession.getState().signIn(session(me()))
  let landed = false
  const bff = mockBff({ 'POST /api/v1/appointments': () => (landed ? { status: 201, body: { appointment: { id: 'a1' } } } : 'network-error') })
  const { result } = renderHook(() => useAction())
  const book = (action: UserAction) => http.post('/api/v1/appointments', { slotId: 's1', itemId: 'i1' }, { action })
  await act(() => result.current.run(book))
  expect(result.current.error).toBe(NETWORK_MESSAGE)
  landed = true
  await act(() => result.current.run(book))
  expect(result.current.error).toBeNull()
  await act(() => result.current.run(book))
  const keys = bff.sent.map((sent) => headerOf(sent, 'Idempotency-Key'))
  expect(keys).toHaveLength(5)
  expect(new Set(keys.slice(0, 4)).size).toBe(1)
  expect(keys[4]).not.toBe(keys[0])
})
