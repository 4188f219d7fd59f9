import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { asRole } from '../a11y'
import { AGREE_BUTTON_ID, agreePrivacy, declinePrivacy, usePrivacy } from './consent'
import { PRIVACY_TEXT } from './text'
import './index.scss'

/**
 * The consent sheet for WeChat's privacy rule, on every page that calls a privacy API. It shows only
 * while an API waits for the user's answer; "同意" is WeChat's `agreePrivacyAuthorization` button,
 * "不同意" lets the API fail and the page offers its other way (QR or window check-in, paper materials).
 */
export function PrivacySheet() {
  const pending = usePrivacy((s) => s.pending)
  useEffect(() => {
    usePrivacy.setState((s) => ({ sheets: s.sheets + 1 }))
    return () => usePrivacy.setState((s) => ({ sheets: s.sheets - 1 }))
  }, [])
  // WeChat is told when the consent is on screen, before the user answers.
  useEffect(() => pending?.resolve({ event: 'exposureAuthorization' }), [pending])
  if (process.env.TARO_ENV !== 'weapp' || !pending) return null
  return (
    <View className='privacy-sheet' catchMove {...asRole('dialog', PRIVACY_TEXT.title)}>
      <View className='privacy-sheet__panel'>
        <Text className='privacy-sheet__title'>{PRIVACY_TEXT.title}</Text>
        <Text className='privacy-sheet__body'>{PRIVACY_TEXT.body}</Text>
        <Text className='privacy-sheet__link' onClick={() => Taro.openPrivacyContract({ fail: () => undefined })}>
          {PRIVACY_TEXT.guideLink}
        </Text>
        <Button id={AGREE_BUTTON_ID} className='btn btn--block' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={agreePrivacy}>
          {PRIVACY_TEXT.agree}
        </Button>
        <Button className='btn btn--plain btn--block privacy-sheet__decline' onClick={declinePrivacy}>
          {PRIVACY_TEXT.decline}
        </Button>
      </View>
    </View>
  )
}
