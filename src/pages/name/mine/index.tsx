import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { PageState, ResourceView } from '@/components/page-state'
import { useResource } from '@/hooks/use-resource'
import { goToLogin, openPage, withQuery } from '@/routes'
import { listMyNames, releaseReservation, type NameReservation } from '@/services/name'
import { useSession } from '@/stores/session'
import { RESERVATION_STATUS_LABEL, chineseDate } from '../labels'
import { NAME_PAGES } from '../paths'
import { useAction } from '@/hooks/use-action'
import '../name.scss'
import './index.scss'
import { confirmAction } from '@/components/modal'

/** 我的名称: reserved names, their expiry, and giving one up. */
export default function MyNamesPage() {
  const token = useSession((s) => s.token)
  const list = useResource(token, listMyNames)
  useDidShow(() => {
    if (list.resource.status === 'ready') list.reload(true)
  })
  if (!token) {
    return <PageState kind='empty' title='请先登录' message='登录后查看您申报的企业名称' actionText='去登录' onAction={() => void goToLogin(NAME_PAGES.mine)} />
  }
  return (
    <View className='my-names'>
      <ResourceView
        resource={list.resource}
        onRetry={() => list.reload()}
        isEmpty={(names) => names.length === 0}
        emptyTitle='暂无申报的名称'
        emptyMessage='自主申报并保留的企业名称会显示在这里'
      >
        {(names) => (
          <View className='card'>
            {names.map((reservation) => (
              <Row key={reservation.id} reservation={reservation} onChanged={() => list.reload(true)} />
            ))}
          </View>
        )}
      </ResourceView>
      <View className='my-names__new'>
        <ActionButton block onClick={() => void openPage(NAME_PAGES.declare)}>
          申报新名称
        </ActionButton>
      </View>
    </View>
  )
}

function Row({ reservation: r, onChanged }: { reservation: NameReservation; onChanged: () => void }) {
  const { busy, run } = useAction({ toast: true })
  const release = async () => {
    const confirmed = await confirmAction({
      title: '放弃保留',
      content: `放弃后“${r.name}”不再为您保留，他人可以申报。确定放弃吗？`,
      confirmText: '放弃',
      destructive: true,
    })
    if (!confirmed) return
    await run(async () => {
      await releaseReservation(r.id)
      void Taro.showToast({ title: '已放弃保留', icon: 'none' })
      onChanged()
    })
  }
  const when = r.status === 'active' ? `保留至 ${chineseDate(r.lastDay)}` : r.status === 'expired' ? `已于 ${chineseDate(r.lastDay)} 到期` : '已放弃保留'
  return (
    <View className='my-names__row'>
      <View className='my-names__main' onClick={() => void openPage(withQuery(NAME_PAGES.notice, { id: r.id }))} {...asButton()}>
        <View className='my-names__head'>
          <Text className='my-names__name'>{r.name}</Text>
          <Text className={`name-badge name-badge--${r.status}`}>{RESERVATION_STATUS_LABEL[r.status]}</Text>
        </View>
        <Text className='muted'>
          保留号 {r.number} · {when}
        </Text>
      </View>
      {r.status === 'active' ? (
        <ActionButton variant='danger' disabled={busy} onClick={() => void release()}>
          放弃保留
        </ActionButton>
      ) : null}
    </View>
  )
}
