/**
 * The subscribe prompt (src/services/subscribe.ts) as WeChat answers it: accepted templates are
 * recorded with the BFF by kind and configured id, a refusal records nothing, "always refuse" and the
 * switched-off main switch tell the user where to turn messages back on, and nothing is asked
 * without a configured template id or off WeChat.
 */
import Taro from '@tarojs/taro'
import { askSubscribe } from '../../src/services/subscribe'
import { mockBff } from './support/bff'

const IDS = { queue_near: 'Kx2V3j2Wk2VHiotWvkEGfxVWeZa8HEOPRVgiqdXu9Wk', queue_called: 'Lq9L93nmrpG6j81FsLg91j6gMH-UT_MhjQirbVmdFh8' }
const taro = Taro as unknown as Record<string, unknown>
const saved = { requestSubscribeMessage: taro.requestSubscribeMessage, getSetting: taro.getSetting }

let toasts: string[]
beforeEach(() => {
  jest.restoreAllMocks()
  process.env.TARO_ENV = 'weapp'
  toasts = []
  jest.spyOn(Taro, 'showToast').mockImplementation(((options: { title: string }) => {
    toasts.push(options.title)
    return Promise.resolve({ errMsg: 'showToast:ok' })
  }) as unknown as typeof Taro.showToast)
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
  Object.assign(taro, saved)
})

function wechat(answer: Record<string, string> | { errCode: number; errMsg: string }, itemSettings: Record<string, string> = {}) {
  const prompt = jest.fn((options: { tmplIds: string[] }) =>
    'errCode' in answer ? Promise.reject(answer) : Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...answer, asked: options.tmplIds }),
  )
  taro.requestSubscribeMessage = prompt
  taro.getSetting = jest.fn(() => Promise.resolve({ authSetting: {}, subscriptionsSetting: { mainSwitch: true, itemSettings } }))
  return prompt
}

it('asks for the moment’s configured templates at once, and records the accepted ones by kind and id', async () => {
  const bff = mockBff({ 'POST /api/v1/me/subscriptions': { body: { configured: ['queue_near', 'queue_called'], remaining: {} } } })
  const prompt = wechat({ [IDS.queue_near]: 'reject', [IDS.queue_called]: 'accept' })
  const outcome = askSubscribe('takeTicket', IDS)
  // Synchronously, inside the tap: WeChat shows the prompt only from a user's tap.
  expect(prompt).toHaveBeenCalledWith({ tmplIds: [IDS.queue_near, IDS.queue_called] })
  expect(await outcome).toBe('accepted')
  expect(bff.find('POST', '/api/v1/me/subscriptions').map((r) => r.body)).toEqual([{ accepted: [{ kind: 'queue_called', templateId: IDS.queue_called }] }])
})

it('a refusal records nothing; "always refuse" and the switched-off main switch say where to turn it on', async () => {
  const bff = mockBff({})
  wechat({ [IDS.queue_near]: 'reject', [IDS.queue_called]: 'reject' })
  expect(await askSubscribe('takeTicket', IDS)).toBe('refused')
  expect(toasts).toEqual([])

  wechat({ [IDS.queue_near]: 'reject', [IDS.queue_called]: 'reject' }, { [IDS.queue_called]: 'reject' })
  expect(await askSubscribe('takeTicket', IDS)).toBe('always-refused')
  expect(toasts.pop()).toMatch(/不接收.*设置/)

  wechat({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail the main switch is switched off' })
  expect(await askSubscribe('takeTicket', IDS)).toBe('off')
  expect(toasts.pop()).toMatch(/已关闭.*设置/)
  expect(bff.sent).toEqual([])
})

it('asks nothing without a configured template id, or off WeChat', async () => {
  const prompt = wechat({})
  expect(await askSubscribe('submitCase', IDS)).toBe('unavailable')
  expect(await askSubscribe('takeTicket', {})).toBe('unavailable')
  process.env.TARO_ENV = 'h5'
  expect(await askSubscribe('takeTicket', IDS)).toBe('unavailable')
  expect(prompt).not.toHaveBeenCalled()
})
