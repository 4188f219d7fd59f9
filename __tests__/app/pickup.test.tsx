import { act, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AuthorizePage from '../../src/pages/pickup/authorize/index'
import AuthorizationDetailPage from '../../src/pages/pickup/detail/index'
import PickupListPage from '../../src/pages/pickup/index'
import type { Authorization, Licence, PickupCase, Tracking } from '../../src/services/pickup'
import { usePickupForm } from '../../src/stores/pickup'
import { useSession } from '../../src/stores/session'
import { mockBff, type SentRequest } from './support/bff'
import { VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'
import { AuthorizationSchema, LicenceSchema, PickupCaseSchema, TrackingSchema } from '../../server/modules/pickup/schemas'

// The canvas itself is exercised by the signature-pad tests and the browser e2e; here it hands over a PNG.
jest.mock('../../src/components/signature-pad', () => ({
  SignaturePad: ({ onConfirm, confirmText }: { onConfirm: (png: string) => void; confirmText: string }) => (
    <button type='button' onClick={() => onConfirm('iVBORw0KGgoSIGNATURE')}>
      {confirmText}
    </button>
  ),
}))

const CASE = 'YS-20261124-000001'
const AUTHORIZE_PATH = '/pages/pickup/authorize/index'

const licence = (overrides: Partial<Licence> = {}): Licence =>
  fixture(LicenceSchema, {
    id: 'l1l1l1l1-1111-4111-8111-111111111111',
    caseNumber: CASE,
    itemName: '有限责任公司设立登记',
    hallId: 'tianfu',
    hallName: '天府新区政务服务中心',
    licenceName: '营业执照',
    copies: '正本1份、副本1份',
    issuedAt: '2026-11-24T02:00:00.000Z',
    status: 'ready',
    applicantNameMasked: '王*',
    authorization: null,
    ...overrides,
  })

const pickupCase = (overrides: Partial<PickupCase> = {}): PickupCase =>
  fixture(PickupCaseSchema, {
    caseNumber: CASE,
    itemName: '有限责任公司设立登记',
    hallName: '天府新区政务服务中心',
    resultLicence: '营业执照',
    licence: licence(),
    draft: {
      principal: { name: '王小明', idType: '居民身份证', idNumberMasked: '110105********002X' },
      hallName: '天府新区政务服务中心',
      caseNumber: CASE,
      itemName: '有限责任公司设立登记',
      licenceName: '营业执照',
      licenceCopies: '正本1份、副本1份',
    },
    ...overrides,
  })

const authorization = (overrides: Partial<Authorization> = {}): Authorization =>
  fixture(AuthorizationSchema, {
    id: 'a1a1a1a1-1111-4111-8111-111111111111',
    number: 'WT20261124000001',
    method: 'ems',
    status: 'awaiting_shipment',
    statusLabel: '待寄出',
    validUntil: '2026-12-24',
    signedAt: '2026-11-24T02:00:00.000Z',
    emsNumber: null,
    agentVerified: false,
    document: {
      ...pickupCase().draft!,
      number: 'WT20261124000001',
      signedAt: '2026-11-24T02:00:00.000Z',
      method: {
        kind: 'ems',
        recipient: '李四',
        phoneMasked: '138****5678',
        province: '四川省',
        city: '成都市',
        district: '武侯区',
        address: '人民南路四段1号',
      },
    },
    events: [{ kind: 'signed', label: '委托人已签署取件委托书', note: null, at: '2026-11-24T02:00:00.000Z' }],
    pickupCode: null,
    pickupQr: null,
    ...overrides,
  })

const tracking = (overrides: Partial<Tracking> = {}): Tracking =>
  fixture(TrackingSchema, {
    method: 'ems',
    emsNumber: 'EA123456785CN',
    status: 'shipped',
    statusLabel: '已寄出',
    automatic: true,
    checkedAt: '2026-11-25T08:00:00.000Z',
    events: [],
    ...overrides,
  })

const DIVISIONS: Record<string, { code: string; name: string }[]> = {
  '': [
    { code: '110000', name: '北京市' },
    { code: '510000', name: '四川省' },
  ],
  '510000': [{ code: '510100', name: '成都市' }],
  '510100': [
    { code: '510104', name: '锦江区' },
    { code: '510107', name: '武侯区' },
  ],
}

const divisions = (request: SentRequest) => ({ body: { divisions: DIVISIONS[request.query.parent ?? ''] ?? [] } })

beforeEach(() => {
  resetApp()
  usePickupForm.getState().reset()
  jest.restoreAllMocks()
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  // Signing asks first (who receives the licence); the tests that read the question spy on it again.
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
})

const authorizeBff = (post: Parameters<typeof mockBff>[0][string], overrides: Partial<PickupCase> = {}) =>
  mockBff({
    [`GET /api/v1/pickup/cases/${CASE}`]: { body: pickupCase(overrides) },
    'GET /api/v1/pickup/addresses': { body: { addresses: [] } },
    'GET /api/v1/names/divisions': divisions,
    'POST /api/v1/authorizations': post,
  })

async function chooseRegion() {
  tap(await screen.findByRole('button', { name: '选择所在地区' }))
  tap(await screen.findByRole('button', { name: '四川省' }))
  tap(await screen.findByRole('button', { name: '成都市' }))
  tap(await screen.findByRole('button', { name: '武侯区' }))
  await screen.findByRole('button', { name: '所在地区：四川省 成都市 武侯区，点按重新选择' })
}

test('EMS to oneself by default: the recipient is 本人 with the masked sign-in phone, and the BFF is asked to fill them in', async () => {
  const bff = authorizeBff({ status: 201, body: authorization() })
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  spyNavigation()
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })

  expect(await screen.findByText('本人（138****8000）')).toBeTruthy()
  expect(screen.queryByLabelText('收件人手机号')).toBeNull()
  await chooseRegion()
  await typeInto('详细地址', '人民南路四段1号')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))

  const text = await screen.findByRole('document', { name: '取件委托书' })
  expect(within(text).getByText('收件人：王小明')).toBeTruthy()
  expect(within(text).getByText('收件人联系电话：138****8000')).toBeTruthy()
  tap(screen.getByRole('button', { name: '确认签署' }))
  await waitFor(() => expect(bff.find('POST', '/api/v1/authorizations')).toHaveLength(1))
  expect(modal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '确认签署委托书', content: expect.stringContaining('由EMS寄给王小明（138****8000）'), confirmText: '确认签署' }),
  )
  expect(bff.find('POST', '/api/v1/authorizations')[0].body).toEqual({
    caseNumber: CASE,
    signaturePng: 'iVBORw0KGgoSIGNATURE',
    method: 'ems',
    address: { recipient: 'self', provinceCode: '510000', cityCode: '510100', districtCode: '510107', address: '人民南路四段1号', remember: true },
  })
})

test('signing waits for the confirmation: 再想想 sends nothing', async () => {
  const bff = authorizeBff({ status: 201, body: authorization() })
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'ok' } as never)
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  await chooseRegion()
  await typeInto('详细地址', '人民南路四段1号')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))
  tap(await screen.findByRole('button', { name: '确认签署' }))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
  expect(bff.find('POST', '/api/v1/authorizations')).toHaveLength(0)
  expect(screen.getByRole('document', { name: '取件委托书' })).toBeTruthy()
})

test('EMS to someone else: fills the address, reads the exact text that will be signed, signs and lands on the authorization', async () => {
  const bff = authorizeBff({ status: 201, body: authorization() })
  const nav = spyNavigation()
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })

  expect(await screen.findByText('营业执照')).toBeTruthy()
  tap(screen.getByRole('button', { name: '改用其他号码/收件人' }))
  await typeInto('收件人', '李四')
  await typeInto('收件人手机号', '13812345678')
  await chooseRegion()
  await typeInto('详细地址', '人民南路四段1号')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))

  const text = await screen.findByRole('document', { name: '取件委托书' })
  for (const line of [
    '姓名：王小明',
    '证件号码：110105********002X',
    `办件编号：${CASE}`,
    '证照份数：正本1份、副本1份',
    '领取方式：中国邮政EMS寄递（免费）',
    '收件人：李四',
    '收件人联系电话：138****5678',
    '收件地址：四川省成都市武侯区人民南路四段1号',
    '授权编号：签署后生成',
  ]) {
    expect(within(text).getByText(line)).toBeTruthy()
  }
  expect(within(text).queryByText(/13812345678/)).toBeNull()

  tap(screen.getByRole('button', { name: '确认签署' }))
  await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/pickup/detail/index?id=${authorization().id}` }))
  expect(bff.find('POST', '/api/v1/authorizations')[0].body).toEqual({
    caseNumber: CASE,
    signaturePng: 'iVBORw0KGgoSIGNATURE',
    method: 'ems',
    address: {
      recipient: '李四',
      phone: '13812345678',
      provinceCode: '510000',
      cityCode: '510100',
      districtCode: '510107',
      address: '人民南路四段1号',
      remember: true,
    },
  })
  expect(usePickupForm.getState().address.recipient).toBe('')
})

test('EMS: says what is missing beside each field, and each message follows the typing and goes once the field is valid', async () => {
  authorizeBff({ status: 500 })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  tap(await screen.findByRole('button', { name: '改用其他号码/收件人' }))
  await typeInto('收件人手机号', '1381234')
  await typeInto('详细地址', '一号')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))
  await screen.findByText('请输入收件人姓名')
  expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
    '请输入收件人姓名',
    '请输入正确的11位手机号码',
    '请选择省、市、区县',
    '请填写详细地址（街道、门牌号等），至少5个字',
  ])
  expect(screen.queryByRole('document', { name: '取件委托书' })).toBeNull()
  expect(screen.getByLabelText('收件人手机号').getAttribute('aria-invalid')).toBe('true')

  await typeInto('收件人', '李四')
  await waitFor(() => expect(screen.queryByText('请输入收件人姓名')).toBeNull())
  await typeInto('收件人手机号', '13812345678')
  await waitFor(() => expect(screen.queryByText('请输入正确的11位手机号码')).toBeNull())
  await waitFor(() => expect(screen.getByLabelText('收件人手机号').getAttribute('aria-invalid')).toBe('false'))
  await chooseRegion()
  await typeInto('详细地址', '人民南路四段')
  await waitFor(() => expect(screen.queryAllByRole('alert')).toEqual([]))
  // Made invalid again, the message comes back at once, without another tap on 下一步.
  await typeInto('收件人手机号', '138123')
  expect(await screen.findByText('请输入正确的11位手机号码')).toBeTruthy()
})

test('no message shows before the first try to go on', async () => {
  authorizeBff({ status: 500 })
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  await typeInto('详细地址', '一号')
  expect(screen.queryAllByRole('alert')).toEqual([])
})

test('agent: checks the ID number’s check digit, masks it in the text, and sends the agent', async () => {
  const bff = authorizeBff({ status: 201, body: authorization({ method: 'agent', status: 'awaiting_pickup', statusLabel: '待领取' }) })
  spyNavigation()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  tap(await screen.findByRole('radio', { name: '委托他人代领' }))
  await typeInto('代领人姓名', '赵六')
  await typeInto('代领人身份证号', '510107199203150026')
  await typeInto('代领人手机号', '13900001111')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))
  expect(await screen.findByText('身份证号码校验位不正确，请核对后重新输入')).toBeTruthy()

  await typeInto('代领人身份证号', '510107199203150027')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))
  const text = await screen.findByRole('document', { name: '取件委托书' })
  expect(within(text).getByText('代领人证件号码：510107********0027')).toBeTruthy()
  expect(within(text).queryByText(/510107199203150027/)).toBeNull()

  tap(screen.getByRole('button', { name: '确认签署' }))
  await waitFor(() => expect(bff.find('POST', '/api/v1/authorizations')).toHaveLength(1))
  expect(bff.find('POST', '/api/v1/authorizations')[0].body).toEqual({
    caseNumber: CASE,
    signaturePng: 'iVBORw0KGgoSIGNATURE',
    method: 'agent',
    agent: { name: '赵六', idNumber: '510107199203150027', phone: '13900001111' },
  })
})

test('a refusal from the BFF is shown and the signed form stays', async () => {
  authorizeBff({ status: 409, body: { code: 'AUTHORIZATION_EXISTS', message: '该证照已签署取件委托书（编号 WT1），无需重复签署' } })
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  await chooseRegion()
  await typeInto('详细地址', '人民南路四段1号')
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))
  tap(await screen.findByRole('button', { name: '确认签署' }))
  await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '该证照已签署取件委托书（编号 WT1），无需重复签署' })))
  expect(screen.getByRole('document', { name: '取件委托书' })).toBeTruthy()
})

test('uses a remembered address by its id', async () => {
  const bff = mockBff({
    [`GET /api/v1/pickup/cases/${CASE}`]: { body: pickupCase() },
    'GET /api/v1/pickup/addresses': {
      body: {
        addresses: [
          {
            id: 'ad000000-0000-4000-8000-000000000001',
            recipient: '李四',
            phoneMasked: '138****5678',
            provinceCode: '510000',
            cityCode: '510100',
            districtCode: '510107',
            province: '四川省',
            city: '成都市',
            district: '武侯区',
            address: '人民南路四段1号',
          },
        ],
      },
    },
    'POST /api/v1/authorizations': { status: 201, body: authorization() },
  })
  spyNavigation()
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  tap(await screen.findByRole('button', { name: '李四 138****5678 四川省成都市武侯区人民南路四段1号' }))
  tap(screen.getByRole('button', { name: '下一步：阅读并签署委托书' }))
  expect(within(await screen.findByRole('document', { name: '取件委托书' })).getByText('收件人联系电话：138****5678')).toBeTruthy()
  tap(screen.getByRole('button', { name: '确认签署' }))
  await waitFor(() => expect(bff.find('POST', '/api/v1/authorizations')).toHaveLength(1))
  expect(bff.find('POST', '/api/v1/authorizations')[0].body).toEqual({
    caseNumber: CASE,
    signaturePng: 'iVBORw0KGgoSIGNATURE',
    method: 'ems',
    addressId: 'ad000000-0000-4000-8000-000000000001',
  })
})

test('explains a licence not issued yet, and sends an already signed one to its authorization', async () => {
  authorizeBff({ status: 500 }, { licence: null, draft: null })
  renderPage(AuthorizePage, AUTHORIZE_PATH, { caseNumber: CASE })
  expect(await screen.findByText('证照尚未出证')).toBeTruthy()
  expect(screen.getByText(`办件 ${CASE} 的营业执照出证后，会通过消息通知您`)).toBeTruthy()
})

test('the authorization page shows the status steps, the EMS number and the events, and refreshes itself while the hall acts', async () => {
  jest.useFakeTimers()
  try {
    let current = authorization({ status: 'shipped', statusLabel: '已寄出', emsNumber: 'EA123456785CN' })
    const bff = mockBff({
      [`GET /api/v1/authorizations/${current.id}`]: () => ({ body: current }),
      [`GET /api/v1/authorizations/${current.id}/tracking`]: () => ({ body: tracking({ status: current.status, statusLabel: current.statusLabel }) }),
    })
    renderPage(AuthorizationDetailPage, '/pages/pickup/detail/index', { id: current.id })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10)
    })
    expect(screen.getByRole('status').textContent).toBe('已寄出')
    expect(screen.getByText('EMS单号：EA123456785CN')).toBeTruthy()
    expect(screen.getByRole('listitem', { name: '已寄出（当前）' })).toBeTruthy()

    current = authorization({
      status: 'delivered',
      statusLabel: '已签收',
      emsNumber: 'EA123456785CN',
      events: [...current.events, { kind: 'delivered', label: '收件人已签收', note: null, at: '2026-11-26T02:00:00.000Z' }],
    })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(15_000)
    })
    expect(screen.getByRole('status').textContent).toBe('已签收')
    expect(screen.getByText('收件人已签收')).toBeTruthy()
    await act(async () => {
      await jest.advanceTimersByTimeAsync(60_000)
    })
    // Final: no more polling.
    expect(bff.find('GET', `/api/v1/authorizations/${current.id}`)).toHaveLength(2)
  } finally {
    jest.useRealTimers()
  }
})

test('a shipped parcel shows China Post’s tracking timeline, newest scan first, and reloads it when the status changes', async () => {
  jest.useFakeTimers()
  try {
    let current = authorization({ status: 'shipped', statusLabel: '已寄出', emsNumber: 'EA123456785CN' })
    let scans = tracking({
      events: [
        { code: '702', name: '投递下段', at: '2026-11-25T06:30:00.000Z', place: '成都市 成都市武侯区揽投部', description: '快件正在派送中，请保持电话畅通' },
        { code: '203', name: '收寄计费信息', at: '2026-11-25T01:12:00.000Z', place: '成都市 天府新区揽投部', description: '已收寄' },
      ],
    })
    const bff = mockBff({
      [`GET /api/v1/authorizations/${current.id}`]: () => ({ body: current }),
      [`GET /api/v1/authorizations/${current.id}/tracking`]: () => ({ body: scans }),
    })
    renderPage(AuthorizationDetailPage, '/pages/pickup/detail/index', { id: current.id })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10)
    })
    const timeline = screen.getByRole('list', { name: '寄递轨迹' })
    const items = within(timeline).getAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('投递下段 · 成都市 成都市武侯区揽投部快件正在派送中，请保持电话畅通'),
      expect.stringContaining('收寄计费信息 · 成都市 天府新区揽投部已收寄'),
    ])
    expect(screen.getByText(/^最近查询：/)).toBeTruthy()

    scans = tracking({
      status: 'delivered',
      statusLabel: '已签收',
      events: [{ code: '704', name: '投递结果反馈-妥投', at: '2026-11-25T08:02:00.000Z', place: null, description: '已签收，本人签收' }, ...scans.events],
    })
    current = authorization({
      status: 'delivered',
      statusLabel: '已签收',
      emsNumber: 'EA123456785CN',
      events: [...current.events, { kind: 'delivered', label: '收件人已签收', note: 'EMS：投递结果反馈-妥投', at: '2026-11-25T08:05:00.000Z' }],
    })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(15_000)
    })
    expect(within(screen.getByRole('list', { name: '寄递轨迹' })).getAllByRole('listitem')[0].textContent).toContain('投递结果反馈-妥投已签收，本人签收')
    expect(bff.find('GET', `/api/v1/authorizations/${current.id}/tracking`)).toHaveLength(2)
  } finally {
    jest.useRealTimers()
  }
})

test('a hall without automatic tracking says the window enters the progress', async () => {
  const shippedByHand = authorization({ status: 'shipped', statusLabel: '已寄出', emsNumber: 'EA123456785CN' })
  mockBff({
    [`GET /api/v1/authorizations/${shippedByHand.id}`]: { body: shippedByHand },
    [`GET /api/v1/authorizations/${shippedByHand.id}/tracking`]: { body: tracking({ automatic: false, checkedAt: null }) },
  })
  renderPage(AuthorizationDetailPage, '/pages/pickup/detail/index', { id: shippedByHand.id })
  expect(await screen.findByText('本服务中心由窗口工作人员登记寄递进度，请查看下方“办理进度”。')).toBeTruthy()
})

test('before the parcel is shipped there is no tracking card and no tracking request', async () => {
  const waiting = authorization()
  const bff = mockBff({ [`GET /api/v1/authorizations/${waiting.id}`]: { body: waiting } })
  renderPage(AuthorizationDetailPage, '/pages/pickup/detail/index', { id: waiting.id })
  expect(await screen.findByText('EMS单号：寄出后显示')).toBeTruthy()
  expect(screen.queryByText('寄递轨迹')).toBeNull()
  expect(bff.find('GET', `/api/v1/authorizations/${waiting.id}/tracking`)).toHaveLength(0)
})

test('an agent pickup shows the QR pickup code for the window', async () => {
  const a = authorization({
    method: 'agent',
    status: 'awaiting_pickup',
    statusLabel: '待领取',
    pickupCode: 'OTPK1.a1.sig',
    pickupQr: 'data:image/png;base64,iVBORw0KGgo=',
  })
  mockBff({
    [`GET /api/v1/authorizations/${a.id}`]: {
      body: { ...a, document: { ...a.document, method: { kind: 'agent', name: '赵六', idNumberMasked: '510107********0027', phoneMasked: '139****1111' } } },
    },
  })
  renderPage(AuthorizationDetailPage, '/pages/pickup/detail/index', { id: a.id })
  expect(await screen.findByRole('img', { name: '取件二维码' })).toBeTruthy()
  expect(screen.getByText('OTPK1.a1.sig')).toBeTruthy()
  expect(screen.getByText('赵六 · 510107********0027')).toBeTruthy()
})

test('我的委托 lists each licence with what happens next and opens the right page', async () => {
  mockBff({
    'GET /api/v1/pickup/licences': {
      body: {
        licences: [
          licence(),
          licence({
            id: 'l2',
            caseNumber: 'YS-2',
            authorization: {
              id: 'a2',
              number: 'WT2',
              method: 'ems',
              status: 'shipped',
              statusLabel: '已寄出',
              validUntil: '2026-12-24',
              emsNumber: 'EA123456785CN',
              createdAt: '2026-11-24T02:00:00.000Z',
            },
          }),
        ],
      },
    },
  })
  const nav = spyNavigation()
  renderPage(PickupListPage, '/pages/pickup/index')
  tap(await screen.findByRole('button', { name: /^营业执照.*待签署委托/ }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/pickup/authorize/index?caseNumber=${CASE}` })
  tap(screen.getByRole('button', { name: /^营业执照.*已寄出/ }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/pickup/detail/index?id=a2' })
})

test('signed out, the pages ask to sign in first', async () => {
  useSession.getState().clear()
  renderPage(PickupListPage, '/pages/pickup/index')
  expect(await screen.findByText('请先登录')).toBeTruthy()
})
