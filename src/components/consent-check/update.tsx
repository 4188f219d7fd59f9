import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import type { LegalDocument } from '@/domain/legal'
import { useAction } from '@/hooks/use-action'
import { acceptConsents } from '@/services/legal'
import { getMe } from '@/services/me'
import { useSession } from '@/stores/session'
import { ConsentCheck } from './index'

/**
 * Shown while the BFF reports `consentsDue` (a document changed since the person last agreed): the new
 * versions, an unticked box and 同意; the answer is recorded as an in-app consent.
 */
export function ConsentUpdate({ due }: { due: LegalDocument[] }) {
  const [checked, setChecked] = useState(false)
  const [asked, setAsked] = useState(false)
  const { busy, error, run } = useAction()
  const agree = async () => {
    setAsked(true)
    if (!checked) return
    await run(async (action) => {
      await acceptConsents(due, action)
      useSession.getState().setMe(await getMe())
    })
  }
  return (
    <View className='card consent-check__update'>
      <Text className='section-title'>协议已更新</Text>
      <Text className='consent-check__label'>以下协议已更新，请阅读并同意后继续使用；不同意的，可在“个人信息与隐私”注销账号。</Text>
      <ConsentCheck documents={due} checked={checked} onChange={setChecked} error={asked ? '请先阅读并勾选同意' : null} />
      <AlertLine className='consent-check__error' message={error} />
      <ActionButton block disabled={busy} onClick={() => void agree()}>
        同意并继续
      </ActionButton>
    </View>
  )
}
