import fs from 'node:fs'
import path from 'node:path'
import { createMiniProgram, waitUntil, type WxRequestOptions } from './mini-program'

// The certificate pickup pages in the real mini-program build (`npx taro build --type weapp` first).
const DIST = path.resolve(__dirname, '../../dist/weapp')
const BFF = 'http://localhost:3000'
const CASE = 'YS-20261124-000001'
const ID = 'a1a1a1a1-1111-4111-8111-111111111111'

const draft = {
  principal: { name: '王小明', idType: '居民身份证', idNumberMasked: '110105********002X' },
  hallName: '天府新区政务服务中心',
  caseNumber: CASE,
  itemName: '有限责任公司设立登记',
  licenceName: '营业执照',
  licenceCopies: '正本1份、副本1份',
}
const licence = {
  id: 'l1',
  caseNumber: CASE,
  itemName: draft.itemName,
  hallId: 'tianfu',
  hallName: draft.hallName,
  licenceName: '营业执照',
  copies: '正本1份、副本1份',
  issuedAt: '2026-11-24T02:00:00.000Z',
  status: 'ready',
  applicantNameMasked: '王*',
  authorization: null,
}
const authorization = {
  id: ID,
  number: 'WT20261124000002',
  method: 'agent',
  status: 'awaiting_pickup',
  statusLabel: '待领取',
  validUntil: '2026-12-24',
  signedAt: '2026-11-24T02:00:00.000Z',
  emsNumber: null,
  agentVerified: false,
  pickupCode: 'OTPK1.code',
  pickupQr: 'data:image/png;base64,iVBORw0KGgo=',
  document: {
    ...draft,
    number: 'WT20261124000002',
    signedAt: '2026-11-24T02:00:00.000Z',
    method: { kind: 'agent', name: '赵六', idNumberMasked: '510107********0027', phoneMasked: '139****1111' },
  },
  events: [{ kind: 'signed', label: '委托人已签署取件委托书', note: null, at: '2026-11-24T02:00:00.000Z' }],
}

const respond = (options: WxRequestOptions) => {
  const routes: Record<string, unknown> = {
    [`${BFF}/api/v1/pickup/cases/${CASE}`]: { caseNumber: CASE, itemName: draft.itemName, hallName: draft.hallName, resultLicence: '营业执照', licence, draft },
    [`${BFF}/api/v1/pickup/addresses`]: { addresses: [] },
    [`${BFF}/api/v1/authorizations/${ID}`]: authorization,
  }
  const body = routes[options.url]
  return body ? { statusCode: 200, body } : { statusCode: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
}

function signedInMiniProgram() {
  const mp = createMiniProgram(DIST, respond)
  const me = {
    id: 'u1',
    phoneMasked: '136****7001',
    wechatBound: true,
    realName: { nameMasked: '王*', idNumberMasked: '110105********002X', sex: 'female', age: 76 },
    staff: [],
  }
  mp.storage.set(
    'onetrip.session',
    JSON.stringify({ state: { token: 'tok_abcdefghijklmnopqrstuvwxyz012345', expiresAt: '2099-01-01T00:00:00.000Z', me }, version: 0 }),
  )
  mp.launch()
  return mp
}

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error(`${DIST}/app.js is missing: build the mini-program first (npx taro build --type weapp)`)
})

test('the pickup subpackage and the clerk pages are declared and built', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  expect(app.subPackages).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ root: 'pages/pickup', pages: ['index', 'authorize/index', 'detail/index'] }),
      expect.objectContaining({ root: 'pages/staff', pages: expect.arrayContaining(['pickup/index', 'pickup/detail/index', 'pickup/agent-check/index']) }),
    ]),
  )
  for (const page of ['pages/pickup/authorize/index', 'pages/pickup/detail/index', 'pages/staff/pickup/agent-check/index'])
    expect(fs.existsSync(path.join(DIST, `${page}.js`))).toBe(true)
})

test('the authorization form loads the case through wx.request, with the bearer token', async () => {
  const mp = signedInMiniProgram()
  mp.openPage('pages/pickup/authorize/index', { caseNumber: CASE })
  await waitUntil('the form never rendered', () => JSON.stringify(mp.setDataPatches).includes('领取方式'))
  const rendered = JSON.stringify(mp.setDataPatches)
  for (const text of ['营业执照', '正本1份、副本1份', 'EMS寄递到家', '委托他人代领', '本人（', '改用其他号码/收件人', '下一步：阅读并签署委托书'])
    expect(rendered).toContain(text)
  const request = mp.requests.find((r) => r.url.endsWith(`/api/v1/pickup/cases/${CASE}`))!
  expect(JSON.stringify(request.header)).toContain('Bearer tok_abcdefghijklmnopqrstuvwxyz012345')
})

test('the authorization page shows the pickup QR code for an agent', async () => {
  const mp = signedInMiniProgram()
  const page = mp.openPage('pages/pickup/detail/index', { id: ID })
  await waitUntil('the authorization never rendered', () => JSON.stringify(mp.setDataPatches).includes('窗口取件码'))
  const rendered = JSON.stringify(mp.setDataPatches)
  for (const text of ['待领取', 'WT20261124000002', 'data:image/png;base64,iVBORw0KGgo=', '赵六', '510107********0027', 'OTPK1.code'])
    expect(rendered).toContain(text)
  // Leaving the page stops its live refresh.
  page.onUnload?.call(page)
})
