import { Text, View } from '@tarojs/components'
import { Timeline } from '@/components/authorization'
import { ResourceView } from '@/components/page-state'
import { chineseDateTime } from '@/domain/pickup-authorization'
import { useResource } from '@/hooks/use-resource'
import { getTracking, type Authorization, type Tracking } from '@/services/pickup'

/**
 * 寄递轨迹: China Post's scans of the parcel, newest first, as the BFF's tracking job recorded them. Loaded again
 * whenever the authorization's status or progress changes. Where the hall enters progress by hand, says so.
 */
export function TrackingCard({ authorization: a }: { authorization: Authorization }) {
  const tracking = useResource(`${a.id}:${a.status}:${a.events.length}`, () => getTracking(a.id))
  return (
    <View className='card'>
      <Text className='section-title'>寄递轨迹</Text>
      <ResourceView of={tracking} inline>
        {(t) => <TrackingBody tracking={t} />}
      </ResourceView>
    </View>
  )
}

function TrackingBody({ tracking: t }: { tracking: Tracking }) {
  if (!t.automatic) return <Text className='pickup-detail__fact'>本服务中心由窗口工作人员登记寄递进度，请查看下方“办理进度”。</Text>
  const entries = t.events.map((e, i) => ({
    key: `${e.code}-${e.at}-${i}`,
    label: e.place ? `${e.name} · ${e.place}` : e.name,
    note: e.description || null,
    at: e.at,
  }))
  return (
    <View>
      <Text className='pickup-detail__fact'>{t.checkedAt ? `最近查询：${chineseDateTime(new Date(t.checkedAt))}` : '等待首次向邮政查询'}</Text>
      {entries.length ? <Timeline name='寄递轨迹' entries={entries} /> : <Text className='pickup-detail__fact'>暂无邮政轨迹，邮件收寄后显示。</Text>}
    </View>
  )
}
