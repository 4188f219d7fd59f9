import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { useResource } from '@/hooks/use-resource'
import { listMyAppointments, type Appointment } from '@/services/appointment'
import { useSession } from '@/stores/session'
import { goToLogin, openPage, withQuery } from '@/routes'
import { APPOINTMENT_PAGES } from '../paths'
import { STATUS_LABEL, monthDay } from '../labels'
import './index.scss'

export default function MyAppointmentsPage() {
  const token = useSession((s) => s.token)
  const list = useResource(token, listMyAppointments)
  useDidShow(() => {
    if (list.resource.status === 'ready') list.reload(true)
  })

  if (!token) {
    return <PageState kind='empty' title='请先登录' message='登录后查看您的预约' actionText='去登录' onAction={() => void goToLogin(APPOINTMENT_PAGES.mine)} />
  }
  return (
    <View className='my-appts'>
      <ResourceView resource={list.resource} onRetry={() => list.reload()}>
        {(appointments) => <Lists appointments={appointments} />}
      </ResourceView>
      <View className='my-appts__new'>
        <ActionButton block onClick={() => void openPage(APPOINTMENT_PAGES.book)}>
          新建预约
        </ActionButton>
      </View>
    </View>
  )
}

function Lists({ appointments }: { appointments: Appointment[] }) {
  const upcoming = appointments.filter((a) => a.status === 'booked').reverse()
  const past = appointments.filter((a) => a.status !== 'booked')
  return (
    <View>
      <View className='card'>
        <Text className='section-title'>待办理</Text>
        {upcoming.length === 0 ? <PageState kind='empty' title='暂无待办理的预约' inline /> : upcoming.map((a) => <Row key={a.id} appointment={a} />)}
      </View>
      {past.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>历史预约</Text>
          {past.map((a) => (
            <Row key={a.id} appointment={a} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Row({ appointment: a }: { appointment: Appointment }) {
  const when = `${monthDay(a.date)} ${a.weekday} ${a.start}–${a.end}`
  return (
    <View className='my-appts__row' onClick={() => void openPage(withQuery(APPOINTMENT_PAGES.detail, { id: a.id }))} {...asButton()}>
      <View className='my-appts__row-head'>
        <Text className='my-appts__item'>{a.item.name}</Text>
        <Text className={`my-appts__badge my-appts__badge--${a.status}`}>{STATUS_LABEL[a.status]}</Text>
      </View>
      <Text className='my-appts__when'>{when}</Text>
      <Text className='muted'>
        {a.hall.name}
        {a.ticket ? ` · 排队号 ${a.ticket.number}` : ''}
      </Text>
    </View>
  )
}
