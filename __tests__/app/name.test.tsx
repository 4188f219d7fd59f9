import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeclarePage from '../../src/pages/name/declare/index'
import MyNamesPage from '../../src/pages/name/mine/index'
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import type { CheckResult, NameLocation, NameReservation } from '../../src/services/name'
import { useNameDraft } from '../../src/stores/name'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'
import { CheckResultSchema, LocationSchema, ReservationSchema } from '../../server/modules/name/schemas'

const WUHOU: NameLocation = fixture(LocationSchema, {
  code: '510107',
  scopeCode: '510100',
  label: '四川省成都市武侯区',
  province: { code: '510000', name: '四川省', level: 'province', kind: 'province', aliases: ['四川省', '四川'] },
  city: { code: '510100', name: '成都市', level: 'city', kind: 'city', aliases: ['成都市', '成都'] },
  county: { code: '510107', name: '武侯区', level: 'county', kind: 'district', aliases: ['武侯区', '武侯'] },
  divisionChoices: ['四川', '四川省', '成都', '成都市', '四川成都', '四川省成都市', '成都武侯', '成都市武侯区'],
})

const WARNED: CheckResult = fixture(CheckResultSchema, {
  verdict: 'warn',
  name: '成都锦城物流有限公司',
  parts: { division: '成都', divisionPlacement: 'prefix', zihao: '锦城', industry: '物流', group: false, china: false, form: '有限公司' },
  findings: [
    {
      severity: 'warn',
      rule: '《企业名称相同相近比对规则》；《企业名称登记管理规定》第十六条',
      message: '字号“锦城”与本市同行业已有名称的字号读音相同，可能构成近似名称',
      matches: [{ name: '成都锦程物流有限公司', status: 'registered' }],
    },
  ],
})

const reservation = (overrides: Partial<NameReservation> = {}): NameReservation =>
  fixture(ReservationSchema, {
    id: 'b1b1b1b1-1111-4111-8111-111111111111',
    number: 'MC20261124000001',
    name: '成都锦城物流有限公司',
    parts: WARNED.parts,
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
    findings: WARNED.findings,
    notice: '名称自主申报通过不代表最终核准。',
    ...overrides,
  })

const declareBff = () =>
  mockBff({
    'GET /api/v1/names/divisions': (request) => ({
      body: {
        divisions: {
          undefined: [{ code: '510000', name: '四川省' }],
          '510000': [{ code: '510100', name: '成都市' }],
          '510100': [{ code: '510107', name: '武侯区' }],
        }[String(request.query.parent)],
      },
    }),
    'GET /api/v1/names/locations/510107': { body: { location: WUHOU } },
    'GET /api/v1/names/industries': { body: { version: 'test', industries: [{ word: '物流', code: 'G54', label: '道路运输业' }] } },
    'POST /api/v1/names/check': { body: WARNED },
    'POST /api/v1/names/reservations': { status: 201, body: { reservation: reservation() } },
  })

beforeEach(() => {
  resetApp()
  useNameDraft.getState().reset()
  jest.restoreAllMocks()
})

it('walks from the location to a reserved name, judging the pure rules on the phone as the user types', async () => {
  const bff = declareBff()
  const nav = spyNavigation()
  renderPage(DeclarePage, '/pages/name/declare/index')
  for (const division of ['四川省', '成都市', '武侯区']) tap(await screen.findByRole('radio', { name: division }))
  await screen.findByText(/^名称中可使用“四川”“四川省”“成都”“成都市”等行政区划/)
  tap(screen.getByRole('button', { name: '下一步：拟定名称' }))

  tap(await screen.findByRole('radio', { name: '成都' }))
  await typeInto('字号（两个以上汉字）', '光')
  await screen.findByText('字号“光”不足两个汉字，字号应由两个以上汉字组成')
  await screen.findByText('名称未含行业或经营特点。只有跨行业综合经营的企业名称可以不含行业表述，登记时须说明综合经营情况')
  await typeInto('字号（两个以上汉字）', '锦城')
  await typeInto('行业或经营特点', '物流')
  await screen.findByRole('status', { name: '名称预览：成都锦城物流有限公司' })
  await waitFor(() => expect(screen.queryByText(/即时提示/)).toBeNull())
  tap(screen.getByRole('button', { name: '检查名称' }))

  await screen.findByRole('status', { name: '检查结论：存在风险，确认后可申报' })
  expect(bff.find('POST', '/api/v1/names/check')[0].body).toEqual({ locationCode: '510107', entityType: 'llc', foreignInvested: false, parts: WARNED.parts })
  screen.getByText('成都锦程物流有限公司（已登记）')
  const next = screen.getByRole('button', { name: '下一步：承诺与保留' })
  expect(next.getAttribute('aria-disabled')).toBe('true')
  tap(screen.getByRole('checkbox', { name: /^我已了解上述风险/ }))
  tap(screen.getByRole('button', { name: '下一步：承诺与保留' }))

  await screen.findByText(COMMITMENT.title)
  tap(screen.getByRole('checkbox', { name: '我已阅读并同意上述承诺' }))
  tap(screen.getByRole('button', { name: '确认申报并保留名称' }))
  // Signed out: off to sign in first, the draft stays.
  await waitFor(() => expect(nav.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/login\/index\?redirect=/) }))
  expect(bff.find('POST', '/api/v1/names/reservations')).toHaveLength(0)

  act(() => useSession.getState().signIn(session(me({ realName: VERIFIED }))))
  tap(screen.getByRole('button', { name: '确认申报并保留名称' }))
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/pages/name/notice/index?id=b1b1b1b1-1111-4111-8111-111111111111' }))
  expect(bff.find('POST', '/api/v1/names/reservations')[0].body).toEqual({
    locationCode: '510107',
    entityType: 'llc',
    foreignInvested: false,
    parts: WARNED.parts,
    preApproval: false,
    riskConfirmed: true,
    commitmentVersion: COMMITMENT.version,
    commitmentAccepted: true,
  })
}, 30_000)

it('lists my names and releases one after confirmation', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  let released = false
  const bff = mockBff({
    'GET /api/v1/names/reservations': () => ({
      body: { reservations: [reservation(released ? { status: 'released', endedAt: '2026-11-24T03:00:00.000Z' } : {})] },
    }),
    'POST /api/v1/names/reservations/b1b1b1b1-1111-4111-8111-111111111111/release': () => {
      released = true
      return { body: { reservation: reservation({ status: 'released' }) } }
    },
  })
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(MyNamesPage, '/pages/name/mine/index')
  await screen.findByRole('button', { name: /^成都锦城物流有限公司.*保留中.*保留至 2027年1月24日/ })
  tap(screen.getByRole('button', { name: '放弃保留' }))
  await screen.findByRole('button', { name: /^成都锦城物流有限公司.*已放弃/ })
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '放弃保留' }))
  expect(bff.find('POST', '/api/v1/names/reservations/b1b1b1b1-1111-4111-8111-111111111111/release')).toHaveLength(1)
})

it('asks a signed-out user to sign in, and shows an empty list as such', async () => {
  const { unmount } = renderPage(MyNamesPage, '/pages/name/mine/index')
  screen.getByText('请先登录')
  unmount()
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  mockBff({ 'GET /api/v1/names/reservations': { body: { reservations: [] } } })
  renderPage(MyNamesPage, '/pages/name/mine/index')
  await screen.findByText('暂无申报的名称')
})
