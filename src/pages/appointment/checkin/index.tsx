import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { checkInAppointment, listMyAppointments, type Appointment } from '@/services/appointment'
import { useSession } from '@/stores/session'
import { currentPageUrl, goToLogin, openPage, withQuery } from '@/routes'
import { APPOINTMENT_PAGES } from '../paths'
import { hallOfCheckinToken } from '@/domain/queue'
import { checkinTokenFromParams } from '@/components/checkin/proof'
import { instantLabel, monthDay, timeOf } from '../labels'
import { AlertLine } from '@/components/alert-line'
import './index.scss'

/** Opened from the hall's check-in QR (…?token=): checks in one of the user's bookings at that hall. */
export default function AppointmentCheckinPage() {
  const token = checkinTokenFromParams(useRouter().params)
  const session = useSession((s) => s.token)
  const list = useResource(session && token ? session : null, listMyAppointments)

  if (!token) return <PageState kind='error' title='签到码无效' message='请扫描服务中心大厅内的签到二维码' />
  if (!session) {
    return <PageState kind='empty' title='请先登录' message='登录后为您的预约签到' actionText='去登录' onAction={() => void goToLogin(currentPageUrl())} />
  }
  const hallId = hallOfCheckinToken(token)
  return (
    <View className='appt-checkin'>
      <ResourceView
        resource={list.resource}
        onRetry={() => list.reload()}
        isEmpty={(all) => all.every((a) => a.status !== 'booked' || a.hall.id !== hallId)}
        emptyTitle='您在该服务中心没有待签到的预约'
        emptyMessage='如已取号，请到“我的排号”签到；也可在大厅现场取号'
      >
        {(all) => (
          <View>
            {all
              .filter((a) => a.status === 'booked' && a.hall.id === hallId)
              .sort((a, b) => Number(b.canCheckIn) - Number(a.canCheckIn) || a.startsAt.localeCompare(b.startsAt))
              .map((a) => (
                <Candidate key={a.id} appointment={a} hallToken={token} />
              ))}
          </View>
        )}
      </ResourceView>
    </View>
  )
}

function Candidate({ appointment: a, hallToken }: { appointment: Appointment; hallToken: string }) {
  const { busy, error, run } = useAction()
  const checkIn = () =>
    run(async () => {
      const done = await checkInAppointment(a.id, { hallToken })
      void Taro.showToast({ title: `签到成功，排队号 ${done.ticket?.number ?? ''}`, icon: 'none' })
      await Taro.redirectTo({ url: withQuery(APPOINTMENT_PAGES.detail, { id: a.id }) })
    })
  return (
    <View className='card appt-checkin__card'>
      <Text className='section-title'>{a.item.name}</Text>
      <Text className='appt-checkin__when'>
        {monthDay(a.date)} {a.weekday} {a.start}–{a.end}
      </Text>
      <Text className='muted'>
        {a.hall.name}　签到时间 {instantLabel(a.checkinOpensAt)}–{timeOf(a.checkinClosesAt)}
      </Text>
      <AlertLine className='appt-checkin__error' message={error} />
      <View className='appt-checkin__actions'>
        <ActionButton block disabled={busy} onClick={() => void checkIn()}>
          {busy ? '签到中…' : '确认签到'}
        </ActionButton>
        <ActionButton block variant='plain' onClick={() => void openPage(withQuery(APPOINTMENT_PAGES.detail, { id: a.id }))}>
          查看预约详情
        </ActionButton>
      </View>
    </View>
  )
}
