import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { SmsCodeFields } from '@/components/sms-code'
import { ActionButton } from '@/components/action-button'
import { loginWithSms, loginWithWechat, sendSmsCode, type Session } from '@/services/auth'
import { ApiError, toApiError } from '@/services/http'
import { useSession } from '@/stores/session'
import { PAGES, decodeParam, leaveSignIn, withQuery } from '@/routes'
import { MOBILE_INVALID_MESSAGE, normalizeMobile } from '@/domain/phone'
import { useAction } from '@/hooks/use-action'
import { AlertLine } from '@/components/alert-line'
import { useCheckedForm } from '@/hooks/use-form'
import { useCountdown } from '@/hooks/use-countdown'
import { ConsentCheck } from '@/components/consent-check'
import { LOGIN_DOCUMENTS } from '@/domain/legal'
import './index.scss'

/** Stores the session, then asks for a real name if the account has none, else returns to `redirect`. */
function finishSignIn(session: Session, redirect: string | undefined) {
  useSession.getState().signIn(session)
  if (!session.user.realName) return Taro.redirectTo({ url: withQuery(PAGES.realName, { redirect }) })
  return leaveSignIn(redirect)
}

export default function LoginPage() {
  const redirect = decodeParam(useRouter().params.redirect)
  return (
    <View className='login'>
      <View className='login__brand'>
        <Text className='login__title'>仅跑一次</Text>
        <Text className='login__subtitle'>登录后办理取号、预约、预审等业务</Text>
      </View>
      <View className='card login__card'>{process.env.TARO_ENV === 'weapp' ? <WechatLogin redirect={redirect} /> : <SmsLogin redirect={redirect} />}</View>
      <Text className='login__privacy'>您的个人信息仅用于办理政务服务。</Text>
    </View>
  )
}

const CONSENT_NEEDED = '请先阅读并勾选同意《用户服务协议》和《隐私政策》'

/** The login page's consent: unticked until the person ticks it; signing in without it is refused here and by the BFF. */
function useLoginConsent() {
  const [agreed, setAgreed] = useState(false)
  const [asked, setAsked] = useState(false)
  const check = <ConsentCheck documents={LOGIN_DOCUMENTS} checked={agreed} onChange={setAgreed} error={asked ? CONSENT_NEEDED : null} />
  /** False (and the box says why) while unticked. */
  const confirm = () => {
    setAsked(true)
    return agreed
  }
  return { check, confirm }
}

function WechatLogin({ redirect }: { redirect: string | undefined }) {
  const { busy, error, run } = useAction()
  const consent = useLoginConsent()

  const login = async () => {
    if (!consent.confirm()) return
    await run(async () => {
      const { code } = await Taro.login().catch(() => {
        throw new ApiError('WECHAT_LOGIN_FAILED', '微信登录失败，请重试')
      })
      await finishSignIn(await loginWithWechat(code), redirect)
    })
  }

  return (
    <View>
      <View className='login__actions'>
        <ActionButton variant='wechat' block disabled={busy} onClick={login}>
          {busy ? '登录中…' : '微信一键登录'}
        </ActionButton>
      </View>
      {consent.check}
      <AlertLine className='login__error' message={error} />
    </View>
  )
}

const CODE_PATTERN = /^\d{6}$/

const checkLogin = (values: { phone: string; code: string }) => ({
  phone: normalizeMobile(values.phone) ? undefined : MOBILE_INVALID_MESSAGE,
  code: CODE_PATTERN.test(values.code.trim()) ? undefined : '请输入6位短信验证码',
})

function SmsLogin({ redirect }: { redirect: string | undefined }) {
  const form = useCheckedForm({ phone: '', code: '' }, checkLogin)
  const [formError, setFormError] = useState<string | null>(null)
  const [devCode, setDevCode] = useState<string | null>(null)
  const { left: countdown, start: startCountdown } = useCountdown()
  const [sending, setSending] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const consent = useLoginConsent()

  const send = async () => {
    if (countdown > 0 || sending) return
    setFormError(null)
    const normalized = normalizeMobile(form.values.phone)
    if (!form.validate(['phone']) || !normalized) return
    setSending(true)
    try {
      const sent = await sendSmsCode(normalized)
      startCountdown(sent.resendAfterSeconds)
      setDevCode(sent.devCode ?? null)
      void Taro.showToast({ title: '验证码已发送', icon: 'none' })
    } catch (error) {
      setFormError(toApiError(error).message)
    } finally {
      setSending(false)
    }
  }

  const submit = async () => {
    if (submitting) return
    setFormError(null)
    const normalized = normalizeMobile(form.values.phone)
    const valid = form.validate()
    const agreed = consent.confirm()
    if (!valid || !normalized || !agreed) return
    setSubmitting(true)
    try {
      const session = await loginWithSms(normalized, form.values.code.trim())
      await finishSignIn(session, redirect)
    } catch (error) {
      setFormError(toApiError(error).message)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View>
      <SmsCodeFields
        phoneLabel='手机号'
        phonePlaceholder='请输入11位手机号'
        codePlaceholder='请输入6位验证码'
        phone={form.field('phone')}
        code={form.field('code')}
        resendIn={countdown}
        sending={sending}
        onSend={send}
        onConfirm={submit}
        devCode={devCode}
      />
      {consent.check}
      <AlertLine className='login__error' message={formError} />
      <View className='login__actions'>
        <ActionButton block disabled={submitting} onClick={submit}>
          {submitting ? '登录中…' : '登录'}
        </ActionButton>
      </View>
    </View>
  )
}
