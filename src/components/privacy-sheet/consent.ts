import Taro from '@tarojs/taro'
import { create } from 'zustand'

/** The id of the sheet's agree button: WeChat checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

interface PrivacyState {
  /** A privacy API is waiting for the user's answer (WeChat's `onNeedPrivacyAuthorization`). */
  pending: { resolve: Resolve; referrer: string } | null
  /** The user declined in this session: features say what they cannot do and offer their other way. */
  declined: boolean
  /** PrivacySheets mounted: with none, nobody could answer, so the API is declined at once rather than left hanging. */
  sheets: number
}

export const usePrivacy = create<PrivacyState>(() => ({ pending: null, declined: false, sheets: 0 }))

let watching = false

/**
 * Registers WeChat's privacy hook once, at launch (src/app.tsx): when a privacy API (getLocation,
 * chooseMedia, chooseMessageFile…) runs before the user agreed to the 隐私保护指引, WeChat holds it
 * and asks us; the PrivacySheet on the page shows the consent and answers. Weapp only.
 */
export function watchPrivacyAuthorization(): void {
  if (watching || process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  watching = true
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    // One question at a time: an older one still open is answered "disagree" (its API fails, its page offers another way).
    const { pending, sheets } = usePrivacy.getState()
    pending?.resolve({ event: 'disagree' })
    if (sheets === 0) {
      resolve({ event: 'disagree' })
      usePrivacy.setState({ pending: null, declined: true })
      return
    }
    usePrivacy.setState({ pending: { resolve, referrer: eventInfo?.referrer ?? '' } })
  })
}

export function agreePrivacy(): void {
  usePrivacy.getState().pending?.resolve({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  usePrivacy.setState({ pending: null, declined: false })
}

export function declinePrivacy(): void {
  usePrivacy.getState().pending?.resolve({ event: 'disagree' })
  usePrivacy.setState({ pending: null, declined: true })
}

/** True when a WeChat API failed because the user did not agree to the privacy guide. */
export function isPrivacyRefusal(error: unknown): boolean {
  const message = String((error as { errMsg?: string } | null)?.errMsg ?? '')
  return usePrivacy.getState().declined || /privacy permission is not authorized|errno:? ?104\b/.test(message)
}
