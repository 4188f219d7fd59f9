import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { SmsCodeFields } from '@/components/sms-code'
import { MOBILE_INVALID_MESSAGE, normalizeMobile } from '@/domain/phone'
import { useAction } from '@/hooks/use-action'
import { useCountdown } from '@/hooks/use-countdown'
import { useCheckedForm } from '@/hooks/use-form'
import { changePhone, sendPhoneChangeCode } from '@/services/legal'
import { useSession } from '@/stores/session'

const CODE_PATTERN = /^\d{6}$/

/** Correction of the login phone (PIPL art. 46): a code goes to the NEW phone; name and ID number only at a window. */
export function PhoneChange() {
  const me = useSession((s) => s.me)
  const form = useCheckedForm({ phone: '', code: '' }, (values) => ({
    phone: normalizeMobile(values.phone) ? undefined : MOBILE_INVALID_MESSAGE,
    code: CODE_PATTERN.test(values.code.trim()) ? undefined : '请输入6位短信验证码',
  }))
  const countdown = useCountdown()
  const send = useAction()
  const save = useAction()
  const [devCode, setDevCode] = useState<string | null>(null)

  const requestCode = async () => {
    const normalized = normalizeMobile(form.values.phone)
    if (!form.validate(['phone']) || !normalized || countdown.left > 0) return
    await send.run(async () => {
      const sent = await sendPhoneChangeCode(normalized)
      countdown.start(sent.resendAfterSeconds)
      setDevCode(sent.devCode ?? null)
      void Taro.showToast({ title: '验证码已发送到新手机号', icon: 'none' })
    })
  }

  const submit = async () => {
    const normalized = normalizeMobile(form.values.phone)
    if (!form.validate() || !normalized) return
    await save.run(async () => {
      useSession.getState().setMe(await changePhone(normalized, form.values.code.trim()))
      form.reset()
      setDevCode(null)
      void Taro.showToast({ title: '手机号已更换', icon: 'success' })
    })
  }

  return (
    <View className='card'>
      <Text className='section-title'>更正个人信息</Text>
      <Text className='privacy__line'>{`当前登录手机号：${me?.phoneMasked ?? '未绑定'}。更换后用新手机号登录，验证码发送到新手机号。`}</Text>
      <SmsCodeFields
        phoneLabel='新手机号'
        phonePlaceholder='请输入新的11位手机号'
        codePlaceholder='请输入新手机号收到的验证码'
        phone={form.field('phone')}
        code={form.field('code')}
        resendIn={countdown.left}
        sending={send.busy}
        onSend={() => void requestCode()}
        onConfirm={() => void submit()}
        devCode={devCode}
      />
      <AlertLine className='privacy__error' message={send.error ?? save.error} />
      <ActionButton block disabled={save.busy} onClick={() => void submit()}>
        {save.busy ? '更换中…' : '更换手机号'}
      </ActionButton>
      <Text className='privacy__line'>姓名和身份证号须经核验才能更改：请携带身份证到服务中心窗口办理，工作人员核验后为您更正。</Text>
    </View>
  )
}
