import Taro from '@tarojs/taro'
import { idsForMoment, templateIdsFrom, type SubscribeMoment, type TemplateIds } from '../domain/subscribe-templates'
import { http } from './http'

/** Template ids fixed at build time (config/index.ts): TARO_APP_WECHAT_TEMPLATE_<KIND>, else WECHAT_TEMPLATE_<KIND>. */
function builtTemplateIds(): TemplateIds {
  try {
    return templateIdsFrom(JSON.parse(process.env.TARO_APP_WECHAT_TEMPLATES || '{}'), 'TARO_APP_')
  } catch (error) {
    // A malformed id would make every prompt fail: ask for none, and say why in the console.
    console.error(`subscribe templates ignored: ${(error as Error).message}`)
    return {}
  }
}
const TEMPLATE_IDS = builtTemplateIds()

/**
 * accepted: at least one message will come by WeChat · refused: not this time · always-refused: the
 * user ticked "总是保持以上选择" on a refusal, WeChat will not ask again · off: subscribe messages are
 * switched off for the mini-program · unavailable: not WeChat, or no template configured.
 */
export type SubscribeOutcome = 'accepted' | 'refused' | 'always-refused' | 'off' | 'unavailable'

const SETTINGS_HINT = '可在右上角“···”→“设置”→“通知管理”中开启，站内消息照常提醒'

const note = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/**
 * Asks WeChat's subscribe prompt for the messages `moment` will later send and records what the user
 * accepted with the BFF, which counts one message per acceptance. Call it synchronously inside the
 * tap handler of the action, before anything is awaited: WeChat only shows the prompt from a tap. The
 * action never waits on or fails because of it; in-app messages arrive either way.
 */
export function askSubscribe(moment: SubscribeMoment, ids: TemplateIds = TEMPLATE_IDS): Promise<SubscribeOutcome> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve('unavailable')
  const wanted = idsForMoment(ids, moment)
  if (wanted.length === 0) return Promise.resolve('unavailable')
  const prompt = Taro.requestSubscribeMessage({ tmplIds: wanted.map((w) => w.templateId) } as Taro.requestSubscribeMessage.Option)
  return prompt.then(
    async (answer): Promise<SubscribeOutcome> => {
      const results = answer as unknown as Record<string, string>
      const accepted = wanted.filter((w) => results[w.templateId] === 'accept')
      if (accepted.length) {
        await http.post('/api/v1/me/subscriptions', { accepted }).catch(() => undefined)
        return 'accepted'
      }
      // A refusal with "always keep this choice": WeChat answers without a prompt from now on.
      const settings = await Taro.getSetting({ withSubscriptions: true }).catch(() => null)
      const items = (settings?.subscriptionsSetting?.itemSettings ?? {}) as Record<string, string>
      if (wanted.some((w) => items[w.templateId] === 'reject')) {
        note(`您已设置不接收该微信提醒，${SETTINGS_HINT}`)
        return 'always-refused'
      }
      return 'refused'
    },
    (error: { errCode?: number }) => {
      // 20004: the user switched subscribe messages off for this mini-program.
      if (error?.errCode === 20004) {
        note(`微信提醒已关闭，${SETTINGS_HINT}`)
        return 'off'
      }
      return 'refused'
    },
  )
}
