import fs from 'node:fs'
import path from 'node:path'
import { createMiniProgram, waitUntil } from './mini-program'

// The pre-review pages in the real mini-program build (`npx taro build --type weapp` first).
const DIST = path.resolve(__dirname, '../../dist/weapp')
const BFF = 'http://localhost:3000'
const CASE_ID = '5b1f0c1e-8d4a-4c7e-9a51-0f2d3c4b5a69'

const material = (code: string, name: string, necessity: string) => ({
  code,
  name,
  necessity,
  isMain: code === 'M01',
  form: 'original',
  copies: 1,
  formats: ['pdf', 'jpg'],
  maxSizeMb: 5,
  source: 'self',
  sourceNote: null,
  notes: '',
  hasBlankForm: false,
  hasExample: false,
  exempt: false,
  deferred: false,
  verdict: null,
  reasons: [],
  reviewNote: null,
  editable: true,
  files: [],
})

const CASE = {
  id: CASE_ID,
  caseNumber: 'YS-20261124-000003',
  status: 'draft',
  itemId: 'social-security-card-application',
  itemName: '社会保障卡申领',
  hallId: 'tianfu',
  hallName: '天府新区政务服务中心',
  createdAt: '2026-11-24T02:00:00.000Z',
  updatedAt: '2026-11-24T02:00:00.000Z',
  submittedAt: null,
  fixDueDate: null,
  supplementDueDate: null,
  item: { id: 'social-security-card-application', name: '社会保障卡申领', department: '社保局', promisedDays: 1, resultLicence: '社会保障卡' },
  materials: [material('M01', '居民身份证', 'required'), material('M02', '原营业执照正、副本', 'deferrable')],
  notice: null,
  pledge: null,
  usedBytes: 0,
  limits: { perMaterial: 10, perCaseBytes: 52428800 },
  history: [{ fromStatus: null, toStatus: 'draft', actor: 'applicant', note: '创建草稿', at: '2026-11-24T02:00:00.000Z' }],
}

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error(`${DIST}/app.js is missing: build the mini-program first (npx taro build --type weapp)`)
})

test('the review subpackage and the reviewer pages are declared and built', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  expect(app.subPackages).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ root: 'pages/review', pages: expect.arrayContaining(['start/index', 'checklist/index', 'case/index', 'mine/index']) }),
      expect.objectContaining({ root: 'pages/staff', pages: expect.arrayContaining(['review/queue/index', 'review/case/index']) }),
    ]),
  )
  for (const page of ['pages/review/case/index', 'pages/review/mine/index', 'pages/staff/review/case/index'])
    expect(fs.existsSync(path.join(DIST, `${page}.js`))).toBe(true)
})

test('a draft case renders its checklist with upload buttons through wx.request', async () => {
  const mp = createMiniProgram(DIST, (options) =>
    options.url === `${BFF}/api/v1/cases/${CASE_ID}`
      ? { statusCode: 200, body: { case: CASE } }
      : { statusCode: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } },
  )
  mp.launch()
  mp.openPage('pages/review/case/index', { id: CASE_ID })
  await waitUntil('the case never rendered', () => JSON.stringify(mp.setDataPatches).includes('原营业执照正、副本'))
  const rendered = JSON.stringify(mp.setDataPatches)
  for (const text of ['YS-20261124-000003', '居民身份证', '上传文件', '容缺后补：原营业执照正、副本', '提交预审', '撤回办件']) expect(rendered).toContain(text)
})
