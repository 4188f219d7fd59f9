import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { PageState, ResourceList } from '@/components/page-state'
import { FormField } from '@/components/form-field'
import { ActionButton } from '@/components/action-button'
import { asButton } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { listMyLicences, type Licence } from '@/services/pickup'
import { useSession } from '@/stores/session'
import { goToLogin, openPage } from '@/routes'
import { PICKUP_PAGES } from './routes'
import './index.scss'
import { useCheckedForm } from '@/hooks/use-form'

/** 证照快递 / 我的委托: licences issued to me, and what became of each. */
export default function PickupListPage() {
  const token = useSession((s) => s.token)
  const licences = useResource(token, listMyLicences)
  const shown = useRef(false)

  useDidShow(() => {
    if (shown.current && token) licences.reload(true)
    shown.current = true
  })
  usePullDownRefresh(() => {
    licences.reload(true)
    void Taro.stopPullDownRefresh()
  })

  if (!token)
    return <PageState kind='empty' title='请先登录' message='登录后查看已出证的证照和取件委托' actionText='去登录' onAction={() => void goToLogin()} />

  return (
    <View className='pickup-list'>
      <View className='pickup-list__intro'>
        <Text className='pickup-list__title'>证照快递</Text>
        <Text className='pickup-list__sub'>办结的证照可在线签署《取件委托书》，免费EMS寄递到家，或委托他人到窗口代领。</Text>
      </View>
      <FindByCaseNumber />
      <View className='card'>
        <Text className='section-title'>我的证照与委托</Text>
        <ResourceList
          of={licences}
          inline
          emptyTitle='暂无已出证的证照'
          emptyMessage='办件出证后会通过消息通知您，也可在上方按办件编号查找'
          row={(licence) => <LicenceRow key={licence.id} licence={licence} />}
        />
      </View>
    </View>
  )
}

function FindByCaseNumber() {
  const form = useCheckedForm({ caseNumber: '' }, (values) => ({
    caseNumber: /^[A-Za-z0-9-]{4,40}$/.test(values.caseNumber.trim()) ? undefined : '请输入正确的办件编号',
  }))
  const find = () => {
    if (form.validate()) void openPage(PICKUP_PAGES.authorize(form.values.caseNumber.trim()))
  }
  return (
    <View className='card'>
      <FormField label='按办件编号查找' placeholder='如 YS-20261124-000001' maxlength={40} {...form.field('caseNumber')} onConfirm={find} />
      <View className='pickup-list__find'>
        <ActionButton variant='ghost' block onClick={find}>
          查找
        </ActionButton>
      </View>
    </View>
  )
}

function stateOf(licence: Licence): { label: string; tone: 'todo' | 'active' | 'done' } {
  const a = licence.authorization
  if (licence.status === 'handed_over') return { label: a ? a.statusLabel : '已领取', tone: 'done' }
  if (!a || a.status === 'expired') return { label: a ? '委托已过期，可重新签署' : '待签署委托', tone: 'todo' }
  return { label: a.statusLabel, tone: 'active' }
}

function LicenceRow({ licence }: { licence: Licence }) {
  const state = stateOf(licence)
  const live = licence.authorization && licence.authorization.status !== 'expired'
  const open = () => void openPage(live ? PICKUP_PAGES.detail(licence.authorization!.id) : PICKUP_PAGES.authorize(licence.caseNumber))
  return (
    <View className='pickup-list__row' onClick={open} {...asButton()}>
      <View className='pickup-list__row-head'>
        <Text className='pickup-list__licence'>{licence.licenceName}</Text>
        <Text className={`pickup-list__state pickup-list__state--${state.tone}`}>{state.label}</Text>
      </View>
      <Text className='pickup-list__meta'>{licence.itemName}</Text>
      <Text className='pickup-list__meta'>
        办件编号 {licence.caseNumber} · {licence.hallName}
      </Text>
      {licence.authorization?.emsNumber ? <Text className='pickup-list__meta'>EMS {licence.authorization.emsNumber}</Text> : null}
    </View>
  )
}
