import { screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import BookPage from '../../src/pages/appointment/book/index'
import AppointmentDetailPage from '../../src/pages/appointment/detail/index'
import MyAppointmentsPage from '../../src/pages/appointment/mine/index'
import AppointmentCheckinPage from '../../src/pages/appointment/checkin/index'
import type { Appointment, AppointmentDetail, BookableDays, DaySlots } from '../../src/services/appointment'
import { useBookingDraft } from '../../src/stores/appointment'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { HALLS, VERIFIED, itemSummary, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap } from './support/render'
import { AppointmentDetailSchema, AppointmentSchema, DaysSchema, SlotsSchema } from '../../server/modules/appointment/schemas'

const ITEM = itemSummary('company-llc-establishment', '有限责任公司设立登记')
const BOOK_PATH = '/pages/appointment/book/index'

const DAYS: BookableDays = fixture(DaysSchema, {
  hall: { id: 'tianfu', name: '天府新区政务服务中心', openTime: '09:00', closeTime: '17:00' },
  item: { id: ITEM.id, name: ITEM.name },
  rules: {
    horizonDays: 5,
    slotMinutes: 30,
    bookingCloseTime: '17:00',
    cancelCutoffMinutes: 120,
    checkinBeforeMinutes: 15,
    checkinAfterMinutes: 30,
    noShowLimit: 2,
    noShowWindowDays: 30,
    blockDays: 90,
  },
  days: [
    { date: '2026-11-25', weekday: '周三', label: null, remaining: 0, status: 'closed' },
    { date: '2026-11-26', weekday: '周四', label: null, remaining: 158, status: 'open' },
    { date: '2026-11-28', weekday: '周六', label: '调休上班', remaining: 0, status: 'full' },
  ],
})

const SLOTS: DaySlots = fixture(SlotsSchema, {
  date: '2026-11-26',
  bookable: true,
  notice: '14:00–17:00 暂停预约（业务培训）',
  slots: [
    { id: '11111111-1111-4111-8111-111111111111', start: '09:00', end: '09:30', capacity: 10, remaining: 0 },
    { id: '22222222-2222-4222-8222-222222222222', start: '09:30', end: '10:00', capacity: 10, remaining: 8 },
  ],
})

const appointment = (overrides: Partial<Appointment> = {}): Appointment =>
  fixture(AppointmentSchema, {
    id: 'a1a1a1a1-1111-4111-8111-111111111111',
    status: 'booked',
    voucher: 'K7M2Q9XZ',
    hall: { id: 'tianfu', name: '天府新区政务服务中心', address: '华府大道一段' },
    item: { id: ITEM.id, name: ITEM.name },
    date: '2026-11-26',
    weekday: '周四',
    start: '09:30',
    end: '10:00',
    startsAt: '2026-11-26T01:30:00.000Z',
    createdAt: '2026-11-24T02:00:00.000Z',
    cancelReason: null,
    cancelDeadline: '2026-11-25T23:30:00.000Z',
    canCancel: true,
    checkinOpensAt: '2026-11-26T01:15:00.000Z',
    checkinClosesAt: '2026-11-26T02:00:00.000Z',
    canCheckIn: false,
    ticket: null,
    ...overrides,
  })

const detail = (overrides: Partial<AppointmentDetail> = {}): AppointmentDetail =>
  fixture(AppointmentDetailSchema, {
    ...appointment(),
    qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
    materials: [
      { name: '公司登记（备案）申请书', necessity: 'required', formLabel: '原件', copies: 1, bring: true, note: '法定代表人签字' },
      { name: '股东身份证明', necessity: 'optional', formLabel: '电子件', copies: 1, bring: false, note: '通过电子证照库调取' },
    ],
    ...overrides,
  })

const signedIn = () => useSession.getState().signIn(session(me({ realName: VERIFIED })))

beforeEach(() => {
  resetApp()
  useBookingDraft.getState().reset()
  jest.restoreAllMocks()
})

const bookingBff = (post: Parameters<typeof mockBff>[0][string]) =>
  mockBff({
    'GET /api/v1/halls': { body: { halls: HALLS } },
    'GET /api/v1/items': { body: { items: [ITEM] } },
    'GET /api/v1/appointments/days': { body: DAYS },
    'GET /api/v1/appointments/slots': { body: SLOTS },
    'POST /api/v1/appointments': post,
  })

test('books a day and slot, then opens the booking', async () => {
  signedIn()
  const bff = bookingBff({ status: 201, body: { appointment: appointment() } })
  const nav = spyNavigation()
  renderPage(BookPage, BOOK_PATH, { hallId: 'tianfu', itemId: ITEM.id })

  const days = await screen.findByRole('radiogroup', { name: '预约日期' })
  expect(bff.find('GET', '/api/v1/appointments/days')[0].query).toEqual({ hallId: 'tianfu', itemId: ITEM.id })
  expect(within(days).getByRole('radio', { name: '11月25日 周三 已截止' }).getAttribute('aria-disabled')).toBe('true')
  expect(within(days).getByRole('radio', { name: '11月28日 周六 已约满' }).getAttribute('aria-disabled')).toBe('true')
  expect(screen.getByText('· 可预约未来5个工作日，每个时段30分钟；次日预约于前一天17:00截止')).toBeTruthy()
  expect(screen.getByText('· 未按时签到记为爽约，30天内爽约2次将暂停预约90天；现场取号不受影响')).toBeTruthy()
  expect(screen.getByRole('button', { name: '确认预约' }).getAttribute('aria-disabled')).toBe('true')

  tap(within(days).getByRole('radio', { name: '11月26日 周四 余158' }))
  const slots = await screen.findByRole('radiogroup', { name: '预约时段' })
  expect(bff.find('GET', '/api/v1/appointments/slots')[0].query).toEqual({ hallId: 'tianfu', itemId: ITEM.id, date: '2026-11-26' })
  expect(screen.getByText('14:00–17:00 暂停预约（业务培训）')).toBeTruthy()
  expect(within(slots).getByRole('radio', { name: '09:00–09:30 已约满' }).getAttribute('aria-disabled')).toBe('true')
  tap(within(slots).getByRole('radio', { name: '09:30–10:00 余8' }))

  tap(screen.getByRole('button', { name: '确认预约' }))
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/appointment/detail/index?id=${appointment().id}` }))
  expect(bff.find('POST', '/api/v1/appointments')[0].body).toEqual({ slotId: SLOTS.slots[1].id, itemId: ITEM.id })
})

test('a full slot is refused with the BFF message and the schedule is reloaded', async () => {
  signedIn()
  const bff = bookingBff({ status: 409, body: { code: 'SLOT_FULL', message: '该时段已约满，请选择其他时段' } })
  renderPage(BookPage, BOOK_PATH, { hallId: 'tianfu', itemId: ITEM.id })
  tap(await screen.findByRole('radio', { name: '11月26日 周四 余158' }))
  tap(await screen.findByRole('radio', { name: '09:30–10:00 余8' }))
  tap(screen.getByRole('button', { name: '确认预约' }))

  expect(await screen.findByText('该时段已约满，请选择其他时段')).toBeTruthy()
  await waitFor(() => expect(bff.find('GET', '/api/v1/appointments/days').length).toBe(2))
  expect(bff.find('GET', '/api/v1/appointments/slots').length).toBe(2)
  expect(screen.getByRole('button', { name: '确认预约' }).getAttribute('aria-disabled')).toBe('true')
})

test('signed out, confirming goes to sign-in and comes back to the same booking', async () => {
  const bff = bookingBff({ status: 500 })
  const nav = spyNavigation()
  renderPage(BookPage, BOOK_PATH, { hallId: 'tianfu', itemId: ITEM.id })
  tap(await screen.findByRole('radio', { name: '11月26日 周四 余158' }))
  tap(await screen.findByRole('radio', { name: '09:30–10:00 余8' }))
  tap(screen.getByRole('button', { name: '确认预约' }))

  const back = `/pages/appointment/book/index?hallId=tianfu&itemId=${ITEM.id}`
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent(back)}` })
  expect(bff.find('POST', '/api/v1/appointments')).toHaveLength(0)
  expect(useBookingDraft.getState()).toMatchObject({ hallId: 'tianfu', itemId: ITEM.id, date: '2026-11-26', slotId: SLOTS.slots[1].id })
})

test('picks an item from the hall catalog when the link names none', async () => {
  signedIn()
  const bff = bookingBff({ status: 500 })
  renderPage(BookPage, BOOK_PATH, { hallId: 'kexuecheng' })
  tap(await screen.findByRole('button', { name: new RegExp(`^${ITEM.name}`) }))
  expect(await screen.findByRole('radiogroup', { name: '预约日期' })).toBeTruthy()
  expect(bff.find('GET', '/api/v1/items')[0].query).toEqual({ hallId: 'kexuecheng' })
  expect(bff.find('GET', '/api/v1/appointments/days')[0].query).toEqual({ hallId: 'kexuecheng', itemId: ITEM.id })
})

test('the booking shows its QR voucher, the check-in window and what to bring, and can be cancelled', async () => {
  signedIn()
  const bff = mockBff({
    [`GET /api/v1/appointments/${detail().id}`]: { body: { appointment: detail() } },
    [`POST /api/v1/appointments/${detail().id}/cancel`]: {
      body: { appointment: detail({ status: 'cancelled', cancelReason: 'citizen', canCancel: false, voucher: null, qrDataUrl: null, materials: [] }) },
    },
  })
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(AppointmentDetailPage, '/pages/appointment/detail/index', { id: detail().id })

  expect(await screen.findByText('待签到')).toBeTruthy()
  expect(screen.getByText('11月26日 周四 09:30–10:00')).toBeTruthy()
  expect(screen.getByRole('img', { name: '预约码二维码 K7M2Q9XZ' })).toBeTruthy()
  expect(screen.getByText('签到时间：11月26日 09:15 至 10:00，签到后获得优先排队号。')).toBeTruthy()
  expect(screen.getByText('原件 1份（必要）')).toBeTruthy()
  expect(screen.getByText('免提交：通过数据共享获取，无需携带')).toBeTruthy()
  expect(screen.getByText('可取消至 11月26日 07:30')).toBeTruthy()

  tap(screen.getByRole('button', { name: '取消预约' }))
  expect(await screen.findByText('已取消')).toBeTruthy()
  expect(screen.getByText('您已取消该预约。')).toBeTruthy()
  // A cancelled booking has no code to show and nothing to bring.
  expect(screen.queryByRole('img', { name: /预约码二维码/ })).toBeNull()
  expect(screen.queryByText('请携带以下材料')).toBeNull()
  expect(screen.queryByText('K7M2Q9XZ')).toBeNull()
  expect(bff.find('POST', `/api/v1/appointments/${detail().id}/cancel`)).toHaveLength(1)
})

test.each([
  ['cancelled', 'hall_closure', '服务中心临时调整，该预约已取消，不计爽约。请重新预约或到大厅现场取号。', '已取消'],
  ['no_show', null, '未在签到时间内到厅签到，已记爽约一次。', '已爽约'],
] as const)('a %s booking (%s) reads as ended: no QR, no 预约码, no 材料 list, no check-in or cancel', async (status, cancelReason, text, label) => {
  signedIn()
  const ended = detail({ status, cancelReason, canCancel: false, voucher: null, qrDataUrl: null, materials: [] })
  mockBff({ [`GET /api/v1/appointments/${ended.id}`]: { body: { appointment: ended } } })
  renderPage(AppointmentDetailPage, '/pages/appointment/detail/index', { id: ended.id })

  expect(await screen.findByText(label)).toBeTruthy()
  expect(screen.getByText(text)).toBeTruthy()
  expect(screen.getByText('预约码已失效，不能再用于签到。')).toBeTruthy()
  expect(screen.queryByRole('img', { name: /预约码二维码/ })).toBeNull()
  expect(screen.queryByText('预约码')).toBeNull()
  expect(screen.queryByText('请携带以下材料')).toBeNull()
  expect(screen.queryByText('到厅签到')).toBeNull()
  expect(screen.queryByRole('button', { name: '取消预约' })).toBeNull()
})

test('my appointments lists upcoming bookings first and past ones with their ticket', async () => {
  signedIn()
  mockBff({
    'GET /api/v1/appointments': {
      body: {
        appointments: [
          appointment({ id: 'b2', date: '2026-11-30', weekday: '周一', start: '10:00', end: '10:30' }),
          appointment({ id: 'b1' }),
          appointment({ id: 'c1', date: '2026-11-20', weekday: '周五', status: 'checked_in', ticket: { id: 't1', number: 'Y003' } }),
        ],
      },
    },
  })
  const nav = spyNavigation()
  renderPage(MyAppointmentsPage, '/pages/appointment/mine/index')

  const rows = await screen.findAllByRole('button', { name: /有限责任公司设立登记/ })
  // A row's name is what it shows (WCAG 2.5.3): the item, the slot and the status.
  expect(rows.map((r) => r.textContent)).toEqual([
    expect.stringMatching(/待签到11月26日 周四 09:30–10:00/),
    expect.stringMatching(/待签到11月30日 周一 10:00–10:30/),
    expect.stringMatching(/已签到11月20日 周五 09:30–10:00/),
  ])
  expect(screen.getByText('天府新区政务服务中心 · 排队号 Y003')).toBeTruthy()
  tap(rows[0])
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/appointment/detail/index?id=b1' })
})

test('the hall QR link checks a booking in and opens it with its ticket', async () => {
  signedIn()
  const hallToken = 'tianfu.kz3f1a.abcdefghijklmnopqrstuv'
  const bff = mockBff({
    'GET /api/v1/appointments': {
      body: {
        appointments: [
          appointment({ canCheckIn: true }),
          appointment({ id: 'other', hall: { id: 'kexuecheng', name: '成都科学城政务服务中心', address: '' } }),
        ],
      },
    },
    [`POST /api/v1/appointments/${appointment().id}/check-in`]: {
      body: { appointment: detail({ status: 'checked_in', ticket: { id: 't9', number: 'Y007' } }) },
    },
  })
  const nav = spyNavigation()
  renderPage(AppointmentCheckinPage, '/pages/appointment/checkin/index', { token: hallToken })

  const confirm = await screen.findByRole('button', { name: '确认签到' })
  expect(screen.getAllByRole('button', { name: '确认签到' })).toHaveLength(1)
  tap(confirm)
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/appointment/detail/index?id=${appointment().id}` }))
  expect(bff.find('POST', `/api/v1/appointments/${appointment().id}/check-in`)[0].body).toEqual({ hallToken })
})

test('a check-in refusal from the BFF is shown on the spot', async () => {
  signedIn()
  mockBff({
    'GET /api/v1/appointments': { body: { appointments: [appointment()] } },
    [`POST /api/v1/appointments/${appointment().id}/check-in`]: {
      status: 409,
      body: { code: 'CHECKIN_TOO_EARLY', message: '请于2026年11月26日 09:15后签到（时段开始前15分钟起）' },
    },
  })
  renderPage(AppointmentCheckinPage, '/pages/appointment/checkin/index', { token: 'tianfu.kz3f1a.abcdefghijklmnopqrstuv' })
  tap(await screen.findByRole('button', { name: '确认签到' }))
  expect(await screen.findByRole('alert')).toBeTruthy()
  expect(screen.getByText('请于2026年11月26日 09:15后签到（时段开始前15分钟起）')).toBeTruthy()
})
