import Taro from '@tarojs/taro'

// The colours of $primary and $danger (styles/_tokens.scss): Taro's H5 modal confirms in WeChat green otherwise.
const PRIMARY = '#1a5fb4'
const DANGER = '#b42318'

interface Confirmation {
  title: string
  /** Says in plain Chinese what happens and who is bound or notified. */
  content: string
  /** At most 4 characters (WeChat's limit), naming the action: 确认签署, 取消预约. */
  confirmText: string
  cancelText?: string
  /** Cancels, deletes or gives something up: the confirm button is red. */
  destructive?: boolean
}

/**
 * The app's one confirmation: asked before an action that binds or notifies someone or cannot be undone.
 * Resolves true when the user confirms.
 */
export async function confirmAction({ title, content, confirmText, cancelText = '再想想', destructive = false }: Confirmation): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: destructive ? DANGER : PRIMARY })
  return confirm
}

/** A message the user must read before going on (a refusal, a result), with one button. */
export async function tellUser(title: string, content: string, confirmText = '知道了'): Promise<void> {
  await Taro.showModal({ title, content, confirmText, showCancel: false, confirmColor: PRIMARY })
}
