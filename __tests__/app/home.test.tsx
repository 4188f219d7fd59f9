import { screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '../../src/pages/index/index'
import { SERVICES } from '../../src/pages/index/services'
import { headerOf, mockBff } from './support/bff'
import { HALLS, itemSummary } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'

const ITEMS = [itemSummary('individual-business-registration', '个体工商户设立登记'), itemSummary('company-registration', '有限责任公司设立登记')]

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

test('lists both halls, picks the first, and shows its catalog', async () => {
  const bff = mockBff({
    'GET /api/v1/halls': { body: { halls: HALLS } },
    'GET /api/v1/items': (request) => ({ body: { items: request.query.hallId === 'tianfu' ? ITEMS : [] } }),
  })
  renderPage(HomePage, '/pages/index/index')

  expect(screen.getByText('正在加载…')).toBeTruthy()
  const halls = await screen.findByRole('radiogroup', { name: '服务中心' })
  expect(within(halls).getByRole('radio', { name: '天府新区政务服务中心' }).getAttribute('aria-checked')).toBe('true')
  expect(within(halls).getByRole('radio', { name: '成都科学城政务服务中心' }).getAttribute('aria-checked')).toBe('false')
  expect(await screen.findByText('个体工商户设立登记')).toBeTruthy()
  expect(screen.getByText('有限责任公司设立登记')).toBeTruthy()
  expect(bff.find('GET', '/api/v1/items')[0].query).toEqual({ hallId: 'tianfu' })
  expect(headerOf(bff.sent[0], 'Authorization')).toBeUndefined()
})

test('remembers the chosen hall and reloads the catalog for it', async () => {
  const bff = mockBff({
    'GET /api/v1/halls': { body: { halls: HALLS } },
    'GET /api/v1/items': (request) => ({ body: { items: request.query.hallId === 'tianfu' ? ITEMS : [] } }),
  })
  renderPage(HomePage, '/pages/index/index')
  tap(await screen.findByRole('radio', { name: '成都科学城政务服务中心' }))

  expect(await screen.findByText('该服务中心暂无可办事项')).toBeTruthy()
  expect(bff.find('GET', '/api/v1/items').at(-1)?.query).toEqual({ hallId: 'kexuecheng' })
  expect(screen.getByText(/地址：成都科学城政务服务中心/)).toBeTruthy()
  expect(JSON.parse(Taro.getStorageSync('onetrip.hall')).state.hallId).toBe('kexuecheng')
})

test('shows the five services; those not shipped yet say "即将开放"', async () => {
  mockBff({ 'GET /api/v1/halls': { body: { halls: HALLS } }, 'GET /api/v1/items': { body: { items: [] } } })
  renderPage(HomePage, '/pages/index/index')
  await screen.findByText('该服务中心暂无可办事项')

  expect(SERVICES.map((s) => s.title)).toEqual(['网上取号', '预约办', '企业名称自主申报', '材料预审', '一件事一次办', '证照快递'])
  for (const service of SERVICES) {
    const entry = screen.getByRole('button', { name: new RegExp(`^${service.title}.*${service.ready ? '' : '即将开放'}`) })
    expect(entry.getAttribute('aria-disabled')).toBe(service.ready ? null : 'true')
  }
  expect(screen.queryAllByText('即将开放')).toHaveLength(SERVICES.filter((s) => !s.ready).length)
})

describe('with one service shipped and one pending', () => {
  const shipped = [...SERVICES]
  beforeEach(() => {
    SERVICES.splice(0, SERVICES.length, { ...shipped[0], ready: true }, { ...shipped[1], ready: false })
  })
  afterEach(() => {
    SERVICES.splice(0, SERVICES.length, ...shipped)
  })

  test('a shipped one opens its page for the chosen hall, a pending one only explains', async () => {
    mockBff({ 'GET /api/v1/halls': { body: { halls: HALLS } }, 'GET /api/v1/items': { body: { items: [] } } })
    const nav = spyNavigation()
    renderPage(HomePage, '/pages/index/index')
    await screen.findByText('该服务中心暂无可办事项')

    tap(screen.getByRole('button', { name: new RegExp(`^${shipped[1].title}.*即将开放`) }))
    expect(screen.getByText(`${shipped[1].title}即将开放，敬请期待`).getAttribute('role')).toBe('status')
    expect(nav.navigateTo).not.toHaveBeenCalled()

    tap(screen.getByRole('button', { name: new RegExp(`^${shipped[0].title}`) }))
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: `${shipped[0].path}?hallId=tianfu` })
  })
})

test('searches the guide and opens an item', async () => {
  const bff = mockBff({
    'GET /api/v1/halls': { body: { halls: HALLS } },
    'GET /api/v1/items': (request) => ({
      body: { items: request.query.q === '营业执照' ? [ITEMS[0]] : request.query.q ? [] : ITEMS },
    }),
  })
  const nav = spyNavigation()
  renderPage(HomePage, '/pages/index/index')
  await screen.findByText('有限责任公司设立登记')

  await typeInto('搜索办事指南', '营业执照')
  tap(screen.getByRole('button', { name: '搜索' }))
  expect(await screen.findByText('“营业执照”的搜索结果')).toBeTruthy()
  await screen.findByRole('button', { name: /^个体工商户设立登记/ })
  expect(screen.queryByText('有限责任公司设立登记')).toBeNull()
  expect(bff.find('GET', '/api/v1/items').at(-1)?.query).toEqual({ hallId: 'tianfu', q: '营业执照' })

  tap(screen.getByRole('button', { name: /^个体工商户设立登记/ }))
  expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/guide/item/index?id=individual-business-registration' })

  await typeInto('搜索办事指南', '不存在的事项')
  tap(screen.getByRole('button', { name: '搜索' }))
  expect(await screen.findByText('没有找到相关事项')).toBeTruthy()
})

test('a failed hall list shows the error and retries', async () => {
  let fail = true
  mockBff({
    'GET /api/v1/halls': () => (fail ? { status: 503, body: { code: 'NOT_READY', message: '数据库暂不可用' } } : { body: { halls: HALLS } }),
    'GET /api/v1/items': { body: { items: ITEMS } },
  })
  renderPage(HomePage, '/pages/index/index')

  const alert = await screen.findByRole('alert')
  expect(within(alert).getByText('数据库暂不可用')).toBeTruthy()
  fail = false
  tap(within(alert).getByRole('button', { name: '重新加载' }))
  expect(await screen.findByRole('radio', { name: '天府新区政务服务中心' })).toBeTruthy()
})
