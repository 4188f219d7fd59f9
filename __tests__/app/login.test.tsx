import { act, screen, waitFor } from '@testing-library/react'
import LoginPage from '../../src/pages/login/index'
import { useSession } from '../../src/stores/session'
import { headerOf, mockBff } from './support/bff'
import { TOKEN, VERIFIED, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'
import { currentLoginAgreement } from '../../src/domain/legal'

const URL_SAFE_KEY = /^[A-Za-z0-9_-]{16,}$/

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

test('refuses a malformed phone number without calling the BFF', async () => {
  const bff = mockBff({})
  renderPage(LoginPage, '/pages/login/index')

  await typeInto('手机号', '1380013')
  tap(screen.getByRole('button', { name: '获取验证码' }))
  expect(await screen.findByText('请输入正确的11位手机号码')).toBeTruthy()

  tap(screen.getByRole('button', { name: '登录' }))
  expect(await screen.findByText('请输入6位短信验证码')).toBeTruthy()
  expect(bff.sent).toHaveLength(0)
})

test('asks for consent with an unticked box: no sign-in until it is ticked, then the agreed versions go with it', async () => {
  const bff = mockBff({
    'POST /api/v1/auth/sms/send': { body: { resendAfterSeconds: 60, expiresInSeconds: 300, devCode: '123456' } },
    'POST /api/v1/auth/sms/login': { body: session(me({ realName: VERIFIED })) },
  })
  renderPage(LoginPage, '/pages/login/index')
  const box = screen.getByRole('checkbox', { name: '我已阅读并同意《用户服务协议》和《隐私政策》' })
  expect(box.getAttribute('aria-checked')).toBe('false')

  await typeInto('手机号', '13800138000')
  tap(screen.getByRole('button', { name: '获取验证码' }))
  await screen.findByText('开发环境验证码：123456')
  await typeInto('验证码', '123456')
  tap(screen.getByRole('button', { name: '登录' }))
  expect(await screen.findByText('请先阅读并勾选同意《用户服务协议》和《隐私政策》')).toBeTruthy()
  expect(bff.find('POST', '/api/v1/auth/sms/login')).toHaveLength(0)

  tap(box)
  expect(box.getAttribute('aria-checked')).toBe('true')
  expect(screen.queryByText('请先阅读并勾选同意《用户服务协议》和《隐私政策》')).toBeNull()
  tap(screen.getByRole('button', { name: '登录' }))
  await waitFor(() => expect(bff.find('POST', '/api/v1/auth/sms/login')).toHaveLength(1))
  expect(bff.find('POST', '/api/v1/auth/sms/login')[0].body).toMatchObject({ agreed: { terms: 'terms-2026-12', privacy: 'privacy-2026-12' } })
})

test('sends the code, shows the development hint and counts down', async () => {
  const bff = mockBff({ 'POST /api/v1/auth/sms/send': { body: { resendAfterSeconds: 60, expiresInSeconds: 300, devCode: '123456' } } })
  renderPage(LoginPage, '/pages/login/index')

  await typeInto('手机号', '138 0013 8000')
  tap(screen.getByRole('button', { name: '获取验证码' }))

  expect(await screen.findByText('开发环境验证码：123456')).toBeTruthy()
  expect(screen.getByRole('button', { name: '60秒后重发' }).getAttribute('aria-disabled')).toBe('true')
  const [send] = bff.find('POST', '/api/v1/auth/sms/send')
  expect(send.url).toBe('/api/v1/auth/sms/send')
  expect(send.body).toEqual({ phone: '13800138000' })
  expect(headerOf(send, 'Content-Type')).toMatch(/application\/json/)
  expect(headerOf(send, 'Idempotency-Key')).toMatch(URL_SAFE_KEY)
  expect(headerOf(send, 'Authorization')).toBeUndefined()

  // A second tap during the countdown sends nothing.
  tap(screen.getByRole('button', { name: '60秒后重发' }))
  expect(bff.find('POST', '/api/v1/auth/sms/send')).toHaveLength(1)
})

test('production sends no dev code, so no hint appears', async () => {
  mockBff({ 'POST /api/v1/auth/sms/send': { body: { resendAfterSeconds: 60, expiresInSeconds: 300 } } })
  renderPage(LoginPage, '/pages/login/index')
  await typeInto('手机号', '13800138000')
  tap(screen.getByRole('button', { name: '获取验证码' }))
  await screen.findByRole('button', { name: '60秒后重发' })
  expect(screen.queryByText(/开发环境验证码/)).toBeNull()
})

test('logs in, keeps the session and asks a new user for the real name', async () => {
  const bff = mockBff({
    'POST /api/v1/auth/sms/send': { body: { resendAfterSeconds: 60, expiresInSeconds: 300, devCode: '123456' } },
    'POST /api/v1/auth/sms/login': { body: session(me()) },
  })
  const nav = spyNavigation()
  renderPage(LoginPage, '/pages/login/index', { redirect: encodeURIComponent('/pages/guide/item/index?id=abc') })

  await typeInto('手机号', '13800138000')
  tap(screen.getByRole('button', { name: '获取验证码' }))
  await screen.findByText('开发环境验证码：123456')
  await typeInto('验证码', '123456')
  tap(screen.getByText('我已阅读并同意'))
  tap(screen.getByRole('button', { name: '登录' }))

  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalled())
  expect(nav.redirectTo).toHaveBeenCalledWith({
    url: `/pages/login/real-name?redirect=${encodeURIComponent('/pages/guide/item/index?id=abc')}`,
  })
  const [login] = bff.find('POST', '/api/v1/auth/sms/login')
  expect(login.body).toEqual({ phone: '13800138000', code: '123456', agreed: currentLoginAgreement() })
  const keys = bff.sent.map((r) => headerOf(r, 'Idempotency-Key'))
  expect(keys.every((key) => URL_SAFE_KEY.test(key ?? ''))).toBe(true)
  expect(new Set(keys).size).toBe(keys.length)
  expect(useSession.getState()).toMatchObject({ token: TOKEN, me: { phoneMasked: '138****8000' } })
})

test('a verified user goes straight back to the tab they came from', async () => {
  mockBff({ 'POST /api/v1/auth/sms/login': { body: session(me({ realName: VERIFIED })) } })
  const nav = spyNavigation()
  renderPage(LoginPage, '/pages/login/index', { redirect: '/pages/mine/index' })

  await typeInto('手机号', '13800138000')
  await typeInto('验证码', '123456')
  tap(screen.getByText('我已阅读并同意'))
  tap(screen.getByRole('button', { name: '登录' }))

  await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }))
  expect(nav.redirectTo).not.toHaveBeenCalled()
})

test('a redirect outside the app is ignored', async () => {
  mockBff({ 'POST /api/v1/auth/sms/login': { body: session(me({ realName: VERIFIED })) } })
  const nav = spyNavigation()
  renderPage(LoginPage, '/pages/login/index', { redirect: 'https://evil.example/phish' })
  await typeInto('手机号', '13800138000')
  await typeInto('验证码', '123456')
  tap(screen.getByText('我已阅读并同意'))
  tap(screen.getByRole('button', { name: '登录' }))
  await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
})

test('a wrong code shows the BFF message and keeps the user signed out', async () => {
  mockBff({ 'POST /api/v1/auth/sms/login': { status: 400, body: { code: 'SMS_CODE_WRONG', message: '验证码不正确，还可尝试4次' } } })
  const nav = spyNavigation()
  renderPage(LoginPage, '/pages/login/index')
  await typeInto('手机号', '13800138000')
  await typeInto('验证码', '654321')
  tap(screen.getByText('我已阅读并同意'))
  tap(screen.getByRole('button', { name: '登录' }))

  expect(await screen.findByText('验证码不正确，还可尝试4次')).toBeTruthy()
  expect(useSession.getState().token).toBeNull()
  expect(nav.navigateTo).not.toHaveBeenCalled()
})

describe('in the mini-program', () => {
  const h5 = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterEach(() => {
    process.env.TARO_ENV = h5
  })

  test('logs in with one tap through wx.login', async () => {
    const Taro = (await import('@tarojs/taro')).default
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    const bff = mockBff({ 'POST /api/v1/auth/wechat/login': { body: session(me({ phoneMasked: null, wechatBound: true, realName: VERIFIED })) } })
    const nav = spyNavigation()
    renderPage(LoginPage, '/pages/login/index')

    expect(screen.queryByLabelText('手机号')).toBeNull()
    tap(screen.getByText('我已阅读并同意'))
    await act(async () => tap(screen.getByText('微信一键登录')))

    await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(bff.find('POST', '/api/v1/auth/wechat/login')[0].body).toEqual({ code: 'wx-code-1', agreed: currentLoginAgreement() })
    expect(useSession.getState().me?.wechatBound).toBe(true)
  })

  test('a failed wx.login or a refused code shows why, and stays on the page', async () => {
    const Taro = (await import('@tarojs/taro')).default
    const login = jest.spyOn(Taro, 'login').mockRejectedValueOnce({ errMsg: 'login:fail' })
    mockBff({ 'POST /api/v1/auth/wechat/login': { status: 401, body: { code: 'UNAUTHORIZED', message: '微信登录失败，请重试' } } })
    const nav = spyNavigation()
    renderPage(LoginPage, '/pages/login/index')

    tap(screen.getByText('我已阅读并同意'))
    await act(async () => tap(screen.getByText('微信一键登录')))
    expect(await screen.findByText('微信登录失败，请重试')).toBeTruthy()

    login.mockResolvedValueOnce({ code: 'stale-code', errMsg: 'login:ok' })
    await act(async () => tap(screen.getByText('微信一键登录')))
    await waitFor(() => expect(login).toHaveBeenCalledTimes(2))
    expect(await screen.findByText('微信登录失败，请重试')).toBeTruthy()
    expect(useSession.getState().token).toBeNull()
    expect(nav.navigateTo).not.toHaveBeenCalled()
  })
})
