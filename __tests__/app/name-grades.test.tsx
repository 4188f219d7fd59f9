/** The declaration shows each finding's grade and asks for what the grade needs: 限用 a document, 提示 consent. */
import { screen, waitFor } from '@testing-library/react'
import DeclarePage from '../../src/pages/name/declare/index'
import NoticePage from '../../src/pages/name/notice/index'
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import type { CheckResult, NameLocation } from '../../src/services/name'
import { useNameDraft } from '../../src/stores/name'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'
import { CheckResultSchema, LocationSchema } from '../../server/modules/name/schemas'

const WUHOU: NameLocation = fixture(LocationSchema, {
  code: '510107',
  scopeCode: '510100',
  label: '四川省成都市武侯区',
  province: { code: '510000', name: '四川省', level: 'province', kind: 'province', aliases: ['四川省', '四川'] },
  city: { code: '510100', name: '成都市', level: 'city', kind: 'city', aliases: ['成都市', '成都'] },
  county: { code: '510107', name: '武侯区', level: 'county', kind: 'district', aliases: ['武侯区', '武侯'] },
  divisionChoices: ['四川', '成都', '成都武侯'],
})

const DOCUMENT = '典当行业监督管理部门颁发的典当经营许可证或准予设立的批准文件'
const GRADED: CheckResult = fixture(CheckResultSchema, {
  verdict: 'approval',
  name: '成都茅台典当有限公司',
  parts: { division: '成都', divisionPlacement: 'prefix', zihao: '茅台', industry: '典当', group: false, china: false, form: '有限公司' },
  findings: [
    { severity: 'warn', rule: '《企业名称登记管理规定》第十一条第（八）项', message: '字号“茅台”含有知名字号或驰名商标“茅台”（酒与饮料）' },
    {
      severity: 'approval',
      rule: '《典当管理办法》',
      message: `名称中含有“典当”，属于限用字词：须取得${DOCUMENT}后方可使用`,
      approval: { key: 'pawn', document: DOCUMENT },
    },
  ],
})

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useNameDraft.getState().reset()
  useNameDraft.setState({ step: 3, location: WUHOU, parts: GRADED.parts, result: GRADED })
})

it('labels the grades, and continues only with the approval document stated and the 提示 confirmed', async () => {
  const bff = mockBff({ 'POST /api/v1/names/reservations': { status: 201, body: { reservation: { id: 'b1b1b1b1-1111-4111-8111-111111111111' } } } })
  const nav = spyNavigation()
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  renderPage(DeclarePage, '/pages/name/declare/index')

  await screen.findByRole('status', { name: '检查结论：需批准文件，填写后可申报' })
  screen.getByText('提示·人工审查')
  screen.getByText('限用·需批准文件')
  const next = () => screen.getByRole('button', { name: '下一步：承诺与保留' })
  expect(next().getAttribute('aria-disabled')).toBe('true')
  tap(screen.getByRole('checkbox', { name: /^我已了解上述风险/ }))
  expect(next().getAttribute('aria-disabled')).toBe('true')
  await typeInto(`批准文件名称及文号：${DOCUMENT}`, '典当经营许可证 510100001')
  await waitFor(() => expect(next().getAttribute('aria-disabled')).not.toBe('true'))
  tap(next())

  await screen.findByText(COMMITMENT.title)
  tap(screen.getByRole('checkbox', { name: '我已阅读并同意上述承诺' }))
  tap(screen.getByRole('button', { name: '确认申报并保留名称' }))
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalled())
  expect(bff.find('POST', '/api/v1/names/reservations')[0].body).toMatchObject({
    riskConfirmed: true,
    approvals: [{ key: 'pawn', reference: '典当经营许可证 510100001' }],
  })
}, 30_000)

it('shows on the 告知书 the 提示 sent to manual review and the approval document stated', async () => {
  const reference = '典当经营许可证 510100001'
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  mockBff({
    'GET /api/v1/names/reservations/b1b1b1b1-1111-4111-8111-111111111111': {
      body: {
        reservation: {
          id: 'b1b1b1b1-1111-4111-8111-111111111111',
          number: 'MC20261124000001',
          name: GRADED.name,
          parts: GRADED.parts,
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
          findings: [GRADED.findings[0], { ...GRADED.findings[1], approval: { ...GRADED.findings[1].approval!, reference } }],
          notice: '名称自主申报通过不代表最终核准。',
        },
      },
    },
  })
  renderPage(NoticePage, '/pages/name/notice/index', { id: 'b1b1b1b1-1111-4111-8111-111111111111' })
  await screen.findByText('申报时已确认的提示和批准文件')
  screen.getByText(/^以下提示事项在企业登记时由登记机关人工审查/)
  screen.getByText(`已填写批准文件：${reference}`)
  screen.getByText('限用·需批准文件')
})
