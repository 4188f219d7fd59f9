import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { FormField } from '@/components/form-field'
import { PageState } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { bindRealName } from '@/services/me'
import { serverNow } from '@/services/server-time'
import { useSession } from '@/stores/session'
import { PAGES, decodeParam, leaveSignIn, withQuery } from '@/routes'
import { parseIdCard } from '@/domain/id-card'
import { CHINESE_NAME } from '@/domain/person-name'
import { shanghaiDate } from '@/domain/time'
import { AlertLine } from '@/components/alert-line'
import { useAction } from '@/hooks/use-action'
import { useCheckedForm } from '@/hooks/use-form'
import { ConsentCheck } from '@/components/consent-check'
import { useState } from 'react'
import './index.scss'

const NAME_MESSAGE = '请输入与身份证一致的中文姓名'
/** The BFF refuses any online change of a bound identity (issue #13). */
/** PIPL arts. 29–30: what processing the ID number means, told before the separate consent is asked. */
const SENSITIVE_NOTICE =
  '身份证号是敏感个人信息。我们仅为核实您的身份、办理需本人办理的事项和老年人优先叫号处理它，提交身份核验服务比对，加密保存；您可随时在“个人信息与隐私”中撤回同意。'
const CHANGE_AT_WINDOW = '姓名和身份证号认证后不能在线修改，如需变更请携带身份证到服务中心窗口办理。'

export default function RealNamePage() {
  const redirect = decodeParam(useRouter().params.redirect)
  const token = useSession((s) => s.token)
  const me = useSession((s) => s.me)

  if (!token) {
    const login = () => void Taro.redirectTo({ url: withQuery(PAGES.login, { redirect }) })
    return <PageState kind='empty' title='请先登录' message='登录后再进行实名认证' actionText='去登录' onAction={login} />
  }
  if (me?.realName) {
    return (
      <View>
        <PageState
          kind='empty'
          title='您已完成实名认证'
          message={`${me.realName.nameMasked}　${me.realName.idNumberMasked}`}
          actionText='返回'
          onAction={() => void leaveSignIn(redirect)}
        />
        <Text className='login__note'>{CHANGE_AT_WINDOW}</Text>
      </View>
    )
  }
  return <RealNameForm redirect={redirect} />
}

const checkRealName = (values: { name: string; idNumber: string }) => {
  const parsed = parseIdCard(values.idNumber, shanghaiDate(serverNow()))
  return { name: CHINESE_NAME.test(values.name.trim()) ? undefined : NAME_MESSAGE, idNumber: parsed.ok ? undefined : parsed.message }
}

function RealNameForm({ redirect }: { redirect: string | undefined }) {
  const form = useCheckedForm({ name: '', idNumber: '' }, checkRealName)
  const [consented, setConsented] = useState(false)
  const [asked, setAsked] = useState(false)
  const { busy: submitting, error: formError, run } = useAction()

  const submit = async () => {
    const parsed = parseIdCard(form.values.idNumber, shanghaiDate(serverNow()))
    const valid = form.validate()
    setAsked(true)
    if (!valid || !parsed.ok || !consented) return
    await run(async () => {
      const me = await bindRealName({ name: form.values.name.trim(), idNumber: parsed.value.normalized })
      useSession.getState().setMe(me)
      void Taro.showToast({ title: '实名认证成功', icon: 'success' })
      await leaveSignIn(redirect)
    })
  }

  return (
    <View className='login'>
      <View className='login__brand'>
        <Text className='login__title'>实名认证</Text>
        <Text className='login__subtitle'>办理政务服务需核实您的身份</Text>
      </View>
      <View className='card login__card'>
        <FormField label='姓名' placeholder='请输入身份证上的姓名' maxlength={20} {...form.field('name')} />
        <FormField label='身份证号' keyboard='idcard' placeholder='请输入18位身份证号码' maxlength={18} {...form.field('idNumber')} onConfirm={submit} />
        <Text className='login__note'>{SENSITIVE_NOTICE}</Text>
        <ConsentCheck documents={['sensitive']} checked={consented} onChange={setConsented} error={asked ? '请先阅读并勾选同意处理您的身份证号' : null} />
        <AlertLine className='login__error' message={formError} />
        <View className='login__actions'>
          <ActionButton block disabled={submitting} onClick={submit}>
            {submitting ? '提交中…' : '提交认证'}
          </ActionButton>
          <ActionButton variant='plain' block onClick={() => void leaveSignIn(redirect)}>
            暂不认证
          </ActionButton>
        </View>
        <Text className='login__note'>{`提交后将核验姓名与身份证号是否一致。${CHANGE_AT_WINDOW}您的身份信息将加密保存，仅用于办理政务服务，页面只显示脱敏后的信息。`}</Text>
      </View>
    </View>
  )
}
