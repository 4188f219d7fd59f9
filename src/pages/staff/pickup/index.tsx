import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { PageState, SignInFirst, ResourceList } from '@/components/page-state'
import { asButton, asChoice, asRole } from '@/components/a11y'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { useAction } from '@/hooks/use-action'
import { issueLicence, listHallLicences, listPendingCases, type HallLicenceState, type Licence, type PendingCase } from '@/services/pickup'
import { useSession } from '@/stores/session'
import { pageLink } from '@/domain/page-routes'
import { shanghaiDate } from '@/domain/time'
import { decodeParam, openPage } from '@/routes'
import { staffHallFor } from '../staff-hall'
import './index.scss'

const TABS: { state: HallLicenceState; title: string; empty: string }[] = [
  { state: 'awaiting', title: '待处理', empty: '没有待寄出或待领取的委托' },
  { state: 'ready', title: '待签委托', empty: '没有等待申请人签署委托的证照' },
  { state: 'shipped', title: '已寄出', empty: '没有寄递中的证照' },
  { state: 'done', title: '已办结', empty: '暂无已办结的证照' },
]

/** 证照发放 (clerk): register issued licences from 待出证, work through signed authorizations, verify agents. */
export default function StaffPickupPage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'clerk', decodeParam(useRouter().params.hallId))
  const [tab, setTab] = useState<HallLicenceState>('awaiting')
  const licences = useResource(hallId ? `${hallId}:${tab}` : null, () => listHallLicences(hallId!, tab))
  const [query, setQuery] = useState('')
  const pending = useResource(hallId ? `${hallId}:pending:${query}` : null, () => listPendingCases(hallId!, query))
  const [registered, setRegistered] = useState<Licence | null>(null)
  useReloadOnReturn(licences, pending)
  usePullDownRefresh(() => {
    licences.reload(true)
    pending.reload(true)
    void Taro.stopPullDownRefresh()
  })
  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='仅限发证窗口工作人员使用' message='您在服务中心没有发证人员身份' />
  const current = TABS.find((t) => t.state === tab)!
  const onRegistered = (licence: Licence) => {
    setRegistered(licence)
    pending.reload(true)
    // The registered licence now waits for the applicant's authorization: show that list.
    if (tab === 'ready') licences.reload(true)
    else setTab('ready')
  }
  return (
    <View className='staff-pickup'>
      <PendingCases resource={pending} query={query} onSearch={setQuery} registered={registered} onRegistered={onRegistered} />
      <View className='staff-pickup__agent'>
        <ActionButton block onClick={() => void openPage(pageLink('staffPickupAgentCheck', { hallId }))}>
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
              {...asChoice('tab', t.state === tab, t.title)}
            >
              {t.title}
            </View>
          ))}
        </View>
        <ResourceList
          of={licences}
          inline
          emptyTitle={current.empty}
          row={(licence) => <LicenceRow key={licence.id} licence={licence} highlighted={licence.id === registered?.id} />}
        />
      </View>
    </View>
  )
}

/**
 * 待出证: the hall's approved cases whose licence is not registered yet. The clerk searches by case
 * number or the applicant's family name and registers with one tap; the result stays on screen.
 */
function PendingCases(props: {
  resource: ReturnType<typeof useResource<PendingCase[]>>
  query: string
  onSearch: (query: string) => void
  registered: Licence | null
  onRegistered: (licence: Licence) => void
}) {
  const [text, setText] = useState(props.query)
  const registering = useAction()
  const [registeringCase, setRegisteringCase] = useState<string | null>(null)
  const register = (pendingCase: PendingCase) =>
    registering.run(async () => {
      setRegisteringCase(pendingCase.caseNumber)
      try {
        props.onRegistered(await issueLicence(pendingCase.caseNumber))
      } finally {
        setRegisteringCase(null)
      }
    })
  const search = () => props.onSearch(text.trim())
  return (
    <View className='card'>
      <Text className='section-title'>待出证</Text>
      <Text className='muted'>预审通过、尚未出证登记的办件。制证完成后点“登记出证”，申请人即收到通知并可在线签署取件委托书。</Text>
      {props.registered ? (
        <View className='staff-pickup__done' {...asRole('status')}>
          <Text>
            已登记出证：{props.registered.caseNumber} {props.registered.licenceName}（{props.registered.copies}），已通知申请人{' '}
            {props.registered.applicantNameMasked}
          </Text>
        </View>
      ) : null}
      {registering.error ? (
        <View className='staff-pickup__failed' {...asRole('alert')}>
          <Text>出证登记未成功：{registering.error}</Text>
        </View>
      ) : null}
      <FormField
        label='检索待出证办件'
        placeholder='办件编号或申请人姓氏，如 张'
        value={text}
        onInput={setText}
        maxlength={40}
        onConfirm={search}
        suffix={
          <ActionButton variant='ghost' onClick={search}>
            检索
          </ActionButton>
        }
      />
      <ResourceList
        of={props.resource}
        inline
        emptyTitle={props.query ? '没有符合条件的待出证办件' : '没有待出证的办件'}
        row={(c) => (
          <View key={c.caseNumber} className='staff-pickup__row'>
            <View className='staff-pickup__row-head'>
              <Text className='staff-pickup__licence'>
                {c.licenceName} · {c.applicantNameMasked}
              </Text>
              <Text className='staff-pickup__state'>预审通过 {shanghaiDate(new Date(c.approvedAt))}</Text>
            </View>
            <Text className='staff-pickup__meta'>办件编号 {c.caseNumber}</Text>
            <Text className='staff-pickup__meta'>
              {c.itemName} · {c.copies}
            </Text>
            <ActionButton block disabled={registering.busy} onClick={() => void register(c)}>
              {registeringCase === c.caseNumber ? '登记中…' : '登记出证'}
            </ActionButton>
          </View>
        )}
      />
    </View>
  )
}

function LicenceRow({ licence, highlighted }: { licence: Licence; highlighted: boolean }) {
  const a = licence.authorization
  const live = a && a.status !== 'expired'
  const label = live
    ? `${a.method === 'ems' ? 'EMS' : '代领'} · ${a.statusLabel}`
    : licence.status === 'handed_over'
      ? '已领取'
      : a
        ? '委托已过期'
        : '待申请人签署'
  const content = (
    <View>
      <View className='staff-pickup__row-head'>
        <Text className='staff-pickup__licence'>
          {licence.licenceName} · {licence.applicantNameMasked}
        </Text>
        <Text className='staff-pickup__state'>{label}</Text>
      </View>
      <Text className='staff-pickup__meta'>办件编号 {licence.caseNumber}</Text>
      {a ? (
        <Text className='staff-pickup__meta'>
          委托书 {a.number}
          {a.emsNumber ? ` · EMS ${a.emsNumber}` : ''}
        </Text>
      ) : null}
    </View>
  )
  const className = `staff-pickup__row${highlighted ? ' staff-pickup__row--new' : ''}`
  if (!a) return <View className={className}>{content}</View>
  return (
    <View className={className} onClick={() => void openPage(pageLink('staffPickupDetail', { id: a.id }))} {...asButton()}>
      {content}
    </View>
  )
}
