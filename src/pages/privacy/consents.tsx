import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { ResourceView } from '@/components/page-state'
import { LEGAL_DOCUMENTS } from '@/domain/legal'
import { pageLink } from '@/domain/page-routes'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { listConsents, withdrawPrivacyConsent, withdrawSensitiveConsent, type ConsentRecord } from '@/services/legal'
import { getMe } from '@/services/me'
import { useSession } from '@/stores/session'
import { afterDeletionRequest, when } from './deletion-notice'
import { confirmAction } from '@/components/modal'

const CHANNELS: Record<ConsentRecord['channel'], string> = {
  sms_login: '短信验证码登录时',
  wechat_login: '微信登录时',
  real_name: '实名认证时',
  in_app: '协议更新后在应用内',
}

/** The agreements the person accepted (document, version, date, where) and withdrawal where the law allows it. */
export function Consents({ coolingOffDays }: { coolingOffDays: number }) {
  const token = useSession((s) => s.token)
  const consents = useResource(token, listConsents)
  const sensitive = useAction()
  const privacy = useAction()

  const withdrawSensitive = async () => {
    const confirmed = await confirmAction({
      title: '撤回身份证号处理同意',
      content:
        '撤回后将删除账号上的姓名、身份证号、出生日期和性别（解除实名认证），需实名的业务须重新认证后办理。已提交的办件、已签署的委托书等行政记录中的身份信息依法保留。确定撤回吗？',
      confirmText: '确定撤回',
      destructive: true,
    })
    if (!confirmed) return
    await sensitive.run(async (action) => {
      consents.replace(await withdrawSensitiveConsent(action))
      useSession.getState().setMe(await getMe())
      void Taro.showToast({ title: '已撤回并解除实名认证', icon: 'none' })
    })
  }

  const withdrawPrivacy = async () => {
    const confirmed = await confirmAction({
      title: '撤回对《隐私政策》的同意',
      content: `不同意《隐私政策》就无法继续为您提供服务，撤回即申请注销账号：立即退出登录，${coolingOffDays}天冷静期内再次登录（并重新同意）即撤销；期满后账号及个人信息将被删除，依法须保留的记录与账号脱离。确定撤回吗？`,
      confirmText: '撤回同意',
      destructive: true,
    })
    if (!confirmed) return
    await privacy.run(async (action) => afterDeletionRequest(await withdrawPrivacyConsent(action)))
  }

  return (
    <View className='card'>
      <Text className='section-title'>协议与授权同意记录</Text>
      <ResourceView of={consents} inline>
        {(data) => (
          <>
            {data.records.map((r) => (
              <View key={r.id} className='privacy__row'>
                <View className='privacy__head'>
                  <Text className='privacy__name privacy__link' onClick={() => void Taro.navigateTo({ url: pageLink('legal', { doc: r.document }) })}>
                    {r.title}
                  </Text>
                  <Text className={r.withdrawnAt ? 'privacy__status--failed' : 'privacy__status--ready'}>{r.withdrawnAt ? '已撤回' : '已同意'}</Text>
                </View>
                <Text className='muted'>{`版本 ${r.version}${r.current ? '（现行）' : '（旧版）'}`}</Text>
                <Text className='muted'>{`${when(r.acceptedAt)} ${CHANNELS[r.channel]}同意`}</Text>
                {r.withdrawnAt && <Text className='muted'>撤回于 {when(r.withdrawnAt)}</Text>}
              </View>
            ))}
            {data.records.some((r) => r.document === 'sensitive' && !r.withdrawnAt) && (
              <ActionButton block variant='ghost' disabled={sensitive.busy} onClick={() => void withdrawSensitive()}>
                撤回身份证号处理同意
              </ActionButton>
            )}
            {sensitive.error && <Text className='privacy__error'>{sensitive.error}</Text>}
            <ActionButton block variant='ghost' disabled={privacy.busy} onClick={() => void withdrawPrivacy()}>
              {`撤回对${LEGAL_DOCUMENTS.privacy.title}的同意`}
            </ActionButton>
            {privacy.error && <Text className='privacy__error'>{privacy.error}</Text>}
            <Text className='privacy__line'>{`${LEGAL_DOCUMENTS.terms.title}是使用本平台的前提，不能单独撤回；不再使用时可注销账号。撤回不影响撤回前基于同意已进行的处理。`}</Text>
          </>
        )}
      </ResourceView>
    </View>
  )
}
