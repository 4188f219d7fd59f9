import { screen } from '@testing-library/react'
import NameNoticePage from '../../src/pages/name/notice/index'
import TicketPage from '../../src/pages/queue/ticket/index'
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import type { NameReservation } from '../../src/services/name'
import type { Ticket } from '../../src/services/queue'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp } from './support/render'
import { ReservationSchema } from '../../server/modules/name/schemas'
import { TicketSchema } from '../../server/modules/queue/schemas'

// Every page that shows an object that has ended says so, and shows nothing that still looks live.

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
})

const RESERVATION_ID = 'b1b1b1b1-1111-4111-8111-111111111111'
const reservation = (overrides: Partial<NameReservation>): NameReservation =>
  fixture(ReservationSchema, {
    id: RESERVATION_ID,
    number: 'MC20261124000001',
    name: '成都锦城物流有限公司',
    parts: { division: '成都', divisionPlacement: 'prefix', zihao: '锦城', industry: '物流', group: false, china: false, form: '有限公司' },
    entityType: 'llc',
    entityTypeLabel: '有限责任公司',
    foreignInvested: false,
    locationCode: '510107',
    locationLabel: '四川省成都市武侯区',
    preApproval: false,
    status: 'active',
    reservedAt: '2026-11-24T02:00:00.000Z',
    expiresAt: '2027-01-24T16:00:00.000Z',
    lastDay: '2027-01-24',
    endedAt: null,
    riskConfirmed: true,
    commitment: { version: COMMITMENT.version, text: COMMITMENT.text.join('\n') },
    findings: [],
    notice: '名称自主申报通过不代表最终核准。',
    ...overrides,
  })

describe('名称自主申报告知书 of a reservation that ended', () => {
  const open = async (r: NameReservation) => {
    mockBff({ [`GET /api/v1/names/reservations/${RESERVATION_ID}`]: { body: { reservation: r } } })
    renderPage(NameNoticePage, '/pages/name/notice/index', { id: RESERVATION_ID })
    return screen.findByText('名称自主申报告知书')
  }

  test('expired: 已到期, no live 保留期至, no "办理企业登记" instruction', async () => {
    await open(reservation({ status: 'expired', endedAt: '2027-01-24T16:00:00.000Z' }))
    expect(screen.getByText('已到期')).toBeTruthy()
    expect(screen.getByText('名称保留已失效')).toBeTruthy()
    expect(screen.getByText('已于2027年1月24日届满，保留已失效')).toBeTruthy()
    expect(screen.queryByText('保留期至')).toBeNull()
    expect(screen.queryByText('请在保留期届满前办理企业登记，逾期未办理的，名称自动失效。')).toBeNull()
  })

  test('released: 已放弃 with the day it was given up', async () => {
    await open(reservation({ status: 'released', endedAt: '2026-12-01T03:00:00.000Z' }))
    expect(screen.getByText('已放弃')).toBeTruthy()
    expect(screen.getByText('已于2026年12月1日放弃保留')).toBeTruthy()
    expect(screen.getByText(/^您已放弃保留，该名称不再为您保留/)).toBeTruthy()
    expect(screen.queryByText('请在保留期届满前办理企业登记，逾期未办理的，名称自动失效。')).toBeNull()
  })

  test('active: the term and the instruction stay', async () => {
    await open(reservation({}))
    expect(screen.getByText('保留期至')).toBeTruthy()
    expect(screen.getByText('请在保留期届满前办理企业登记，逾期未办理的，名称自动失效。')).toBeTruthy()
    expect(screen.queryByText('名称保留已失效')).toBeNull()
  })
})

describe('a queue ticket that expired', () => {
  const TICKET_ID = '7b9e2f6a-1111-4111-8111-111111111111'
  const ticket = (overrides: Partial<Ticket>): Ticket =>
    fixture(TicketSchema, {
      id: TICKET_ID,
      number: 'A023',
      status: 'expired',
      source: 'remote',
      priority: null,
      serviceDate: '2026-11-24',
      hall: { id: 'tianfu', name: '天府新区政务服务中心', address: '华府大道一段（演示地址）', location: { lat: 30.4985, lng: 104.0712, geofenceMeters: 300 } },
      category: { id: 'tianfu-A', code: 'A', name: '综合窗口' },
      issuedAt: '2026-11-24T02:00:00.000Z',
      checkinDeadline: '2026-11-24T04:00:00.000Z',
      checkedInAt: null,
      ahead: null,
      estimatedWaitMinutes: null,
      window: null,
      calledAt: null,
      recalls: 0,
      misses: 0,
      ...overrides,
    })
  const open = async (t: Ticket) => {
    mockBff({ [`GET /api/v1/queue/tickets/${TICKET_ID}`]: { body: t } })
    renderPage(TicketPage, '/pages/queue/ticket/index', { id: TICKET_ID })
    return screen.findByText('A023')
  }

  test('never checked in: says the check-in deadline passed, offers no check-in or cancel', async () => {
    await open(ticket({}))
    expect(screen.getByText('未在截止时间前签到，该号已失效，如需办理请重新取号。')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /签到/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /取消/ })).toBeNull()
  })

  test('checked in but the day ended: does not blame a missed check-in', async () => {
    await open(ticket({ checkedInAt: '2026-11-24T02:10:00.000Z' }))
    expect(screen.getByText('当日未能办理，该号已失效，如需办理请重新取号。')).toBeTruthy()
    expect(screen.queryByText(/未在截止时间前签到/)).toBeNull()
  })
})
