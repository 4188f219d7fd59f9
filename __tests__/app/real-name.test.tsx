import { screen, waitFor } from '@testing-library/react'
import RealNamePage from '../../src/pages/login/real-name'
import { useSession } from '../../src/stores/session'
import { headerOf, mockBff } from './support/bff'
import { TOKEN, VERIFIED, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useSession.getState().signIn(session(me()))
})

test('refuses a wrong check digit on the device, without calling the BFF', async () => {
  const bff = mockBff({})
  renderPage(RealNamePage, '/pages/login/real-name')

  await typeInto('姓名', '张三')
  await typeInto('身份证号', '110105194912310021')
  tap(screen.getByRole('button', { name: '提交认证' }))

  expect(await screen.findByText('身份证号码校验位不正确，请核对后重新输入')).toBeTruthy()
  expect(bff.sent).toHaveLength(0)
})

test('checks the name and the number format too', async () => {
  const bff = mockBff({})
  renderPage(RealNamePage, '/pages/login/real-name')

  await typeInto('姓名', 'Zhang San')
  await typeInto('身份证号', '11010519491231')
  tap(screen.getByRole('button', { name: '提交认证' }))

  expect(await screen.findByText('请输入与身份证一致的中文姓名')).toBeTruthy()
  expect(screen.getByText('身份证号码应为18位，前17位为数字，最后一位为数字或X')).toBeTruthy()
  expect(bff.sent).toHaveLength(0)
})

test('binds a valid ID (lower-case x accepted) and returns where the user came from', async () => {
  const bff = mockBff({ 'PUT /api/v1/me/real-name': { body: me({ realName: VERIFIED }) } })
  const nav = spyNavigation()
  renderPage(RealNamePage, '/pages/login/real-name', { redirect: encodeURIComponent('/pages/guide/item/index?id=abc') })

  await typeInto('姓名', '张三')
  await typeInto('身份证号', '11010519491231002x')
  tap(screen.getByRole('checkbox', { name: /身份证号/ }))
  tap(screen.getByRole('button', { name: '提交认证' }))

  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/pages/guide/item/index?id=abc' }))
  const [put] = bff.find('PUT', '/api/v1/me/real-name')
  expect(put.body).toEqual({ name: '张三', idNumber: '11010519491231002X', sensitiveConsent: 'sensitive-id-2026-12' })
  expect(headerOf(put, 'Authorization')).toBe(`Bearer ${TOKEN}`)
  expect(headerOf(put, 'Idempotency-Key')).toBeUndefined()
  expect(useSession.getState().me?.realName).toEqual(VERIFIED)
})

test('asks separately, with an unticked box, for consent to process the ID number before binding', async () => {
  const bff = mockBff({ 'PUT /api/v1/me/real-name': { body: me({ realName: VERIFIED }) } })
  renderPage(RealNamePage, '/pages/login/real-name')
  const box = screen.getByRole('checkbox', { name: '我已阅读并同意《敏感个人信息（身份证号）处理规则》' })
  expect(box.getAttribute('aria-checked')).toBe('false')
  await typeInto('姓名', '张三')
  await typeInto('身份证号', '11010519491231002X')
  tap(screen.getByRole('button', { name: '提交认证' }))
  expect(await screen.findByText('请先阅读并勾选同意处理您的身份证号')).toBeTruthy()
  expect(bff.sent).toHaveLength(0)
  tap(box)
  tap(screen.getByRole('button', { name: '提交认证' }))
  await waitFor(() => expect(bff.find('PUT', '/api/v1/me/real-name')).toHaveLength(1))
})

const NOT_VERIFIED = '实名认证未通过：请核对姓名与身份证号是否与身份证一致；如确为本人仍无法认证，请携带身份证到服务中心窗口办理'

test('shows the BFF refusal: one neutral message whether the number is taken or does not match', async () => {
  mockBff({ 'PUT /api/v1/me/real-name': { status: 422, body: { code: 'REAL_NAME_NOT_VERIFIED', message: NOT_VERIFIED } } })
  const nav = spyNavigation()
  renderPage(RealNamePage, '/pages/login/real-name')

  await typeInto('姓名', '张三')
  await typeInto('身份证号', '11010519491231002X')
  tap(screen.getByRole('checkbox', { name: /身份证号/ }))
  tap(screen.getByRole('button', { name: '提交认证' }))

  expect(await screen.findByText(NOT_VERIFIED)).toBeTruthy()
  expect(nav.redirectTo).not.toHaveBeenCalled()
  expect(nav.switchTab).not.toHaveBeenCalled()
})

test('asks a signed-out visitor to log in first, keeping the destination', async () => {
  useSession.getState().clear()
  const nav = spyNavigation()
  renderPage(RealNamePage, '/pages/login/real-name', { redirect: '/pages/mine/index' })

  expect(screen.getByText('请先登录')).toBeTruthy()
  tap(screen.getByRole('button', { name: '去登录' }))
  expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/mine/index')}` })
})

test('an already verified user is told so instead of seeing the form', () => {
  useSession.getState().setMe(me({ realName: VERIFIED }))
  const nav = spyNavigation()
  renderPage(RealNamePage, '/pages/login/real-name')

  expect(screen.getByText('您已完成实名认证')).toBeTruthy()
  expect(screen.getByText('张*　110105********002X', { normalizer: (text) => text })).toBeTruthy()
  expect(screen.queryByLabelText('身份证号')).toBeNull()
  expect(screen.getByText('姓名和身份证号认证后不能在线修改，如需变更请携带身份证到服务中心窗口办理。')).toBeTruthy()
  tap(screen.getByRole('button', { name: '返回' }))
  expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})
