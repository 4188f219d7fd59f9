import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AdminCategoryPage from '../../src/pages/admin/category/index'
import AdminHallPage from '../../src/pages/admin/hall/index'
import AdminStaffPage from '../../src/pages/admin/staff/index'
import AdminWindowPage from '../../src/pages/admin/window/index'
import WorkbenchPage from '../../src/pages/staff/index/index'
import type { HallAdmin, StaffMember } from '../../src/services/admin'
import { useSession } from '../../src/stores/session'
import { HallAdminSchema, StaffMemberSchema } from '../../server/modules/admin/schemas'
import { HUAYANG_SETTINGS } from '../support/hall-settings'
import { mockBff } from './support/bff'
import { HALLS, fixture, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'

const HALL: HallAdmin = fixture(HallAdminSchema, {
  id: 'huayang',
  ...HUAYANG_SETTINGS,
  categories: [{ id: 'huayang-A', code: 'A', name: '综合受理', dailyQuota: 100, perPersonDailyCap: 2, avgHandleMinutes: 10, elderlyPriorityAge: null }],
  windows: [{ id: 'huayang-w1', number: 1, name: '综合窗口', categoryCodes: ['A'], priority: false, paused: false }],
})
const STAFF: StaffMember[] = [
  fixture(StaffMemberSchema, {
    userId: '8d3c6a52-4a39-4d5e-9d0e-1b2f3a4b5c6d',
    nameMasked: '未实名',
    phoneMasked: '137****0001',
    roles: [{ role: 'staff', windowNumber: 1 }],
    disabled: false,
    lastActiveAt: null,
  }),
]
const base = '/api/v1/admin/halls/huayang'
const refused = (status: number, message: string) => ({ status, body: { code: 'BAD_REQUEST', message } })
const fieldOf = (label: string) => screen.getByLabelText(label)

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useSession.getState().signIn(session(me({ staff: [{ role: 'admin', hallId: 'huayang', windowId: null }] })))
})

describe('forms show the refusal under the field it names', () => {
  test('a category: a number field that is not a number is caught before sending; the BFF’s message lands under its field', async () => {
    const bff = mockBff({
      [`GET ${base}`]: { body: HALL },
      [`POST ${base}/categories`]: refused(400, '类别名称不能为空或过短'),
    })
    renderPage(AdminCategoryPage, '/pages/admin/category/index', { hallId: 'huayang' })
    await typeInto('类别代码', 'B')
    await typeInto('每日号源', '一百')
    tap(screen.getByRole('button', { name: '新建排队类别' }))
    expect(await screen.findByText('每日号源请填写数字')).toBeTruthy()
    await waitFor(() => expect(fieldOf('每日号源').getAttribute('aria-invalid')).toBe('true'))
    expect(bff.find('POST', `${base}/categories`)).toHaveLength(0)

    await typeInto('每日号源', '80')
    tap(screen.getByRole('button', { name: '新建排队类别' }))
    expect(await screen.findByText('类别名称不能为空或过短')).toBeTruthy()
    await waitFor(() => expect(fieldOf('类别名称').getAttribute('aria-invalid')).toBe('true'))
    expect(fieldOf('每日号源').getAttribute('aria-invalid')).toBe('false')
    expect(bff.find('POST', `${base}/categories`)[0].body).toEqual({
      code: 'B',
      name: '',
      dailyQuota: 80,
      perPersonDailyCap: 2,
      avgHandleMinutes: 10,
      elderlyPriorityAge: null,
    })
  })

  test('a refusal that names no field is shown at the foot of the form; a saved category goes back to the hall', async () => {
    let answer: object = refused(409, '本中心已有类别 A')
    mockBff({ [`GET ${base}`]: { body: HALL }, [`POST ${base}/categories`]: () => answer })
    const nav = spyNavigation()
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([]) // opened directly: there is no hall page to go back to
    renderPage(AdminCategoryPage, '/pages/admin/category/index', { hallId: 'huayang' })
    await typeInto('类别代码', 'a')
    await typeInto('类别名称', '综合受理')
    tap(screen.getByRole('button', { name: '新建排队类别' }))
    expect((await screen.findByRole('alert')).textContent).toBe('本中心已有类别 A')

    answer = { status: 201, body: HALL }
    await typeInto('类别代码', 'B')
    tap(screen.getByRole('button', { name: '新建排队类别' }))
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/pages/admin/hall/index?hallId=huayang' }))
  })

  test('hall settings: the opening-hours rule is shown under 结束办公时间, and the settings sent are the hall’s own', async () => {
    const bff = mockBff({
      [`GET ${base}`]: { body: HALL },
      [`PUT ${base}`]: refused(400, '结束办公时间须晚于开始办公时间'),
    })
    renderPage(AdminHallPage, '/pages/admin/hall/index', { hallId: 'huayang' })
    await typeInto('结束办公时间', '08:00')
    await typeInto('纬度', '30.51')
    tap(screen.getByRole('button', { name: '保存服务中心设置' }))
    expect(await screen.findByText('结束办公时间须晚于开始办公时间')).toBeTruthy()
    await waitFor(() => expect(fieldOf('结束办公时间').getAttribute('aria-invalid')).toBe('true'))
    const { id: _id, categories: _c, windows: _w, ...settings } = HALL
    expect(bff.find('PUT', base)[0].body).toEqual({ ...settings, closeTime: '08:00', lat: 30.51 })
  })

  test('a window needs at least one category before it is sent', async () => {
    const bff = mockBff({ [`GET ${base}`]: { body: HALL } })
    renderPage(AdminWindowPage, '/pages/admin/window/index', { hallId: 'huayang' })
    await typeInto('窗口号', '2')
    await typeInto('窗口名称', '企业窗口')
    tap(screen.getByRole('button', { name: '新建窗口' }))
    expect(await screen.findByText('请至少选择一个办理类别')).toBeTruthy()
    expect(bff.find('POST', `${base}/windows`)).toHaveLength(0)
  })
})

describe('switches that stop work ask first', () => {
  test('暂停服务 asks for confirmation: cancelled, nothing is sent; confirmed, the window shows as paused', async () => {
    const bff = mockBff({
      [`GET ${base}`]: { body: HALL },
      [`POST ${base}/windows/1/pause`]: { body: { ...HALL, windows: [{ ...HALL.windows[0], paused: true }] } },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' } as never)
    renderPage(AdminHallPage, '/pages/admin/hall/index', { hallId: 'huayang' })
    tap(await screen.findByRole('button', { name: '暂停服务' }))
    await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '1号窗口暂停服务', confirmText: '暂停服务' })))
    expect(bff.find('POST', `${base}/windows/1/pause`)).toHaveLength(0)

    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    tap(screen.getByRole('button', { name: '暂停服务' }))
    expect(await screen.findByRole('button', { name: '恢复' })).toBeTruthy()
    expect(bff.find('POST', `${base}/windows/1/pause`)).toHaveLength(1)
  })

  test('停用 asks for confirmation naming the person, then shows them as 已停用', async () => {
    const bff = mockBff({
      [`GET ${base}`]: { body: HALL },
      [`GET ${base}/staff`]: { body: { staff: STAFF } },
      [`POST ${base}/staff/${STAFF[0].userId}/disable`]: { body: { staff: [{ ...STAFF[0], disabled: true }] } },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    renderPage(AdminStaffPage, '/pages/admin/staff/index', { hallId: 'huayang' })
    expect(await screen.findByText('窗口人员（1号窗口）')).toBeTruthy()
    tap(screen.getByRole('button', { name: '停用' }))
    expect(await screen.findByText('已停用')).toBeTruthy()
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '停用工作人员', content: expect.stringContaining('137****0001') }))
    expect(bff.find('POST', `${base}/staff/${STAFF[0].userId}/disable`)).toHaveLength(1)
  })

  test('an invitation refused for its phone shows the message under 手机号', async () => {
    mockBff({
      [`GET ${base}`]: { body: HALL },
      [`GET ${base}/staff`]: { body: { staff: STAFF } },
      [`POST ${base}/staff`]: refused(400, '手机号不能为空或过短'),
    })
    renderPage(AdminStaffPage, '/pages/admin/staff/index', { hallId: 'huayang' })
    await typeInto('手机号', '1380')
    tap(await screen.findByRole('button', { name: '邀请' }))
    expect(await screen.findByText('手机号不能为空或过短')).toBeTruthy()
    await waitFor(() => expect(fieldOf('手机号').getAttribute('aria-invalid')).toBe('true'))
  })
})

describe('the workbench offers 管理 to administrators only', () => {
  test('a platform administrator without a hall role gets 平台管理; a hall administrator gets 服务中心管理 at their hall', async () => {
    const nav = spyNavigation()
    const platform = me({ platformAdmin: true })
    useSession.getState().signIn(session(platform))
    mockBff({ 'GET /api/v1/me': { body: platform }, 'GET /api/v1/halls': { body: { halls: HALLS } } })
    const first = renderPage(WorkbenchPage, '/pages/staff/index/index')
    tap(await screen.findByRole('button', { name: /^服务中心管理/ }))
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/index' })
    first.unmount()

    const hallAdmin = me({ staff: [{ role: 'admin', hallId: 'tianfu', windowId: null }] })
    useSession.getState().signIn(session(hallAdmin))
    mockBff({ 'GET /api/v1/me': { body: hallAdmin }, 'GET /api/v1/halls': { body: { halls: HALLS } } })
    renderPage(WorkbenchPage, '/pages/staff/index/index')
    tap(await screen.findByRole('button', { name: /^服务中心管理/ }))
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/admin/hall/index?hallId=tianfu' })
    expect(screen.queryByText('平台管理')).toBeNull()
  })

  test('window staff do not see it', async () => {
    const staff = me({ staff: [{ role: 'staff', hallId: 'tianfu', windowId: 'tianfu-w1' }] })
    useSession.getState().signIn(session(staff))
    mockBff({ 'GET /api/v1/me': { body: staff }, 'GET /api/v1/halls': { body: { halls: HALLS } } })
    renderPage(WorkbenchPage, '/pages/staff/index/index')
    await screen.findByRole('button', { name: /^窗口叫号/ })
    expect(screen.queryByText('服务中心管理')).toBeNull()
  })
})
