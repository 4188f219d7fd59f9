import { screen, waitFor, within } from '@testing-library/react'
import StaffPickupPage from '../../src/pages/staff/pickup/index'
import type { Licence, PendingCase } from '../../src/services/pickup'
import { useSession } from '../../src/stores/session'
import { mockBff, type SentRequest } from './support/bff'
import { VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, tap, typeInto } from './support/render'
import { LicenceSchema, PendingCaseSchema } from '../../server/modules/pickup/schemas'

const PATH = '/pages/staff/pickup/index'

const pendingCase = (caseNumber: string, applicantNameMasked: string): PendingCase =>
  fixture(PendingCaseSchema, {
    caseNumber,
    itemName: '有限责任公司设立登记',
    licenceName: '营业执照',
    copies: '正本1份、副本1份',
    applicantNameMasked,
    approvedAt: '2026-11-24T02:00:00.000Z',
  })

const licenceOf = (c: PendingCase): Licence =>
  fixture(LicenceSchema, {
    id: `licence-${c.caseNumber}`,
    caseNumber: c.caseNumber,
    itemName: c.itemName,
    hallId: 'tianfu',
    hallName: '天府新区政务服务中心',
    licenceName: c.licenceName,
    copies: c.copies,
    issuedAt: '2026-11-24T03:00:00.000Z',
    status: 'ready',
    applicantNameMasked: c.applicantNameMasked,
    authorization: null,
  })

/** A BFF with a hall whose 待出证 shrinks and whose registered list grows as licences are registered. */
function hallBff(options: { refuse?: { status: number; code: string; message: string } } = {}) {
  let pending = [pendingCase('YS-20261124-000001', '王*'), pendingCase('YS-20261124-000002', '赵**')]
  const registered: Licence[] = []
  return mockBff({
    'GET /api/v1/staff/pickup/pending': (request: SentRequest) => {
      const q = request.query.q ?? ''
      return { body: { cases: pending.filter((c) => !q || c.caseNumber.includes(q) || c.applicantNameMasked.startsWith(q)) } }
    },
    'GET /api/v1/staff/pickup/licences': (request: SentRequest) => ({ body: { licences: request.query.state === 'ready' ? registered : [] } }),
    'POST /api/v1/staff/pickup/licences': (request: SentRequest) => {
      if (options.refuse) return { status: options.refuse.status, body: { code: options.refuse.code, message: options.refuse.message } }
      const { caseNumber } = request.body as { caseNumber: string }
      const found = pending.find((c) => c.caseNumber === caseNumber)!
      pending = pending.filter((c) => c !== found)
      registered.push(licenceOf(found))
      return { status: 201, body: licenceOf(found) }
    },
  })
}

const pendingSection = () => screen.getByText('待出证', { selector: '.section-title' }).closest('.card') as HTMLElement
const rowOf = (caseNumber: string) => within(pendingSection()).getByText(`办件编号 ${caseNumber}`).closest('.staff-pickup__row') as HTMLElement

beforeEach(() => {
  resetApp()
  useSession.getState().signIn(session(me({ realName: VERIFIED, staff: [{ role: 'clerk', hallId: 'tianfu', windowId: null }] })))
})
afterEach(() => jest.restoreAllMocks())

test('待出证 lists the approved cases; one tap registers, and the case moves to the registered list for good', async () => {
  const bff = hallBff()
  renderPage(StaffPickupPage, PATH, { hallId: 'tianfu' })
  await screen.findByText('办件编号 YS-20261124-000001')
  expect(within(rowOf('YS-20261124-000001')).getByText('营业执照 · 王*')).toBeTruthy()
  expect(within(rowOf('YS-20261124-000001')).getByText('有限责任公司设立登记 · 正本1份、副本1份')).toBeTruthy()
  // No case number is typed by hand.
  expect(screen.queryByLabelText('办件编号')).toBeNull()

  tap(within(rowOf('YS-20261124-000001')).getByText('登记出证'))
  await screen.findByText(/已登记出证：YS-20261124-000001 营业执照（正本1份、副本1份），已通知申请人 王\*/)
  expect(bff.find('POST', '/api/v1/staff/pickup/licences').map((r) => r.body)).toEqual([{ caseNumber: 'YS-20261124-000001' }])

  // It left 待出证 and shows in 待签委托 (the registered list), and the confirmation stays.
  await waitFor(() => expect(within(pendingSection()).queryByText('办件编号 YS-20261124-000001')).toBeNull())
  expect(within(pendingSection()).getByText('办件编号 YS-20261124-000002')).toBeTruthy()
  const tab = screen.getByRole('tab', { name: '待签委托' })
  expect(tab.getAttribute('aria-selected')).toBe('true')
  await waitFor(() => expect(screen.getAllByText('办件编号 YS-20261124-000001').some((el) => el.closest('.staff-pickup__row--new'))).toBe(true))
  expect(screen.getByText(/已登记出证：YS-20261124-000001/)).toBeTruthy()
})

test('searches 待出证 by case number or family name', async () => {
  const bff = hallBff()
  renderPage(StaffPickupPage, PATH, { hallId: 'tianfu' })
  await screen.findByText('办件编号 YS-20261124-000002')
  await typeInto('检索待出证办件', '赵')
  tap(within(pendingSection()).getByText('检索'))
  await waitFor(() => expect(within(pendingSection()).queryByText('办件编号 YS-20261124-000001')).toBeNull())
  expect(await within(pendingSection()).findByText('办件编号 YS-20261124-000002')).toBeTruthy()
  expect(bff.find('GET', '/api/v1/staff/pickup/pending').at(-1)!.query).toEqual({ hallId: 'tianfu', q: '赵' })

  await typeInto('检索待出证办件', 'NOPE')
  tap(within(pendingSection()).getByText('检索'))
  await screen.findByText('没有符合条件的待出证办件')
})

test('a refused registration is explained in Chinese and the case stays in 待出证', async () => {
  hallBff({ refuse: { status: 409, code: 'CASE_NOT_APPROVED', message: '该办件已提交，正在等待预审，预审通过后才能出证登记' } })
  renderPage(StaffPickupPage, PATH, { hallId: 'tianfu' })
  await screen.findByText('办件编号 YS-20261124-000001')
  tap(within(rowOf('YS-20261124-000001')).getByText('登记出证'))
  await screen.findByText('出证登记未成功：该办件已提交，正在等待预审，预审通过后才能出证登记')
  expect(within(pendingSection()).getByText('办件编号 YS-20261124-000001')).toBeTruthy()
  expect(screen.queryByText(/已登记出证/)).toBeNull()
})

test('other staff see that the page is for certificate clerks', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED, staff: [{ role: 'staff', hallId: 'tianfu', windowId: 'tianfu-w1' }] })))
  hallBff()
  renderPage(StaffPickupPage, PATH, { hallId: 'tianfu' })
  expect(await screen.findByText('仅限发证窗口工作人员使用')).toBeTruthy()
})
