import { screen, waitFor, within } from '@testing-library/react'
import ThemeGuidePage from '../../src/pages/theme/guide/index'
import { ApplicationSchema, ThemeDetailSchema } from '../../server/modules/theme/schemas'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { HALLS, VERIFIED, fixture, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap } from './support/render'

const PATH = '/pages/theme/guide/index'
const APPLICATION_ID = '7d1f3c52-8a43-4f0e-9a51-3f5d7c9e2b10'

const material = (code: string, name: string, shareKey: string | null, extra: { necessity?: 'required' | 'optional'; source?: 'self' | 'shared' } = {}) => ({
  code,
  name,
  necessity: extra.necessity ?? ('required' as const),
  isMain: false,
  form: 'copy' as const,
  copies: 1,
  formats: ['pdf', 'jpg'],
  maxSizeMb: 10,
  source: extra.source ?? ('self' as const),
  sourceNote: null,
  notes: '',
  hasBlankForm: false,
  hasExample: false,
  shareKey,
})

const CLINIC = fixture(ThemeDetailSchema, {
  id: 'clinic',
  name: '我要开诊所',
  summary: '营业执照与诊所备案或医疗机构设置审批联审联办。',
  questions: [
    {
      id: 'subject',
      text: '以什么形式经营？',
      hint: '决定办理公司设立登记还是个体工商户登记',
      options: [
        { value: 'company', label: '公司（有限责任公司）' },
        { value: 'individual', label: '个体工商户' },
      ],
    },
    {
      id: 'kind',
      text: '开办哪类医疗机构？',
      hint: '诊所实行备案管理',
      options: [
        { value: 'clinic', label: '诊所（含口腔诊所、中医诊所）' },
        { value: 'outpatient', label: '门诊部（如口腔门诊部）' },
      ],
    },
  ],
  rules: [
    { itemId: 'individual-business-registration', when: { subject: ['individual'] }, why: '以个体工商户形式经营，取得营业执照' },
    { itemId: 'clinic-filing', when: { kind: ['clinic'] }, why: '诊所执业前向卫生健康部门备案' },
    { itemId: 'medical-institution-establishment-approval', when: { kind: ['outpatient'] }, why: '门诊部须取得《设置医疗机构批准书》' },
  ],
  items: [
    {
      id: 'individual-business-registration',
      name: '个体工商户设立登记',
      department: '天府新区市场监督管理局',
      promisedDays: 1,
      statutoryDays: 3,
      resultLicence: '营业执照',
      materials: [
        material('M01', '个体工商户登记（备案）申请书', null),
        material('M02', '经营者身份证明', 'identity', { source: 'shared' }),
        material('M03', '经营场所使用证明', 'premises'),
        material('M05', '授权委托书及被委托人身份证明', 'agent', { necessity: 'optional' }),
      ],
    },
    {
      id: 'clinic-filing',
      name: '诊所备案',
      department: '天府新区卫生健康局',
      promisedDays: 1,
      statutoryDays: 1,
      resultLicence: '诊所备案凭证',
      materials: [
        material('M01', '诊所备案信息表', null),
        material('M03', '诊所用房产权证明或使用证明', 'premises'),
        material('M07', '授权委托书及受托人身份证明', 'agent', { necessity: 'optional' }),
      ],
    },
    {
      id: 'medical-institution-establishment-approval',
      name: '医疗机构设置审批',
      department: '天府新区卫生健康局',
      promisedDays: 15,
      statutoryDays: 30,
      resultLicence: '设置医疗机构批准书',
      materials: [material('M01', '设置医疗机构申请书', null)],
    },
  ],
  reported: { beforeDays: 18, afterDays: 15, beforeVisits: 2, source: '天府新区“证照通”口腔诊所案例' },
})

const CREATED = fixture(ApplicationSchema, {
  id: APPLICATION_ID,
  themeId: 'clinic',
  themeName: '我要开诊所',
  hallId: 'tianfu',
  hallName: '天府新区政务服务中心',
  status: 'draft',
  round: 0,
  answers: { subject: 'individual', kind: 'clinic' },
  createdAt: '2026-12-01T02:00:00.000Z',
  submittedAt: null,
  items: [],
  progress: { total: 2, approved: 0, decidedThisRound: 0, inRound: 0 },
  checklist: { materials: [], separately: 5, saved: 2, viaDataSharing: 1 },
  timing: { beforeDays: 18, afterDays: 15, beforeVisits: 2, source: null },
  notice: null,
  cases: [],
  reviewerDepartments: [],
})

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

test('the questionnaire decides the items, the merged checklist counts what it saves, then one application is created', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  const bff = mockBff({
    'GET /api/v1/themes/clinic': { body: { theme: CLINIC } },
    'GET /api/v1/halls': { body: { halls: HALLS } },
    'POST /api/v1/theme-applications': { status: 201, body: { application: CREATED } },
  })
  const nav = spyNavigation()
  renderPage(ThemeGuidePage, PATH, { id: 'clinic' })

  expect(await screen.findByText('可能涉及的事项（3项）')).toBeTruthy()
  // The picture says in words what it draws; the time is the hall's reported 18 → 15 working days.
  expect(screen.getByRole('img', { name: /^办理步骤：1 回答情形引导/ })).toBeTruthy()
  expect(screen.getByText('18个工作日 · 跑2次')).toBeTruthy()
  expect(screen.getByText('15个工作日 · 跑1次')).toBeTruthy()
  const start = await screen.findByRole('button', { name: '请先回答情形引导' })
  expect(start.getAttribute('aria-disabled')).toBe('true')

  const subject = within(screen.getByRole('radiogroup', { name: '以什么形式经营？' }))
  tap(subject.getByRole('radio', { name: '个体工商户' }))
  expect(subject.getByRole('radio', { name: '个体工商户' }).getAttribute('aria-checked')).toBe('true')
  tap(within(screen.getByRole('radiogroup', { name: '开办哪类医疗机构？' })).getByRole('radio', { name: '诊所（含口腔诊所、中医诊所）' }))

  expect(screen.getByText('您要办理的事项（2项）')).toBeTruthy()
  expect(screen.getByText('以个体工商户形式经营，取得营业执照')).toBeTruthy()
  expect(screen.queryByText('医疗机构设置审批')).toBeNull()
  // 6 materials item by item (the ID is shared data, 免提交): the lease and the power of attorney are asked once.
  expect(screen.getByRole('status').textContent).toBe('分开办要交6份，合并后只需4份，少交2份；另有1份由部门共享获取，无需提交')
  const premises = screen.getByText('经营场所产权证明或使用证明（租赁合同）').closest('.theme__material') as HTMLElement
  expect(within(premises).getByText('2个事项共用，只交一次：个体工商户设立登记、诊所备案')).toBeTruthy()

  tap(screen.getByRole('button', { name: '开始申报' }))
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/theme/application/index?id=${APPLICATION_ID}` }))
  expect(bff.find('POST', '/api/v1/theme-applications')[0].body).toEqual({
    themeId: 'clinic',
    hallId: 'tianfu',
    answers: { subject: 'individual', kind: 'clinic' },
  })
})

test('a signed-out user is sent to log in, and nothing is created', async () => {
  const bff = mockBff({ 'GET /api/v1/themes/clinic': { body: { theme: CLINIC } }, 'GET /api/v1/halls': { body: { halls: HALLS } } })
  const nav = spyNavigation()
  renderPage(ThemeGuidePage, PATH, { id: 'clinic' })
  for (const [group, option] of [
    ['以什么形式经营？', '公司（有限责任公司）'],
    ['开办哪类医疗机构？', '门诊部（如口腔门诊部）'],
  ]) {
    tap(within(await screen.findByRole('radiogroup', { name: group })).getByRole('radio', { name: option }))
  }
  tap(await screen.findByRole('button', { name: '开始申报' }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/login\/index\?redirect=/) })
  expect(bff.find('POST', '/api/v1/theme-applications')).toHaveLength(0)
})
