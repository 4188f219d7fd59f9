import fs from 'node:fs'
import path from 'node:path'
import { createMiniProgram, waitUntil, type WxRequestOptions } from './mini-program'

// Boots the real mini-program build (`npx taro build --type weapp`, run by `npm test` before jest).
const DIST = path.resolve(__dirname, '../../dist/weapp')
const BFF = 'http://localhost:3000'

const HALLS = [
  {
    id: 'tianfu',
    name: '天府新区政务服务中心',
    shortName: '天府新区中心',
    address: '天府新区（演示地址）',
    phone: '028-61880001',
    location: { lat: 30.5, lng: 104.07, geofenceMeters: 300 },
    openTime: '09:00',
    closeTime: '17:00',
    takeCutoffMinutes: 30,
    categories: [],
  },
  {
    id: 'kexuecheng',
    name: '成都科学城政务服务中心',
    shortName: '科学城中心',
    address: '科学城（演示地址）',
    phone: '028-61880002',
    location: { lat: 30.4, lng: 104.08, geofenceMeters: 300 },
    openTime: '09:00',
    closeTime: '17:00',
    takeCutoffMinutes: 30,
    categories: [],
  },
]
const ITEMS = [
  {
    id: 'individual-business-registration',
    name: '个体工商户设立登记',
    department: '市场监督管理局',
    promisedDays: 1,
    statutoryDays: 3,
    resultLicence: '营业执照',
    materialCount: 5,
  },
]

function respond(options: WxRequestOptions) {
  if (options.url === `${BFF}/api/v1/halls`) return { statusCode: 200, body: { halls: HALLS } }
  if (options.url.startsWith(`${BFF}/api/v1/items?`)) return { statusCode: 200, body: { items: ITEMS } }
  return { statusCode: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
}

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`${DIST}/app.js is missing: build the mini-program first (npx taro build --type weapp)`)
  }
})

test('app.json declares the main pages, the tabBar and the guide subpackage', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  expect(app.pages).toEqual(expect.arrayContaining(['pages/index/index', 'pages/mine/index', 'pages/login/index']))
  expect(app.pages[0]).toBe('pages/index/index')
  expect(app.tabBar.list.map((tab: { pagePath: string; text: string }) => [tab.pagePath, tab.text])).toEqual([
    ['pages/index/index', '首页'],
    ['pages/mine/index', '我的'],
  ])
  for (const tab of app.tabBar.list) {
    for (const icon of [tab.iconPath, tab.selectedIconPath].filter(Boolean)) expect(fs.existsSync(path.join(DIST, icon))).toBe(true)
  }
  expect(app.subPackages).toEqual(expect.arrayContaining([expect.objectContaining({ root: 'pages/guide', pages: expect.arrayContaining(['item/index']) })]))
  for (const page of app.pages) expect(fs.existsSync(path.join(DIST, `${page}.js`))).toBe(true)
  expect(fs.existsSync(path.join(DIST, 'pages/guide/item/index.js'))).toBe(true)
})

test('the app boots and the home page loads the halls through wx.request', async () => {
  const mp = createMiniProgram(DIST, respond)
  mp.launch()
  const page = mp.openPage('pages/index/index')
  expect(page.$taroPath ?? page.route).toBeTruthy()

  await waitUntil(`no wx.request to ${BFF}/api/v1/halls (is there an axios adapter on weapp?)`, () => mp.requests.some((r) => r.url === `${BFF}/api/v1/halls`))
  const halls = mp.requests.find((r) => r.url === `${BFF}/api/v1/halls`)!
  expect(halls.method).toBe('GET')
  expect(halls.dataType).toBe('text')
  expect(Object.keys(halls.header ?? {}).some((key) => key.toLowerCase() === 'authorization')).toBe(false)

  // The answer goes through axios and the adapter into React and back out via setData.
  await waitUntil('no catalog request for the first hall', () => mp.requests.some((r) => r.url === `${BFF}/api/v1/items?hallId=tianfu`))
  await waitUntil('the catalog never reached setData', () => JSON.stringify(mp.setDataPatches).includes('个体工商户设立登记'))
  const rendered = JSON.stringify(mp.setDataPatches)
  expect(rendered).toContain('天府新区政务服务中心')
  expect(rendered).toContain('成都科学城政务服务中心')
  expect(rendered).toContain('网上取号')

  // The chosen hall is remembered in wx storage.
  expect(JSON.parse(String(mp.storage.get('onetrip.hall'))).state.hallId).toBe('tianfu')
})

test('the login page offers WeChat one-tap login on weapp, and the guide subpackage loads an item', async () => {
  const mp = createMiniProgram(DIST, (options) =>
    options.url === `${BFF}/api/v1/items/individual-business-registration`
      ? {
          statusCode: 200,
          body: {
            item: {
              ...ITEMS[0],
              queueCategory: 'A',
              legalBasis: '《促进个体工商户发展条例》',
              conditions: '有经营能力的自然人',
              licenceCopies: null,
              fee: '不收费',
              hallIds: ['tianfu'],
              materials: [
                {
                  code: 'a',
                  name: '个体工商户登记（备案）申请书',
                  necessity: 'deferrable',
                  isMain: true,
                  form: 'original',
                  copies: 1,
                  formats: ['pdf'],
                  maxSizeMb: 5,
                  source: 'self',
                  sourceNote: null,
                  notes: '',
                  hasBlankForm: false,
                  hasExample: false,
                },
              ],
            },
          },
        }
      : respond(options),
  )
  mp.launch()
  mp.openPage('pages/login/index')
  await waitUntil('the login page never rendered', () => JSON.stringify(mp.setDataPatches).includes('微信一键登录'))
  expect(JSON.stringify(mp.setDataPatches)).not.toContain('获取验证码')

  mp.openPage('pages/guide/item/index', { id: 'individual-business-registration' })
  await waitUntil('the item never rendered', () => JSON.stringify(mp.setDataPatches).includes('容缺后补'))
  expect(mp.requests.map((r) => r.url)).toContain(`${BFF}/api/v1/items/individual-business-registration`)
})
