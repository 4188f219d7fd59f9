import { screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StaffAppointmentDayPage from '../../src/pages/staff/appointment/day/index'
import StaffAppointmentSettingsPage from '../../src/pages/staff/appointment/settings/index'
import type { StaffDay, StaffSettings } from '../../src/services/appointment'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, tap, typeInto } from './support/render'
import { StaffDaySchema, StaffSettingsSchema } from '../../server/modules/appointment/schemas'

const SETTINGS: StaffSettings = fixture(StaffSettingsSchema, {
  hall: { id: 'kexuecheng', name: '成都科学城政务服务中心', openTime: '09:00', closeTime: '17:00' },
  settings: {
    slotMinutes: 30,
    horizonDays: 5,
    bookingCloseTime: '17:00',
    cancelCutoffMinutes: 120,
    checkinBeforeMinutes: 15,
    checkinAfterMinutes: 30,
    noShowLimit: 2,
    noShowWindowDays: 30,
    blockDays: 90,
  },
  capacities: [
    { categoryCode: 'A', categoryName: '综合窗口', capacity: 10 },
    { categoryCode: 'F', categoryName: '企业开办', capacity: 10 },
  ],
  closures: [],
  calendarWarnings: ['2027年的法定节假日安排尚未收录，该年按周一至周五计算；国务院通知公布后，请为节假日添加闭厅安排'],
})

const DAY: StaffDay = fixture(StaffDaySchema, {
  hall: { id: 'kexuecheng', name: '成都科学城政务服务中心' },
  date: '2026-11-25',
  weekday: '周三',
  working: true,
  calendarKnown: true,
  holidayName: null,
  closures: [],
  totals: { booked: 1, checkedIn: 0, noShow: 0, cancelled: 0 },
  categories: [
    {
      code: 'F',
      name: '企业开办',
      slots: [
        { id: 's0', start: '09:00', end: '09:30', capacity: 10, booked: 0, bookings: [] },
        {
          id: 's1',
          start: '09:30',
          end: '10:00',
          capacity: 10,
          booked: 1,
          bookings: [
            {
              id: 'a1',
              status: 'booked',
              voucher: 'K7M2Q9XZ',
              nameMasked: '王**',
              hall: { id: 'kexuecheng', name: '成都科学城政务服务中心', address: '' },
              item: { id: 'company-llc-establishment', name: '有限责任公司设立登记' },
              date: '2026-11-25',
              weekday: '周三',
              start: '09:30',
              end: '10:00',
              startsAt: '2026-11-25T01:30:00.000Z',
              createdAt: '2026-11-24T02:00:00.000Z',
              cancelReason: null,
              cancelDeadline: '2026-11-24T23:30:00.000Z',
              canCancel: false,
              checkinOpensAt: '2026-11-25T01:15:00.000Z',
              checkinClosesAt: '2026-11-25T02:00:00.000Z',
              canCheckIn: true,
              ticket: null,
            },
          ],
        },
      ],
    },
  ],
  others: [],
})

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useSession.getState().signIn(session(me({ realName: VERIFIED, staff: [{ role: 'staff', hallId: 'kexuecheng', windowId: 'kexuecheng-w1' }] })))
})

test('staff change capacity and slot length and are told which bookings were kept', async () => {
  const bff = mockBff({
    'GET /api/v1/staff/halls/kexuecheng/appointment-settings': { body: SETTINGS },
    'PUT /api/v1/staff/halls/kexuecheng/appointment-settings': (request) => ({
      body: {
        ...SETTINGS,
        settings: { ...SETTINGS.settings, slotMinutes: 60 },
        notices: ['2026年11月26日已有预约，这些日期保持原时段划分；新时段长度自其他日期生效'],
        request,
      },
    }),
  })
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(StaffAppointmentSettingsPage, '/pages/staff/appointment/settings/index', { hallId: 'kexuecheng' })

  expect(await screen.findByRole('alert')).toBeTruthy()
  expect(screen.getByText(SETTINGS.calendarWarnings[0])).toBeTruthy()
  tap(within(screen.getByRole('radiogroup', { name: '时段长度' })).getByRole('radio', { name: '60分钟' }))
  await typeInto('F 企业开办（0 为不开放预约）', '4')
  tap(screen.getByRole('button', { name: '保存设置' }))

  await waitFor(() => expect(modal).toHaveBeenCalled())
  expect(bff.find('PUT', '/api/v1/staff/halls/kexuecheng/appointment-settings')[0].body).toEqual({
    ...SETTINGS.settings,
    slotMinutes: 60,
    capacities: [
      { categoryCode: 'A', capacity: 10 },
      { categoryCode: 'F', capacity: 4 },
    ],
  })
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '2026年11月26日已有预约，这些日期保持原时段划分；新时段长度自其他日期生效' }))
})

test('adding a closure reports how many bookings were cancelled and notified', async () => {
  const bff = mockBff({
    'GET /api/v1/staff/halls/kexuecheng/appointment-settings': { body: SETTINGS },
    'POST /api/v1/staff/halls/kexuecheng/appointment-closures': {
      status: 201,
      body: { closure: { id: 'c1', date: '2026-11-30', start: '14:00', end: '17:00', reason: '业务培训' }, cancelled: 3 },
    },
  })
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(StaffAppointmentSettingsPage, '/pages/staff/appointment/settings/index', { hallId: 'kexuecheng' })
  await screen.findByText('暂无闭厅安排')

  await typeInto('闭厅日期', '2026-11-30')
  await typeInto('开始时间', '14:00')
  await typeInto('原因（市民可见）', '业务培训')
  tap(screen.getByRole('button', { name: '添加闭厅安排' }))

  await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '已取消3个受影响的预约，并已通知市民' })))
  expect(bff.find('POST', '/api/v1/staff/halls/kexuecheng/appointment-closures')[0].body).toEqual({
    date: '2026-11-30',
    start: '14:00',
    end: '17:00',
    reason: '业务培训',
  })
})

test('the day list shows bookings per slot with masked names, and staff check one in by voucher', async () => {
  const bff = mockBff({
    'GET /api/v1/staff/halls/kexuecheng/appointments': { body: DAY },
    'POST /api/v1/staff/halls/kexuecheng/appointments/check-in': {
      body: { appointment: { ...DAY.categories[0].slots[1].bookings[0], status: 'checked_in', ticket: { id: 't1', number: 'Y002' } } },
    },
  })
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(StaffAppointmentDayPage, '/pages/staff/appointment/day/index', { hallId: 'kexuecheng' })

  expect(await screen.findByText('王** · 有限责任公司设立登记')).toBeTruthy()
  expect(bff.find('GET', '/api/v1/staff/halls/kexuecheng/appointments')[0].query).toEqual({})
  expect(screen.getByText('11月25日')).toBeTruthy()
  expect(screen.getByText('09:30–10:00 · 已约 1/10')).toBeTruthy()
  expect(screen.queryByText('09:00–09:30 · 已约 0/10')).toBeNull()

  await typeInto('预约码', 'k7m2q9xz')
  tap(screen.getByRole('button', { name: '签到' }))
  await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '有限责任公司设立登记 09:30，优先排队号 Y002' })))
  expect(bff.find('POST', '/api/v1/staff/halls/kexuecheng/appointments/check-in')[0].body).toEqual({ voucher: 'K7M2Q9XZ' })

  tap(screen.getByRole('button', { name: '后一天' }))
  await waitFor(() => expect(bff.find('GET', '/api/v1/staff/halls/kexuecheng/appointments').at(-1)?.query).toEqual({ date: '2026-11-26' }))
})
