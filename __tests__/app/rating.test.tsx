import { screen, waitFor } from '@testing-library/react'
import MyRatingsPage from '../../src/pages/rating/index'
import RatePage from '../../src/pages/rating/rate/index'
import { RatedServiceListSchema, RatedServiceSchema } from '../../server/modules/rating/schemas'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { VERIFIED, fixture, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap, typeInto } from './support/render'

const ID = '3f1c2f4e-8a51-4d0e-9a43-6f1d2b7c9e10'
const SERVICE = fixture(RatedServiceSchema, {
  id: ID,
  kind: 'queue',
  title: '取号 A012 · 2号窗口',
  hallName: '天府新区政务服务中心',
  completedAt: '2026-11-24T02:30:00.000Z',
  rating: null,
})
const RATED = fixture(RatedServiceSchema, {
  ...SERVICE,
  rating: {
    level: 1,
    reasons: ['slow', 'attitude'],
    comment: '等了两个小时',
    channel: 'app',
    ratedAt: '2026-11-24T02:40:00.000Z',
    updatedAt: '2026-11-24T02:40:00.000Z',
    changeableUntil: '2026-11-25T02:40:00.000Z',
    changeable: true,
    followUp: {
      status: 'open',
      visitDueAt: '2026-11-25T09:00:00.000Z',
      rectifyDueAt: '2026-12-15T09:00:00.000Z',
      visitedAt: null,
      visitNote: null,
      rectifiedAt: null,
      rectifyNote: null,
    },
  },
})

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
})

test('the list shows each finished service with its state and opens its rating page', async () => {
  mockBff({
    'GET /api/v1/rating/services': {
      body: fixture(RatedServiceListSchema, { services: [SERVICE, { ...RATED, id: '5a0d3b2e-1c4f-4e8a-9b7d-2f6e8c1a3d50', title: '预审 YS-1' }] }),
    },
  })
  const nav = spyNavigation()
  renderPage(MyRatingsPage, '/pages/rating/index')
  expect(await screen.findByText('待评价')).toBeTruthy()
  expect(screen.getByText('非常不满意 · 待回访')).toBeTruthy()
  tap(screen.getByText('取号 A012 · 2号窗口'))
  await waitFor(() => expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/pages/rating/rate/index?id=${ID}` }))
})

test('a 差评 needs a reason; the rating is sent with the chosen reasons and comment, and the follow-up deadlines are shown', async () => {
  const bff = mockBff({ [`GET /api/v1/rating/services/${ID}`]: { body: SERVICE }, [`POST /api/v1/rating/services/${ID}/rating`]: { status: 201, body: RATED } })
  renderPage(RatePage, '/pages/rating/rate/index', { id: ID })
  tap(await screen.findByRole('radio', { name: '非常不满意' }))
  tap(screen.getByRole('button', { name: '提交评价' }))
  expect(await screen.findByText('请选择不满意的原因或填写评价内容')).toBeTruthy()
  expect(bff.find('POST', `/api/v1/rating/services/${ID}/rating`)).toHaveLength(0)

  tap(screen.getByRole('checkbox', { name: '办理时间长、等候久' }))
  tap(screen.getByRole('checkbox', { name: '服务态度差' }))
  await typeInto('评价内容（选填）', '等了两个小时')
  tap(screen.getByRole('button', { name: '提交评价' }))
  await waitFor(() => expect(bff.find('POST', `/api/v1/rating/services/${ID}/rating`)).toHaveLength(1))
  expect(bff.find('POST', `/api/v1/rating/services/${ID}/rating`)[0].body).toEqual({ level: 1, reasons: ['slow', 'attitude'], comment: '等了两个小时' })
  expect(await screen.findByText('差评处理：待回访')).toBeTruthy()
  expect(screen.getByText('服务中心将在 2026-11-25 17:00 前与您联系')).toBeTruthy()
  expect(screen.getByText('原因：办理时间长、等候久、服务态度差')).toBeTruthy()
})

test('shows the 回访 and 整改 the hall recorded, and no change once it was followed up', async () => {
  const done = fixture(RatedServiceSchema, {
    ...RATED,
    rating: {
      ...RATED.rating!,
      changeable: false,
      followUp: {
        ...RATED.rating!.followUp!,
        status: 'rectified',
        visitedAt: '2026-11-24T06:00:00.000Z',
        visitNote: '已电话联系并致歉',
        rectifiedAt: '2026-11-26T06:00:00.000Z',
        rectifyNote: '高峰时段增开窗口',
      },
    },
  })
  mockBff({ [`GET /api/v1/rating/services/${ID}`]: { body: done } })
  renderPage(RatePage, '/pages/rating/rate/index', { id: ID })
  expect(await screen.findByText('差评处理：已整改')).toBeTruthy()
  expect(screen.getByText('已电话联系并致歉')).toBeTruthy()
  expect(screen.getByText('高峰时段增开窗口')).toBeTruthy()
  expect(screen.queryByRole('button', { name: '修改评价' })).toBeNull()
})
