import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/action-button'
import { useResource } from '@/hooks/use-resource'
import { listBookableDays } from '@/services/appointment'
import type { ItemDetail } from '@/services/catalog'
import { useHall } from '@/stores/hall'
import { PAGE_PATHS, withQuery } from '@/domain/page-routes'
import { openPage } from '@/routes'

/** The hall the guide leads to: the one chosen on the home page when it offers the item, else the first that does. */
export function hallFor(item: ItemDetail, chosenHallId: string | null): string | null {
  if (chosenHallId && item.hallIds.includes(chosenHallId)) return chosenHallId
  return item.hallIds[0] ?? null
}

/**
 * 办理方式: what the hall offers for this item, each leading to its page with the item chosen — a number of the
 * item's queue category, a booking (when the hall has bookable days for it) and pre-review (when a material can be
 * uploaded).
 */
export function WaysToApply({ item }: { item: ItemDetail }) {
  const hallId = hallFor(
    item,
    useHall((s) => s.hallId),
  )
  const days = useResource(hallId ? `${hallId}|${item.id}` : null, () => listBookableDays(hallId!, item.id))
  if (!hallId) return null
  const bookable = days.resource.status === 'ready' && days.resource.data.days.some((day) => day.status === 'open')
  const preReview = item.materials.some((material) => material.formats.length > 0)
  const ways = [
    { label: '取号', url: withQuery(PAGE_PATHS.queueTake, { hallId, category: item.queueCategory }) },
    bookable ? { label: '预约', url: withQuery(PAGE_PATHS.appointmentBook, { hallId, itemId: item.id }) } : null,
    preReview ? { label: '预审', url: withQuery(PAGE_PATHS.reviewChecklist, { hallId, itemId: item.id }) } : null,
  ].filter((way) => way !== null)
  return (
    <View className='card'>
      <Text className='section-title'>办理方式</Text>
      <View className='guide__ways'>
        {ways.map((way) => (
          <View key={way.label} className='guide__way'>
            <ActionButton block onClick={() => void openPage(way.url)}>
              {way.label}
            </ActionButton>
          </View>
        ))}
      </View>
      <Text className='muted guide__ways-note'>取号：到厅当天排队；预约：选好时段再来；预审：先在网上交材料，审核通过后一次办结。</Text>
    </View>
  )
}
