import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { useResource } from '@/hooks/use-resource'
import { listMyTickets, type Ticket } from '@/services/queue'
import { useSession } from '@/stores/session'
import { TICKET_STATUS_LABELS, goToWindowText, isActiveStatus } from '@/domain/queue'
import { currentPageUrl, goToLogin, openPage, withQuery } from '@/routes'
import { QUEUE_PAGES } from '../paths'
import { dateTimeOf } from '../labels'
import '../queue.scss'
import './index.scss'

/** 我的排号: the user's numbers of the past week, active ones first. */
export default function MyTicketsPage() {
  const session = useSession((s) => s.token)
  const tickets = useResource(session, listMyTickets)
  useDidShow(() => {
    if (tickets.resource.status === 'ready') tickets.reload(true)
  })
  usePullDownRefresh(() => {
    tickets.reload(true)
    void Taro.stopPullDownRefresh()
  })
  if (!session) {
    return <PageState kind='empty' title='请先登录' message='登录后查看您的排号' actionText='去登录' onAction={() => void goToLogin(currentPageUrl())} />
  }
  return (
    <View className='my-tickets'>
      <ResourceView
        resource={tickets.resource}
        onRetry={() => tickets.reload()}
        isEmpty={(list) => list.length === 0}
        emptyTitle='暂无排号'
        emptyMessage='网上取号后，排队进度会显示在这里'
      >
        {(list) => (
          <View>
            {[...list.filter((t) => isActiveStatus(t.status)), ...list.filter((t) => !isActiveStatus(t.status))].map((t) => (
              <TicketRow key={t.id} ticket={t} />
            ))}
          </View>
        )}
      </ResourceView>
      <View className='my-tickets__take'>
        <ActionButton block onClick={() => void openPage(QUEUE_PAGES.take)}>
          网上取号
        </ActionButton>
      </View>
    </View>
  )
}

function TicketRow({ ticket: t }: { ticket: Ticket }) {
  const active = isActiveStatus(t.status)
  const detail =
    t.status === 'called' && t.window ? goToWindowText(t.window.number) : t.status === 'waiting' ? `前面 ${t.ahead ?? 0} 人` : TICKET_STATUS_LABELS[t.status]
  return (
    <View
      className={`card my-tickets__row${active ? '' : ' my-tickets__row--ended'}`}
      onClick={() => void openPage(withQuery(QUEUE_PAGES.ticket, { id: t.id }))}
      {...asButton()}
    >
      <Text className='my-tickets__number'>{t.number}</Text>
      <View className='my-tickets__info'>
        <Text className='my-tickets__title'>
          {t.category.name} · {t.hall.name}
        </Text>
        <Text className='muted'>取号 {dateTimeOf(t.issuedAt)}</Text>
      </View>
      <Text className={`my-tickets__state my-tickets__state--${t.status}`}>{detail}</Text>
    </View>
  )
}
