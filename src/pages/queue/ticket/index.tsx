import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { HallContact } from '@/components/hall-contact'
import { PrivacySheet } from '@/components/privacy-sheet'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { useHallLive } from '@/hooks/use-hall-live'
import { cancelTicket, checkInTicket, getTicket, type CheckinProof, type Ticket } from '@/services/queue'
import { askSubscribe } from '@/services/subscribe'
import { PRIORITY_LABELS, TICKET_STATUS_LABELS, goToWindowText, isActiveStatus } from '@/domain/queue'
import { decodeParam, withQuery } from '@/routes'
import { QUEUE_PAGES } from '../paths'
import { clockOf, waitText } from '../labels'
import { currentLocation, scanHallCheckinToken } from '@/components/checkin/proof'
import { AlertLine } from '@/components/alert-line'
import '../queue.scss'
import './index.scss'
import { confirmAction } from '@/components/modal'

/** One ticket, kept current live: state, people ahead, wait, check-in and — once called — the window to go to. */
export default function TicketPage() {
  const id = decodeParam(useRouter().params.id) ?? null
  const ticket = useResource(id, () => getTicket(id!))
  const data = ticket.resource.status === 'ready' ? ticket.resource.data : null
  useHallLive(data && isActiveStatus(data.status) ? data.hall.id : null, () => ticket.reload(true))

  if (!id) return <PageState kind='error' title='未找到排队号' message='请从“我的排号”进入' />
  return (
    <View className='ticket'>
      <ResourceView of={ticket}>{(t) => <TicketView ticket={t} onChange={ticket.replace} />}</ResourceView>
      <PrivacySheet />
    </View>
  )
}

function TicketView({ ticket: t, onChange }: { ticket: Ticket; onChange: (next: Ticket) => void }) {
  return (
    <View>
      <View className={`ticket__head ticket__head--${t.status}`} {...asRole('status', `${t.number}，${TICKET_STATUS_LABELS[t.status]}`)}>
        <Text className='ticket__hall'>
          {t.hall.name} · {t.category.name}
        </Text>
        <Text className='ticket__number'>{t.number}</Text>
        <Text className='ticket__status'>
          {TICKET_STATUS_LABELS[t.status]}
          {t.priority ? `　${PRIORITY_LABELS[t.priority]}` : ''}
        </Text>
        {t.window ? (
          <Text className='ticket__window'>{t.status === 'called' ? goToWindowText(t.window.number) : `正在 ${t.window.number} 号窗口办理`}</Text>
        ) : null}
      </View>

      <Progress ticket={t} />
      {t.status === 'waiting_checkin' ? <CheckIn ticket={t} onChange={onChange} /> : null}

      <View className='card'>
        <Text className='section-title'>办理地点</Text>
        <Text className='ticket__address'>{t.hall.address}</Text>
        <HallContact hall={t.hall} />
      </View>

      {t.status === 'waiting_checkin' || t.status === 'waiting' ? <Manage ticket={t} onChange={onChange} /> : null}
      {isActiveStatus(t.status) ? null : (
        <View className='ticket__again'>
          <ActionButton block variant='ghost' onClick={() => void Taro.redirectTo({ url: withQuery(QUEUE_PAGES.take, { hallId: t.hall.id }) })}>
            重新取号
          </ActionButton>
        </View>
      )}
    </View>
  )
}

function Progress({ ticket: t }: { ticket: Ticket }) {
  if (t.status === 'called') {
    return (
      <View className='card ticket__progress'>
        <Text className='ticket__lead'>已叫到您的号，{goToWindowText(t.window!.number)}</Text>
        {t.recalls > 0 ? <Text className='muted'>已重呼 {t.recalls} 次，请尽快前往，过号后需重新排队</Text> : null}
      </View>
    )
  }
  if (t.status === 'waiting' || t.status === 'waiting_checkin') {
    const checkedIn = t.status === 'waiting'
    return (
      <View className='card ticket__progress'>
        <View className='ticket__figures'>
          <View className='ticket__figure'>
            <Text className='ticket__figure-value'>{t.ahead ?? 0}</Text>
            <Text className='muted'>{checkedIn ? '前面等待' : '当前排队'}（人）</Text>
          </View>
          <View className='ticket__figure'>
            <Text className='ticket__figure-value ticket__figure-value--small'>{t.estimatedWaitMinutes ? waitText(t.estimatedWaitMinutes) : '—'}</Text>
            <Text className='muted'>预计等待</Text>
          </View>
        </View>
        {checkedIn ? (
          <Text className='muted'>
            已于 {clockOf(t.checkedInAt!)} 签到{t.misses > 0 ? '；已过号一次，再次过号将作废' : ''}，叫号时会通知您。
          </Text>
        ) : (
          <Text className='ticket__deadline'>请于今天 {clockOf(t.checkinDeadline!)} 前到厅签到，签到后开始排队；逾时未签到，该号作废。</Text>
        )}
      </View>
    )
  }
  const endings: Partial<Record<Ticket['status'], string>> = {
    serving: '正在办理，请配合窗口工作人员。',
    done: '已办结，感谢您的耐心等待。',
    missed: '两次叫号未到，该号已作废。',
    cancelled: '该号已取消。',
    // The job expires two kinds of tickets: never checked in by the deadline, or still in line when the day ended.
    expired: t.checkedInAt ? '当日未能办理，该号已失效，如需办理请重新取号。' : '未在截止时间前签到，该号已失效，如需办理请重新取号。',
  }
  return (
    <View className='card ticket__progress'>
      <Text className='ticket__lead'>{endings[t.status]}</Text>
    </View>
  )
}

function CheckIn({ ticket: t, onChange }: { ticket: Ticket; onChange: (next: Ticket) => void }) {
  const { busy, error, run: runAction } = useAction()
  const run = (proof: () => Promise<CheckinProof>) =>
    runAction(async () => {
      onChange(await checkInTicket(t.id, await proof()))
      void Taro.showToast({ title: '签到成功，请留意叫号', icon: 'none' })
    })
  const scan = () => run(async () => ({ token: await scanHallCheckinToken() }))
  const locate = () => run(async () => ({ location: await currentLocation() }))

  return (
    <View className='card'>
      <Text className='section-title'>到厅签到</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <View className='queue-actions'>
          <ActionButton block disabled={busy} onClick={() => void scan()}>
            扫描大厅签到码
          </ActionButton>
          <ActionButton block variant='ghost' disabled={busy} onClick={() => void locate()}>
            {`定位签到（需在服务中心 ${t.hall.location.geofenceMeters} 米内）`}
          </ActionButton>
        </View>
      ) : (
        <Text className='muted'>到达服务中心后，用手机相机扫描大厅屏幕上的签到二维码，即可完成签到。</Text>
      )}
      <AlertLine className='queue-error' message={error} />
    </View>
  )
}

function Manage({ ticket: t, onChange }: { ticket: Ticket; onChange: (next: Ticket) => void }) {
  const { busy, run } = useAction({ toast: true })
  const cancel = async () => {
    const confirmed = await confirmAction({
      title: '取消排队号',
      content: `确定取消 ${t.number} 吗？取消后今日该类业务的取号次数不退回。`,
      confirmText: '取消排号',
      destructive: true,
    })
    if (!confirmed) return
    await run(async () => {
      onChange(await cancelTicket(t.id))
      void Taro.showToast({ title: '已取消', icon: 'none' })
    })
  }
  const subscribe = async () => {
    const outcome = await askSubscribe('takeTicket')
    if (outcome === 'accepted') void Taro.showToast({ title: '已开启微信提醒', icon: 'none' })
    else if (outcome === 'refused' || outcome === 'unavailable') void Taro.showToast({ title: '未开启微信提醒，可在“我的-消息”查看提醒', icon: 'none' })
  }
  return (
    <View className='ticket__manage'>
      {process.env.TARO_ENV === 'weapp' ? (
        <ActionButton block variant='ghost' onClick={() => void subscribe()}>
          开启微信叫号提醒
        </ActionButton>
      ) : null}
      <ActionButton block variant='danger' disabled={busy} onClick={() => void cancel()}>
        取消排号
      </ActionButton>
    </View>
  )
}
