import { screen, within } from '@testing-library/react'
import GuideItemPage from '../../src/pages/guide/item/index'
import { mockBff } from './support/bff'
import { ITEM_DETAIL } from './support/fixtures'
import { renderPage, resetApp, tap } from './support/render'

const PATH = '/pages/guide/item/index'

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

test('shows the item facts and every material with its badges', async () => {
  const bff = mockBff({ [`GET /api/v1/items/${ITEM_DETAIL.id}`]: { body: { item: ITEM_DETAIL } } })
  renderPage(GuideItemPage, PATH, { id: ITEM_DETAIL.id })

  expect(screen.getByText('正在加载…')).toBeTruthy()
  expect(await screen.findByText('个体工商户设立登记')).toBeTruthy()
  expect(bff.sent[0].url).toBe('/api/v1/items/individual-business-registration')
  expect(screen.getByText('天府新区市场监督管理局')).toBeTruthy()
  expect(screen.getByText('1个工作日')).toBeTruthy()
  expect(screen.getByText('3个工作日')).toBeTruthy()
  expect(screen.getByText('不收费')).toBeTruthy()
  expect(screen.getByText('营业执照（正本1份、副本1份）')).toBeTruthy()
  expect(screen.getByText('有经营能力的自然人，有固定的经营场所。')).toBeTruthy()
  expect(screen.getByText('《促进个体工商户发展条例》第八条')).toBeTruthy()
  expect(screen.getByText('申请材料（3项）')).toBeTruthy()

  const card = (name: string) => screen.getByText(name).closest('.guide__material') as HTMLElement
  const application = within(card('个体工商户登记（备案）申请书'))
  expect(application.getByText('必要')).toBeTruthy()
  expect(application.getByText('材料形式：原件')).toBeTruthy()
  expect(application.getByText('份数：1份')).toBeTruthy()
  expect(application.getByText('电子格式：PDF（不超过5MB）')).toBeTruthy()
  expect(application.getByText('来源：自备')).toBeTruthy()
  expect(application.getByText('备注：由经营者本人签字')).toBeTruthy()
  expect(application.getByText('提供空白表格')).toBeTruthy()

  const premises = within(card('经营场所使用证明'))
  expect(premises.getByText('容缺后补')).toBeTruthy()
  expect(premises.getByText('材料形式：复印件')).toBeTruthy()
  expect(premises.getByText('电子格式：PDF、JPG（不超过10MB）')).toBeTruthy()
  expect(premises.getByText('来源：部门核发（不动产登记部门核发）')).toBeTruthy()

  const idCard = within(card('经营者身份证'))
  expect(idCard.getByText('非必要')).toBeTruthy()
  expect(idCard.getByText('材料形式：电子材料')).toBeTruthy()
  expect(idCard.getByText('来源：免提交（通过电子证照库调取）')).toBeTruthy()
})

test('an unknown item shows the BFF message, and retry loads again', async () => {
  let calls = 0
  mockBff({
    [`GET /api/v1/items/${ITEM_DETAIL.id}`]: () =>
      ++calls === 1 ? { status: 404, body: { code: 'NOT_FOUND', message: '事项不存在' } } : { body: { item: ITEM_DETAIL } },
  })
  renderPage(GuideItemPage, PATH, { id: ITEM_DETAIL.id })

  const alert = await screen.findByRole('alert')
  expect(within(alert).getByText('加载失败')).toBeTruthy()
  expect(within(alert).getByText('事项不存在')).toBeTruthy()
  tap(within(alert).getByRole('button', { name: '重新加载' }))
  expect(await screen.findByText('个体工商户设立登记')).toBeTruthy()
})

test('a dead network shows the network message after the retries', async () => {
  const bff = mockBff({ [`GET /api/v1/items/${ITEM_DETAIL.id}`]: 'network-error' })
  renderPage(GuideItemPage, PATH, { id: ITEM_DETAIL.id })

  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy()
  expect(bff.sent).toHaveLength(3)
})

test('a link without an item id says so instead of a blank page', () => {
  const bff = mockBff({})
  renderPage(GuideItemPage, PATH)
  expect(screen.getByText('未找到该事项')).toBeTruthy()
  expect(bff.sent).toHaveLength(0)
})
