import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ResourceList } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { searchItems, type ItemSummary } from '@/services/catalog'
import { useHall } from '@/stores/hall'
import { decodeParam, openPage, withQuery } from '@/routes'
import { REVIEW_PAGES } from '../paths'
import '../review.scss'

/** Step 1: pick the service item whose materials to pre-review. */
export default function ReviewStartPage() {
  const chosenHall = useHall((s) => s.hallId)
  const hallId = decodeParam(useRouter().params.hallId) ?? chosenHall
  const [draft, setDraft] = useState('')
  const [query, setQuery] = useState('')
  const items = useResource(hallId ? `${hallId}|${query}` : null, () => searchItems({ hallId: hallId ?? undefined, q: query }))

  return (
    <View className='rv'>
      <View className='rv__banner'>
        <Text className='rv__title'>材料预审</Text>
        <Text className='rv__subtitle'>先在网上提交材料，预审通过后到厅一次办结</Text>
      </View>
      <View className='card'>
        <View className='rv__row-between'>
          <Text className='section-title'>选择办理事项</Text>
          <Text className='rv__link' onClick={() => void openPage(REVIEW_PAGES.mine)} {...asButton('我的办件')}>
            我的办件 ›
          </Text>
        </View>
        <View className='rv__search'>
          <Input
            className='rv__search-input'
            value={draft}
            placeholder='搜索事项，如“社保卡”'
            confirmType='search'
            maxlength={50}
            onInput={(e) => setDraft(e.detail.value)}
            onConfirm={() => setQuery(draft.trim())}
            nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '搜索事项', type: 'search' } : undefined}
          />
          <Button className='btn rv__search-btn' onClick={() => setQuery(draft.trim())} {...asButton()}>
            搜索
          </Button>
        </View>
        {hallId ? null : <Text className='muted rv__line'>请先在首页选择服务中心</Text>}
        <ResourceList
          of={items}
          inline
          emptyTitle={query ? '没有找到相关事项' : '该服务中心暂无可预审的事项'}
          row={(item) => <ItemRow key={item.id} item={item} hallId={hallId!} />}
        />
      </View>
    </View>
  )
}

function ItemRow({ item, hallId }: { item: ItemSummary; hallId: string }) {
  return (
    <View className='rv__list-row' onClick={() => void openPage(withQuery(REVIEW_PAGES.checklist, { itemId: item.id, hallId }))} {...asButton()}>
      <Text className='rv__list-title'>{item.name}</Text>
      <Text className='muted rv__line'>
        {item.department} · 承诺{item.promisedDays}个工作日 · 材料{item.materialCount}项
      </Text>
    </View>
  )
}
