import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../components/action-button'
import { FormField } from '../../../components/form-field'
import { PageState, ResourceView } from '../../../components/page-state'
import { asButton, asRole } from '../../../components/a11y'
import { useResource } from '../../../hooks/use-resource'
import { toApiError } from '../../../services/http'
import { issueLicence, listHallLicences, type HallLicenceState, type Licence } from '../../../services/pickup'
import { useSession } from '../../../stores/session'
import { decodeParam, openPage, withQuery } from '../../../routes'
import { PICKUP_PAGES } from '../../pickup/routes'
import { staffHallFor } from '../staff-hall'
import './index.scss'

const TABS: { state: HallLicenceState; title: string; empty: string }[] = [
  { state: 'awaiting', title: '待处理', empty: '没有待寄出或待领取的委托' },
  { state: 'ready', title: '待签委托', empty: '没有等待申请人签署委托的证照' },
  { state: 'shipped', title: '已寄出', empty: '没有寄递中的证照' },
  { state: 'done', title: '已办结', empty: '暂无已办结的证照' },
]

/** 证照发放 (clerk): register issued licences, work through signed authorizations, verify agents. */
export default function StaffPickupPage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'clerk', decodeParam(useRouter().params.hallId))
  const [tab, setTab] = useState<HallLicenceState>('awaiting')
  const licences = useResource(hallId ? `${hallId}:${tab}` : null, () => listHallLicences(hallId!, tab))
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) licences.reload(true)
    shown.current = true
  })
  usePullDownRefresh(() => {
    licences.reload(true)
    void Taro.stopPullDownRefresh()
  })
  if (!hallId) return <PageState kind='error' title='仅限发证窗口工作人员使用' message='您在服务中心没有发证人员身份' />
  const current = TABS.find((t) => t.state === tab)!
  return (
    <View className='staff-pickup'>
      <IssueLicence onDone={() => licences.reload(true)} />
      <View className='staff-pickup__agent'>
        <ActionButton block onClick={() => void openPage(withQuery(PICKUP_PAGES.staffAgentCheck, { hallId }))}>
          代领人核验（扫取件码）
        </ActionButton>
      </View>
      <View className='card'>
        <View className='staff-pickup__tabs' {...asRole('tablist', '证照状态')}>
          {TABS.map((t) => (
            <View
              key={t.state}
              className={`staff-pickup__tab${t.state === tab ? ' staff-pickup__tab--active' : ''}`}
              onClick={() => setTab(t.state)}
              {...(process.env.TARO_ENV === 'h5' ? { role: 'tab', 'aria-selected': t.state === tab, 'aria-label': t.title } : {})}
            >
              {t.title}
            </View>
          ))}
        </View>
        <ResourceView resource={licences.resource} onRetry={() => licences.reload()} inline isEmpty={(list) => list.length === 0} emptyTitle={current.empty}>
          {(list) => (
            <View>
              {list.map((licence) => (
                <LicenceRow key={licence.id} licence={licence} />
              ))}
            </View>
          )}
        </ResourceView>
      </View>
    </View>
  )
}

function IssueLicence({ onDone }: { onDone: () => void }) {
  const [caseNumber, setCaseNumber] = useState('')
  const [busy, setBusy] = useState(false)
  const issue = async () => {
    const value = caseNumber.trim()
    if (!value || busy) return
    setBusy(true)
    try {
      const licence = await issueLicence(value)
      setCaseNumber('')
      void Taro.showToast({ title: `已登记：${licence.licenceName}`, icon: 'none' })
      onDone()
    } catch (error) {
      void Taro.showModal({ title: '出证登记未成功', content: toApiError(error).message, showCancel: false })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card'>
      <Text className='section-title'>出证登记</Text>
      <Text className='muted'>证照制证完成后登记，申请人即收到通知并可在线签署取件委托书。</Text>
      <FormField label='办件编号' value={caseNumber} onInput={setCaseNumber} maxlength={40} onConfirm={() => void issue()} />
      <ActionButton block onClick={() => void issue()} disabled={busy || !caseNumber.trim()}>
        {busy ? '登记中…' : '登记出证'}
      </ActionButton>
    </View>
  )
}

function LicenceRow({ licence }: { licence: Licence }) {
  const a = licence.authorization
  const live = a && a.status !== 'expired'
  const label = live ? `${a.method === 'ems' ? 'EMS' : '代领'} · ${a.statusLabel}` : licence.status === 'handed_over' ? '已领取' : a ? '委托已过期' : '待申请人签署'
  const content = (
    <View>
      <View className='staff-pickup__row-head'>
        <Text className='staff-pickup__licence'>
          {licence.licenceName} · {licence.applicantNameMasked}
        </Text>
        <Text className='staff-pickup__state'>{label}</Text>
      </View>
      <Text className='staff-pickup__meta'>办件编号 {licence.caseNumber}</Text>
      {a ? <Text className='staff-pickup__meta'>委托书 {a.number}{a.emsNumber ? ` · EMS ${a.emsNumber}` : ''}</Text> : null}
    </View>
  )
  if (!a) return <View className='staff-pickup__row'>{content}</View>
  return (
    <View className='staff-pickup__row' onClick={() => void openPage(PICKUP_PAGES.staffDetail(a.id))} {...asButton(`${licence.caseNumber}，${label}`)}>
      {content}
    </View>
  )
}
