import { Text, View } from '@tarojs/components'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { ResourceList } from '@/components/page-state'
import { pageLink } from '@/domain/page-routes'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { listManagedHalls, type HallSummary } from '@/services/admin'
import { useSession } from '@/stores/session'
import { openPage } from '@/routes'
import { LEVEL_LABELS } from './labels'
import './admin.scss'
import { AdminSignInFirst } from './admin-gate'

/** 服务中心管理: the halls the user administers (a platform administrator: all of them, and 新建服务中心). */
export default function AdminHallsPage() {
  const token = useSession((s) => s.token)
  const platform = useSession((s) => s.me?.platformAdmin ?? false)
  const halls = useResource(token, listManagedHalls)
  const root = useReadingRoot('admin')
  if (!token) return <AdminSignInFirst />
  const nameOf = (list: HallSummary[], id: string | null) => (id ? (list.find((h) => h.id === id)?.name ?? id) : null)
  return (
    <View {...root}>
      <View className='admin__head'>
        <Text className='admin__title'>服务中心管理</Text>
        <Text className='admin__sub'>{platform ? '平台管理员：可新建服务中心并设置其管理员' : '您管理的服务中心及由您管理的下级服务站'}</Text>
      </View>
      {platform ? (
        <View className='card'>
          <ActionButton block onClick={() => void openPage(pageLink('adminNewHall'))}>
            新建服务中心
          </ActionButton>
        </View>
      ) : null}
      <View className='card'>
        <ResourceList
          of={halls}
          emptyTitle='暂无可管理的服务中心'
          row={(hall) => (
            <View key={hall.id} className='admin__row' onClick={() => void openPage(pageLink('adminHall', { hallId: hall.id }))} {...asButton()}>
              <View className='admin__row-main'>
                <Text className='admin__row-title'>{hall.name}</Text>
                <Text className='muted'>
                  {LEVEL_LABELS[hall.level]}
                  {hall.parentHallId && halls.resource.status === 'ready' ? ` · 上级：${nameOf(halls.resource.data, hall.parentHallId)}` : ''}
                </Text>
              </View>
              <Text className='admin__link'>管理</Text>
            </View>
          )}
        />
      </View>
    </View>
  )
}
