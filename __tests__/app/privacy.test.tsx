import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PrivacyPage from '../../src/pages/privacy/index'
import { PrivacyOverviewSchema } from '../../server/modules/privacy/schemas'
import { useSession } from '../../src/stores/session'
import { mockBff } from './support/bff'
import { VERIFIED, fixture, me, session } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap } from './support/render'

const OVERVIEW = fixture(PrivacyOverviewSchema, {
  categories: [
    {
      key: 'cases',
      label: '办件与上传材料',
      count: 4,
      source: '您在线申报、上传材料时提供',
      purpose: '材料预审和事项办理',
      retention: '作为行政记录按法定期限保存',
    },
  ],
  retention: [],
  deletionPlan: {
    deleted: ['登录会话', '收件地址'],
    kept: [{ kind: 'submitted_case', label: '已提交的办件', period: '作为行政记录按法定期限保存', legalBasis: '《行政许可法》第四十条', action: 'keep' }],
  },
  coolingOffDays: 15,
  exports: [
    {
      id: '6d7bdbd2-dc90-4f3c-aaff-48b26bef493e',
      status: 'ready',
      requestedAt: '2026-11-24T02:00:00.000Z',
      readyAt: '2026-11-24T02:01:00.000Z',
      expiresAt: '2026-11-27T02:01:00.000Z',
      sizeBytes: 1000,
    },
  ],
  deletion: { status: 'cancelled', requestedAt: '2026-11-20T02:00:00.000Z', effectiveAt: '2026-12-05T02:00:00.000Z', cancelledAt: '2026-11-21T02:00:00.000Z' },
})

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
})

test('shows what is held, the copy to download, what deletion keeps, and that an earlier request was cancelled by signing in', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  mockBff({ 'GET /api/v1/me/privacy': { body: OVERVIEW } })
  renderPage(PrivacyPage, '/pages/privacy/index')
  expect(await screen.findByText('办件与上传材料')).toBeTruthy()
  expect(screen.getByText('4 条')).toBeTruthy()
  expect(screen.getByText('可下载')).toBeTruthy()
  expect(screen.getByText('依据：《行政许可法》第四十条')).toBeTruthy()
  expect(screen.getByText(/已因再次登录于 2026-11-21 10:00 撤销/)).toBeTruthy()
})

test('注销账号 asks for confirmation, then ends the session and says until when signing in cancels it', async () => {
  useSession.getState().signIn(session(me({ realName: VERIFIED })))
  const bff = mockBff({
    'GET /api/v1/me/privacy': { body: { ...OVERVIEW, deletion: null } },
    'POST /api/v1/me/privacy/deletion': {
      status: 201,
      body: { status: 'requested', requestedAt: '2026-11-24T02:00:00.000Z', effectiveAt: '2026-12-09T02:00:00.000Z', cancelledAt: null },
    },
  })
  const nav = spyNavigation()
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
  renderPage(PrivacyPage, '/pages/privacy/index')
  tap(await screen.findByRole('button', { name: '申请注销账号' }))
  await waitFor(() => expect(useSession.getState().token).toBeNull())
  expect(bff.find('POST', '/api/v1/me/privacy/deletion')[0].body).toEqual({ confirm: true })
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已提交注销申请', content: expect.stringContaining('2026-12-09 10:00') }))
  await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }))
})
