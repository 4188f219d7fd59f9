import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MinePage from '../../src/pages/mine/index'
import { MINE_ENTRIES, WORKBENCH_ENTRY } from '../../src/pages/mine/entries'
import { useSession } from '../../src/stores/session'
import { headerOf, mockBff } from './support/bff'
import { TOKEN, VERIFIED, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap } from './support/render'

const MESSAGES = {
  unread: 1,
  messages: [
    {
      id: 'm1',
      kind: 'queue_called',
      title: '请到3号窗口办理',
      body: 'A012 号请到3号窗口',
      link: '/pages/guide/item/index?id=abc',
      createdAt: '2026-11-21T02:05:00.000Z',
      read: false,
    },
    { id: 'm2', kind: 'case_result', title: '您的办件已办结', body: '营业执照已制证', link: null, createdAt: '2026-11-20T08:00:00.000Z', read: true },
  ],
}

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

test('signed out: offers login and keeps the entries visible', async () => {
  const bff = mockBff({})
  const nav = spyNavigation()
  renderPage(MinePage, '/pages/mine/index')

  expect(screen.getByText('您还未登录')).toBeTruthy()
  expect(MINE_ENTRIES.map((e) => e.title)).toEqual(['我的排号', '我的预约', '我的办件', '我的名称', '我的委托', '服务评价', '个人信息与隐私'])
  for (const entry of MINE_ENTRIES) {
    expect(screen.getByRole('button', { name: new RegExp(`^${entry.title}.*${entry.ready ? '' : '即将开放'}`) })).toBeTruthy()
  }
  // A shipped entry asks a signed-out user to log in first, then opens it.
  const shipped = MINE_ENTRIES.find((e) => e.ready)
  if (shipped) {
    tap(screen.getByRole('button', { name: new RegExp(`^${shipped.title}`) }))
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent(shipped.path)}` })
  }
  expect(screen.queryByText('工作台')).toBeNull()
  tap(screen.getByRole('button', { name: '登录 / 注册' }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/mine/index')}` })
  expect(bff.sent).toHaveLength(0)
})

test('signed in: masked identity, unread messages, and marking one read', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  const bff = mockBff({
    'GET /api/v1/me': { body: me({ realName: VERIFIED }) },
    'GET /api/v1/me/messages': { body: MESSAGES },
    'POST /api/v1/me/messages/m1/read': { body: { ok: true } },
  })
  const nav = spyNavigation()
  renderPage(MinePage, '/pages/mine/index')

  expect(screen.getByText('张*')).toBeTruthy()
  expect(screen.getByText('身份证：110105********002X')).toBeTruthy()
  expect(screen.getByText('手机号：138****8000')).toBeTruthy()
  expect(screen.getByText('已实名')).toBeTruthy()
  expect(await screen.findByText('1条未读')).toBeTruthy()
  expect(screen.getByText('您的办件已办结')).toBeTruthy()
  expect(screen.getByText('11-21 10:05')).toBeTruthy()
  expect(headerOf(bff.find('GET', '/api/v1/me/messages')[0], 'Authorization')).toBe(`Bearer ${TOKEN}`)

  tap(screen.getByRole('button', { name: /^未读请到3号窗口办理/ }))
  // (waitForElementToBeRemoved, not a failing expect in waitFor: printing a Taro element takes seconds)
  await waitForElementToBeRemoved(() => screen.queryByText('1条未读'))
  expect(bff.find('POST', '/api/v1/me/messages/m1/read')).toHaveLength(1)
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/guide/item/index?id=abc' })
})

test('a user without a real name is invited to verify', async () => {
  useSession.getState().signIn(session(me()))
  mockBff({ 'GET /api/v1/me': { body: me() }, 'GET /api/v1/me/messages': { body: { unread: 0, messages: [] } } })
  const nav = spyNavigation()
  renderPage(MinePage, '/pages/mine/index')

  expect(screen.getByText('未实名')).toBeTruthy()
  expect(await screen.findByText('暂无消息')).toBeTruthy()
  tap(screen.getByRole('button', { name: '去实名认证' }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/login/real-name?redirect=${encodeURIComponent('/pages/mine/index')}` })
})

test('staff see the 工作台 entry', async () => {
  const staff = me({ realName: VERIFIED, staff: [{ role: 'clerk', hallId: 'tianfu', windowId: 'tianfu-w1' }] })
  useSession.getState().signIn(session(staff))
  mockBff({ 'GET /api/v1/me': { body: staff }, 'GET /api/v1/me/messages': { body: { unread: 0, messages: [] } } })
  renderPage(MinePage, '/pages/mine/index')

  expect(screen.getByRole('button', { name: WORKBENCH_ENTRY.ready ? /^工作台/ : /^工作台.*即将开放/ })).toBeTruthy()
  await screen.findByText('暂无消息')
})

test('退出登录 revokes the session at the BFF and forgets it locally', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  const bff = mockBff({
    'GET /api/v1/me': { body: me({ realName: VERIFIED }) },
    'GET /api/v1/me/messages': { body: { unread: 0, messages: [] } },
    'POST /api/v1/auth/logout': { body: { ok: true } },
  })
  const toast = jest.spyOn(Taro, 'showToast')
  renderPage(MinePage, '/pages/mine/index')
  await screen.findByText('暂无消息')

  tap(screen.getByRole('button', { name: '退出登录' }))
  expect(await screen.findByText('您还未登录')).toBeTruthy()
  const [logout] = bff.find('POST', '/api/v1/auth/logout')
  expect(headerOf(logout, 'Authorization')).toBe(`Bearer ${TOKEN}`)
  expect(logout.body).toEqual({})
  expect(useSession.getState().token).toBeNull()
  expect(JSON.parse(Taro.getStorageSync('onetrip.session')).state.token).toBeNull()
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退出登录' }))
})

test('messages that fail to load show the error with a retry', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  mockBff({
    'GET /api/v1/me': { body: me({ realName: VERIFIED }) },
    'GET /api/v1/me/messages': { status: 500, raw: '<html>Bad Gateway</html>' },
  })
  renderPage(MinePage, '/pages/mine/index')

  const alert = await screen.findByRole('alert')
  expect(within(alert).getByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  expect(within(alert).getByRole('button', { name: '重新加载' })).toBeTruthy()
})

test('退出登录 with an already expired token signs out quietly, without bouncing to login', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  const bff = mockBff({
    'GET /api/v1/me': { body: me({ realName: VERIFIED }) },
    'GET /api/v1/me/messages': { body: { unread: 0, messages: [] } },
    'POST /api/v1/auth/logout': { status: 401, body: { code: 'UNAUTHORIZED', message: '请先登录' } },
  })
  const nav = spyNavigation()
  renderPage(MinePage, '/pages/mine/index')
  await screen.findByText('暂无消息')

  tap(screen.getByRole('button', { name: '退出登录' }))
  expect(await screen.findByText('您还未登录')).toBeTruthy()
  await waitFor(() => expect(bff.find('POST', '/api/v1/auth/logout')).toHaveLength(1))
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(nav.navigateTo).not.toHaveBeenCalled()
})
