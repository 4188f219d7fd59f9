import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { checkInTicket, listMyTickets, type Ticket } from '@/services/queue'
import { useSession } from '@/stores/session'
import { hallOfCheckinToken } from '@/domain/queue'
import { checkinTokenFromParams } from '@/components/checkin/proof'
import { PAGE_PATHS } from '@/domain/page-routes'
import { currentPageUrl, goToLogin, openPage, withQuery } from '@/routes'
import { QUEUE_PAGES } from '../paths'
import { clockOf } from '../labels'
import { AlertLine } from '@/components/alert-line'
import '../queue.scss'
import './index.scss'

/** The appointment subpackage's check-in page; the hall QR serves bookings as well as remote numbers. */
const APPOINTMENT_CHECKIN = PAGE_PATHS.appointmentCheckin

/** Opened by scanning the hall screen's QR code with a phone camera (…/checkin?token=): checks in the user's numbers at that hall. */
export default function QueueCheckinPage() {
  const token = checkinTokenFromParams(useRouter().params)
  const session = useSession((s) => s.token)
  const tickets = useResource(session && token ? session : null, listMyTickets)

  if (!token) return <PageState kind='error' title='签到码无效' message='请扫描服务中心大厅屏幕上的签到二维码' />
  if (!session) {
    return <PageState kind='empty' title='请先登录' message='登录后为您的排队号签到' actionText='去登录' onAction={() => void goToLogin(currentPageUrl())} />
  }
  const hallId = hallOfCheckinToken(token)
  const pending = (all: Ticket[]) => all.filter((t) => t.status === 'waiting_checkin' && t.hall.id === hallId)
  return (
    <View className='queue-checkin'>
      <ResourceView
        resource={tickets.resource}
        onRetry={() => tickets.reload()}
        isEmpty={(all) => pending(all).length === 0}
        emptyTitle='您在该服务中心没有待签到的排队号'
        emptyMessage='如有预约，请点击下方“预约签到”；也可在大厅现场取号'
      >
        {(all) => (
          <View>
            {pending(all).map((t) => (
              <Candidate key={t.id} ticket={t} token={token} />
            ))}
          </View>
        )}
      </ResourceView>
      <View className='queue-checkin__appointment'>
        <ActionButton block variant='plain' onClick={() => void openPage(withQuery(APPOINTMENT_CHECKIN, { token }))}>
          我有预约，去预约签到
        </ActionButton>
      </View>
    </View>
  )
}

function Candidate({ ticket: t, token }: { ticket: Ticket; token: string }) {
  const { busy, error, run } = useAction()
  const checkIn = () =>
    run(async () => {
      await checkInTicket(t.id, { token })
      void Taro.showToast({ title: '签到成功，请留意叫号', icon: 'none' })
      await Taro.redirectTo({ url: withQuery(QUEUE_PAGES.ticket, { id: t.id }) })
    })
  return (
    <View className='card'>
      <Text className='queue-checkin__number'>{t.number}</Text>
      <Text className='muted'>
        {t.hall.name} · {t.category.name}　请于 {clockOf(t.checkinDeadline!)} 前签到
      </Text>
      <AlertLine className='queue-error' message={error} />
      <View className='queue-actions'>
        <ActionButton block disabled={busy} onClick={() => void checkIn()}>
          {busy ? '签到中…' : `为 ${t.number} 签到`}
        </ActionButton>
      </View>
    </View>
  )
}
