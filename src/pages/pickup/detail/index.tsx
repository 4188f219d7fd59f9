import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { AuthorizationHistory, AuthorizationTextView } from '@/components/authorization'
import { PageState, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { STATUS_STEPS, AUTHORIZATION_STATUS_LABELS, chineseDate, fullAddress, type AuthorizationStatus } from '@/domain/pickup-authorization'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { getAuthorization, type Authorization } from '@/services/pickup'
import { useSession } from '@/stores/session'
import { decodeParam, goToLogin } from '@/routes'
import { PICKUP_PAGES } from '../routes'
import { TrackingCard } from './tracking-card'
import './index.scss'

/** While the hall still has something to do, the page refreshes itself this often. */
const LIVE_REFRESH_MS = 15_000
const FINAL: AuthorizationStatus[] = ['delivered', 'collected', 'expired']

/** After signing: the number, the status steps, the EMS tracking timeline or the pickup QR code, and the signed record. */
export default function AuthorizationDetailPage() {
  const id = decodeParam(useRouter().params.id)
  const token = useSession((s) => s.token)
  const authorization = useResource(token && id ? id : null, () => getAuthorization(id!))
  const [visible, setVisible] = useState(true)
  useReloadOnReturn(authorization)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  usePullDownRefresh(() => {
    authorization.reload(true)
    void Taro.stopPullDownRefresh()
  })

  const status = authorization.resource.status === 'ready' ? authorization.resource.data.status : null
  const reload = authorization.reload
  useEffect(() => {
    if (!visible || !status || FINAL.includes(status)) return
    const timer = setInterval(() => reload(true), LIVE_REFRESH_MS)
    return () => clearInterval(timer)
  }, [visible, status, reload])

  if (!id) return <PageState kind='error' title='缺少委托书编号' message='请从“我的委托”重新进入' />
  if (!token) return <PageState kind='empty' title='请先登录' actionText='去登录' onAction={() => void goToLogin()} />
  return (
    <View className='pickup-detail'>
      <ResourceView of={authorization}>{(a) => <Detail authorization={a} />}</ResourceView>
    </View>
  )
}

function Detail({ authorization: a }: { authorization: Authorization }) {
  const [showText, setShowText] = useState(false)
  const doc = a.document
  return (
    <View>
      <View className='pickup-detail__header'>
        <Text className='pickup-detail__status' {...asRole('status')}>
          {a.statusLabel}
        </Text>
        <Text className='pickup-detail__number'>委托书编号 {a.number}</Text>
        <Text className='pickup-detail__sub'>
          {doc.licenceName} · 办件 {doc.caseNumber}
        </Text>
        {a.status === 'expired' ? null : <Text className='pickup-detail__sub'>有效期至 {chineseDate(a.validUntil)}</Text>}
      </View>

      {a.status === 'expired' ? (
        <View className='card'>
          <PageState
            kind='empty'
            inline
            title='委托已过有效期'
            message='期间未寄出或领取，委托已失效。如仍需寄递或代领，请重新签署。'
            actionText='重新签署'
            onAction={() => void Taro.redirectTo({ url: PICKUP_PAGES.authorize(doc.caseNumber) })}
          />
        </View>
      ) : (
        <Steps authorization={a} />
      )}

      {a.method === 'agent' && a.pickupQr ? <PickupCode authorization={a} /> : null}

      {a.method === 'ems' && a.emsNumber ? <TrackingCard authorization={a} /> : null}

      <View className='card'>
        <Text className='section-title'>{doc.method.kind === 'ems' ? '寄递信息' : '代领人'}</Text>
        {doc.method.kind === 'ems' ? (
          <View>
            <Text className='pickup-detail__fact'>
              收件人：{doc.method.recipient} {doc.method.phoneMasked}
            </Text>
            <Text className='pickup-detail__fact'>地址：{fullAddress(doc.method)}</Text>
            <Text className='pickup-detail__fact'>EMS单号：{a.emsNumber ?? '寄出后显示'}</Text>
          </View>
        ) : (
          <View>
            <Text className='pickup-detail__fact'>
              {doc.method.name} · {doc.method.idNumberMasked}
            </Text>
            <Text className='pickup-detail__fact'>身份核验：{a.agentVerified ? '已在窗口核验' : '未核验'}</Text>
          </View>
        )}
      </View>

      <AuthorizationHistory authorization={a}>
        <View className='pickup-detail__toggle'>
          <ActionButton variant='plain' block onClick={() => setShowText(!showText)}>
            {showText ? '收起委托书全文' : '查看委托书全文'}
          </ActionButton>
        </View>
        {showText ? <AuthorizationTextView document={doc} /> : null}
      </AuthorizationHistory>
    </View>
  )
}

function Steps({ authorization: a }: { authorization: Authorization }) {
  const steps = STATUS_STEPS[a.method]
  const current = steps.indexOf(a.status)
  return (
    <View className='card pickup-detail__steps' {...asRole('list', '委托状态')}>
      {steps.map((step, i) => (
        <View
          key={step}
          className={`pickup-detail__step${i <= current ? ' pickup-detail__step--done' : ''}${i === current ? ' pickup-detail__step--current' : ''}`}
          {...asRole('listitem', `${AUTHORIZATION_STATUS_LABELS[step]}${i === current ? '（当前）' : ''}`)}
        >
          <Text className='pickup-detail__step-dot'>{i + 1}</Text>
          <Text className='pickup-detail__step-label'>{AUTHORIZATION_STATUS_LABELS[step]}</Text>
        </View>
      ))}
    </View>
  )
}

function PickupCode({ authorization: a }: { authorization: Authorization }) {
  return (
    <View className='card pickup-detail__qr'>
      <Text className='section-title'>窗口取件码</Text>
      <Image className='pickup-detail__qr-image' src={a.pickupQr!} mode='aspectFit' {...asRole('img', '取件二维码')} />
      <Text className='pickup-detail__qr-note'>
        请将此取件码发给代领人。代领人携带本人身份证原件到{a.document.hallName}窗口出示，工作人员扫码并核对身份证后发证。
      </Text>
      <Text className='pickup-detail__code' selectable>
        {a.pickupCode}
      </Text>
    </View>
  )
}
