import { act, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import TakeNumberPage from '../../src/pages/queue/take/index'
import TicketPage from '../../src/pages/queue/ticket/index'
import QueueCheckinPage from '../../src/pages/queue/checkin/index'
import MyTicketsPage from '../../src/pages/queue/mine/index'
import WorkbenchPage from '../../src/pages/staff/index/index'
import WindowWorkbenchPage from '../../src/pages/staff/queue/window/index'
import HallScreenPage from '../../src/pages/staff/queue/screen/index'
import type { HallQueueStatus, Ticket, WindowView } from '../../src/services/queue'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { HALLS, TOKEN, VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap } from './support/render'
import { HallQueueStatusSchema, TicketSchema, WindowViewSchema } from '../../server/modules/queue/schemas'

const TICKET_ID = '7b9e2f6a-1111-4111-8111-111111111111'

const ticket = (overrides: Partial<Ticket> = {}): Ticket =>
  fixture(TicketSchema, {
    id: TICKET_ID,
    number: 'A023',
    status: 'waiting_checkin',
    source: 'remote',
    priority: null,
    serviceDate: '2026-11-24',
    hall: { id: 'tianfu', name: '天府新区政务服务中心', address: '华府大道一段（演示地址）', location: { lat: 30.4985, lng: 104.0712, geofenceMeters: 300 } },
    category: { id: 'tianfu-A', code: 'A', name: '综合窗口' },
    issuedAt: '2026-11-24T02:00:00.000Z',
    checkinDeadline: '2026-11-24T04:00:00.000Z',
    checkedInAt: null,
    ahead: 5,
    estimatedWaitMinutes: { min: 60, max: 108 },
    window: null,
    calledAt: null,
    recalls: 0,
    misses: 0,
    ...overrides,
  })

const STATUS: HallQueueStatus = fixture(HallQueueStatusSchema, {
  takingClosedReason: null,
  categories: [
    { id: 'tianfu-A', code: 'A', name: '综合窗口', waiting: 5, estimatedWaitMinutes: { min: 60, max: 108 }, remaining: 577 },
    { id: 'tianfu-B', code: 'B', name: '税务', waiting: 0, estimatedWaitMinutes: { min: 0, max: 0 }, remaining: 0 },
  ],
})

/** A stand-in for Taro's SocketTask that the test drives. */
function fakeSocket() {
  const handlers: Record<string, (arg: { data?: string }) => void> = {}
  const sent: string[] = []
  const task = {
    onOpen: (cb: () => void) => (handlers.open = cb),
    onMessage: (cb: (arg: { data?: string }) => void) => (handlers.message = cb),
    onClose: (cb: () => void) => (handlers.close = cb),
    onError: (cb: () => void) => (handlers.error = cb),
    send: ({ data }: { data: string }) => void sent.push(data),
    close: jest.fn(),
  }
  const spy = jest.spyOn(Taro, 'connectSocket').mockResolvedValue(task as never)
  return {
    spy,
    sent,
    open: () => act(() => handlers.open?.({})),
    push: (message: object) => act(() => handlers.message?.({ data: JSON.stringify(message) })),
  }
}

const signedIn = (overrides = {}) => useSession.getState().signIn(session(me({ realName: VERIFIED, ...overrides })))

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

describe('taking a number', () => {
  test('shows each category with its line, wait and numbers left, and opens the new ticket', async () => {
    signedIn()
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    const bff = mockBff({
      'GET /api/v1/halls': { body: { halls: HALLS } },
      'GET /api/v1/queue/halls/tianfu/status': { body: STATUS },
      'POST /api/v1/queue/tickets': { status: 201, body: ticket() },
    })
    const nav = spyNavigation()
    renderPage(TakeNumberPage, '/pages/queue/take/index', { hallId: 'tianfu' })

    expect(await screen.findByText('排队 5 人 · 预计等待约 60–108 分钟 · 余号 577')).toBeTruthy()
    expect(screen.getByText('排队 0 人 · 预计等待无需等待 · 余号 0')).toBeTruthy()
    expect(screen.getByText(/网上取号时间 09:00–16:30/)).toBeTruthy()
    expect(screen.getByRole('button', { name: '已取完' }).getAttribute('aria-disabled')).toBe('true')
    tap(screen.getByRole('button', { name: '取号' }))
    await waitFor(() => expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/queue/ticket/index?id=${TICKET_ID}` }))
    expect(bff.find('POST', '/api/v1/queue/tickets')[0].body).toEqual({ hallId: 'tianfu', categoryId: 'tianfu-A' })
  })

  test('says why taking is closed and offers no button', async () => {
    signedIn()
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    mockBff({
      'GET /api/v1/halls': { body: { halls: HALLS } },
      'GET /api/v1/queue/halls/tianfu/status': { body: { ...STATUS, takingClosedReason: '今日网上取号已于 16:30 截止（闭厅前 30 分钟），请明天再来' } },
    })
    renderPage(TakeNumberPage, '/pages/queue/take/index', { hallId: 'tianfu' })
    expect(await screen.findByText('今日网上取号已于 16:30 截止（闭厅前 30 分钟），请明天再来')).toBeTruthy()
    expect(screen.getByRole('button', { name: '取号' }).getAttribute('aria-disabled')).toBe('true')
  })

  test('shows the BFF refusal when the person already holds a number', async () => {
    signedIn()
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    mockBff({
      'GET /api/v1/halls': { body: { halls: HALLS } },
      'GET /api/v1/queue/halls/tianfu/status': { body: STATUS },
      'POST /api/v1/queue/tickets': { status: 409, body: { code: 'TICKET_ACTIVE', message: '您今日已有「综合窗口」的排队号 A007，请勿重复取号' } },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    renderPage(TakeNumberPage, '/pages/queue/take/index', { hallId: 'tianfu' })
    tap(await screen.findByRole('button', { name: '取号' }))
    await waitFor(() =>
      expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '未能取号', content: '您今日已有「综合窗口」的排队号 A007，请勿重复取号' })),
    )
  })

  test('signed out, taking goes to sign-in first', async () => {
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    const bff = mockBff({ 'GET /api/v1/halls': { body: { halls: HALLS } }, 'GET /api/v1/queue/halls/tianfu/status': { body: STATUS } })
    const nav = spyNavigation()
    renderPage(TakeNumberPage, '/pages/queue/take/index', { hallId: 'tianfu' })
    tap(await screen.findByRole('button', { name: '取号' }))
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/queue/take/index?hallId=tianfu')}` })
    expect(bff.find('POST', '/api/v1/queue/tickets')).toHaveLength(0)
  })
})

describe('the ticket page', () => {
  test('shows the check-in deadline, then "请到 2 号窗口" as soon as the live channel says the hall changed', async () => {
    signedIn()
    const socket = fakeSocket()
    let current = ticket({ status: 'waiting', checkedInAt: '2026-11-24T02:10:00.000Z', ahead: 1, estimatedWaitMinutes: { min: 12, max: 30 } })
    mockBff({ [`GET /api/v1/queue/tickets/${TICKET_ID}`]: () => ({ body: current }) })
    renderPage(TicketPage, '/pages/queue/ticket/index', { id: TICKET_ID })

    expect(await screen.findByText('A023')).toBeTruthy()
    expect(screen.getByText('约 12–30 分钟')).toBeTruthy()
    expect(screen.getByText('已于 10:10 签到，叫号时会通知您。')).toBeTruthy()
    await waitFor(() => expect(socket.spy).toHaveBeenCalledWith({ url: 'ws://localhost/api/v1/queue/live?hallId=tianfu' }))
    socket.open()
    expect(socket.sent).toEqual([JSON.stringify({ type: 'auth', token: TOKEN })])
    socket.push({ type: 'ready' })

    current = ticket({
      status: 'called',
      checkedInAt: '2026-11-24T02:10:00.000Z',
      ahead: null,
      estimatedWaitMinutes: null,
      window: { number: 2, name: '2号窗口' },
    })
    socket.push({ type: 'changed', hallId: 'tianfu' })
    expect(await screen.findByText('请到 2 号窗口')).toBeTruthy()
    expect(screen.getByText('已叫到您的号，请到 2 号窗口')).toBeTruthy()
  })

  test('falls back to polling when the live connection cannot open', async () => {
    signedIn()
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    let current = ticket()
    const bff = mockBff({ [`GET /api/v1/queue/tickets/${TICKET_ID}`]: () => ({ body: current }) })
    renderPage(TicketPage, '/pages/queue/ticket/index', { id: TICKET_ID })
    expect(await screen.findByText('请于今天 12:00 前到厅签到，签到后开始排队；逾时未签到，该号作废。')).toBeTruthy()
    expect(screen.getByText('到达服务中心后，用手机相机扫描大厅屏幕上的签到二维码，即可完成签到。')).toBeTruthy()
    current = ticket({ status: 'waiting', checkedInAt: '2026-11-24T02:30:00.000Z', ahead: 2 })
    expect(await screen.findByText('已于 10:30 签到，叫号时会通知您。')).toBeTruthy()
    expect(bff.find('GET', `/api/v1/queue/tickets/${TICKET_ID}`).length).toBeGreaterThanOrEqual(2)
  })

  test('cancels after confirmation', async () => {
    signedIn()
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    const bff = mockBff({
      [`GET /api/v1/queue/tickets/${TICKET_ID}`]: { body: ticket() },
      [`POST /api/v1/queue/tickets/${TICKET_ID}/cancel`]: { body: ticket({ status: 'cancelled', ahead: null, estimatedWaitMinutes: null }) },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    renderPage(TicketPage, '/pages/queue/ticket/index', { id: TICKET_ID })
    tap(await screen.findByRole('button', { name: '取消排号' }))
    expect(await screen.findByText('该号已取消。')).toBeTruthy()
    expect(bff.find('POST', `/api/v1/queue/tickets/${TICKET_ID}/cancel`)).toHaveLength(1)
    expect(screen.getByRole('button', { name: '重新取号' })).toBeTruthy()
  })

  test('explains a missing ticket', async () => {
    signedIn()
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    mockBff({ [`GET /api/v1/queue/tickets/${TICKET_ID}`]: { status: 404, body: { code: 'NOT_FOUND', message: '排队号不存在' } } })
    renderPage(TicketPage, '/pages/queue/ticket/index', { id: TICKET_ID })
    expect(await screen.findByText('排队号不存在')).toBeTruthy()
  })
})

test("the check-in link from the hall QR checks in the user's number at that hall", async () => {
  signedIn()
  const code = 'tianfu.abc12.0123456789abcdefghijkl'
  const bff = mockBff({
    'GET /api/v1/queue/tickets': {
      body: { tickets: [ticket(), ticket({ id: 'a0000000-0000-4000-8000-000000000002', number: 'A001', hall: { ...ticket().hall, id: 'kexuecheng' } })] },
    },
    [`POST /api/v1/queue/tickets/${TICKET_ID}/check-in`]: { body: ticket({ status: 'waiting' }) },
  })
  const nav = spyNavigation()
  renderPage(QueueCheckinPage, '/pages/queue/checkin/index', { token: code })
  tap(await screen.findByRole('button', { name: '为 A023 签到' }))
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/queue/ticket/index?id=${TICKET_ID}` }))
  expect(bff.find('POST', `/api/v1/queue/tickets/${TICKET_ID}/check-in`)[0].body).toEqual({ token: code })
  expect(screen.queryByRole('button', { name: '为 A001 签到' })).toBeNull()
})

test('my tickets lists active numbers first with where to go', async () => {
  signedIn()
  mockBff({
    'GET /api/v1/queue/tickets': {
      body: {
        tickets: [
          ticket({ id: 'a0000000-0000-4000-8000-000000000003', number: 'B002', status: 'done', category: { id: 'tianfu-B', code: 'B', name: '税务' } }),
          ticket({ id: 'a0000000-0000-4000-8000-000000000004', number: 'A023', status: 'called', window: { number: 2, name: '2号窗口' } }),
        ],
      },
    },
  })
  const nav = spyNavigation()
  renderPage(MyTicketsPage, '/pages/queue/mine/index')
  const rows = await screen.findAllByRole('button', { name: /^(A023|B002)/ })
  expect(rows.map((r) => r.textContent)).toEqual([expect.stringMatching(/A023.*综合窗口.*请到 2 号窗口/), expect.stringMatching(/B002.*税务.*已完成/)])
  tap(rows[0])
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/queue/ticket/index?id=a0000000-0000-4000-8000-000000000004' })
})

describe('staff pages', () => {
  const staffMe = { staff: [{ role: 'staff' as const, hallId: 'tianfu', windowId: 'tianfu-w2' }] }
  const windowView = (current: WindowView['current']): WindowView =>
    fixture(WindowViewSchema, {
      window: { id: 'tianfu-w2', number: 2, name: '2号窗口', hallId: 'tianfu', hallName: '天府新区政务服务中心' },
      current,
      lines: [{ code: 'A', name: '综合窗口', waiting: 4, waitingCheckin: 2 }],
      finishedToday: 7,
    })
  const called = {
    id: TICKET_ID,
    number: 'A023',
    status: 'called' as const,
    categoryCode: 'A',
    categoryName: '综合窗口',
    nameMasked: '张*',
    priority: null,
    checkinMethod: 'location' as const,
    recalls: 0,
    misses: 0,
    calledAt: null,
    servingAt: null,
  }

  test("the workbench lists the tools of the user's roles", async () => {
    signedIn(staffMe)
    mockBff({ 'GET /api/v1/me': { body: me({ realName: VERIFIED, ...staffMe }) }, 'GET /api/v1/halls': { body: { halls: HALLS } } })
    const nav = spyNavigation()
    renderPage(WorkbenchPage, '/pages/staff/index/index')
    expect(await screen.findByText('天府新区政务服务中心')).toBeTruthy()
    expect(screen.getByText('窗口人员（2号窗口）')).toBeTruthy()
    tap(screen.getByRole('button', { name: /^窗口叫号/ }))
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/queue/window/index?hallId=tianfu' })
  })

  test('the workbench refuses citizens', async () => {
    signedIn()
    mockBff({ 'GET /api/v1/me': { body: me({ realName: VERIFIED }) }, 'GET /api/v1/halls': { body: { halls: HALLS } } })
    renderPage(WorkbenchPage, '/pages/staff/index/index')
    expect(await screen.findByText('仅限工作人员使用')).toBeTruthy()
  })

  test('the window calls the next number and works on it', async () => {
    signedIn(staffMe)
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    // The BFF's state: polling re-reads it while the live channel is down.
    let state = windowView(null)
    const answer = (next: WindowView) => () => ({ body: (state = next) })
    const bff = mockBff({
      'GET /api/v1/staff/windows/tianfu-w2': () => ({ body: state }),
      'POST /api/v1/staff/windows/tianfu-w2/call-next': answer(windowView(called)),
      [`POST /api/v1/staff/windows/tianfu-w2/tickets/${TICKET_ID}/start`]: answer(windowView({ ...called, status: 'serving' })),
    })
    renderPage(WindowWorkbenchPage, '/pages/staff/queue/window/index', { hallId: 'tianfu' })
    expect(await screen.findByText('天府新区政务服务中心 今日已办结 7 人')).toBeTruthy()
    expect(screen.getByText('排队 4 人 待签到 2 人')).toBeTruthy()
    tap(screen.getByRole('button', { name: '叫下一位' }))
    const current = await screen.findByRole('status', { name: '当前 A023，叫号中' })
    expect(within(current).getByText('张* · 综合窗口')).toBeTruthy()
    // The phone's reported position proves nothing by itself: the window is told so.
    expect(within(current).getByText('定位签到（未核验）')).toBeTruthy()
    tap(within(current).getByRole('button', { name: '开始办理' }))
    expect(await screen.findByRole('button', { name: '办结' })).toBeTruthy()
    expect(bff.find('POST', `/api/v1/staff/windows/tianfu-w2/tickets/${TICKET_ID}/start`)).toHaveLength(1)
  })

  test('the hall screen shows the call being made with its masked name, the earlier calls, the lines and the check-in QR', async () => {
    signedIn(staffMe)
    jest.spyOn(Taro, 'connectSocket').mockRejectedValue(new Error('offline'))
    mockBff({
      'GET /api/v1/staff/halls/tianfu/screen': {
        body: {
          hall: { id: 'tianfu', name: '天府新区政务服务中心' },
          calls: [
            { number: 'A023', status: 'called', windowNumber: 2, nameMasked: '张*', calledAt: '2026-11-24T02:30:00.000Z' },
            { number: 'Y002', status: 'serving', windowNumber: 1, nameMasked: '欧***', calledAt: '2026-11-24T02:20:00.000Z' },
          ],
          lines: [{ code: 'A', name: '综合窗口', waiting: 4 }],
        },
      },
      'GET /api/v1/staff/halls/tianfu/checkin-code': {
        body: {
          token: 'tianfu.x.y',
          url: 'http://localhost/#/pages/queue/checkin/index?token=tianfu.x.y',
          qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
          rotatesAt: '2099-01-01T00:00:00.000Z',
        },
      },
    })
    renderPage(HallScreenPage, '/pages/staff/queue/screen/index', { hallId: 'tianfu' })
    const current = await screen.findByRole('log', { name: '正在叫号' })
    expect(within(current).getByText('A023')).toBeTruthy()
    expect(within(current).getByText('到 2 号窗口办理')).toBeTruthy()
    expect(within(current).getByText('张*')).toBeTruthy()
    const recent = screen.getByRole('list', { name: '最近叫号' })
    expect(within(recent).getByText('Y002')).toBeTruthy()
    expect(within(recent).getByText('1 号窗口')).toBeTruthy()
    expect(await screen.findByRole('img', { name: '签到二维码' })).toBeTruthy()
    expect(within(screen.getByRole('list', { name: '各业务等候人数' })).getByText('4 人')).toBeTruthy()
  })
})
