import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { useShareAppMessage } from '@tarojs/taro'
import { ResourceView } from '@/components/page-state'
import { asButton, asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { ElderModeOffer } from '@/components/elder-mode'
import { HallContact } from '@/components/hall-contact'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { listHalls, searchItems, type Hall, type ItemSummary } from '@/services/catalog'
import { useHall } from '@/stores/hall'
import { isElder, useReading } from '@/stores/reading'
import { PAGES, openPage, withQuery } from '@/routes'
import { ElderHome } from './elder-home'
import { SERVICES, type ServiceEntry } from './services'
import './index.scss'

export default function HomePage() {
  const halls = useResource('halls', listHalls)
  const hallId = useHall((s) => s.hallId)
  const chooseHall = useHall((s) => s.chooseHall)
  const hallList = halls.resource.status === 'ready' ? halls.resource.data : null
  const hall = hallList?.find((h) => h.id === hallId) ?? null
  // An inline note rather than Taro.showToast: it stays readable, and the home page (the H5 landing
  // page, on a size budget) does not pull in the toast module.
  const [notice, setNotice] = useState<string | null>(null)
  const elder = useReading(isElder)
  const root = useReadingRoot('home')
  // Shared from WeChat's menu: the public home page only (pages with personal data declare no share).
  useShareAppMessage(() => ({ title: hall ? `${hall.name} · 网上取号、预约、办事指南` : '仅跑一次 · 政务服务', path: PAGES.home }))

  // First visit, or the remembered hall is gone: take the first one.
  useEffect(() => {
    if (hallList?.length && !hall) chooseHall(hallList[0].id)
  }, [hallList, hall, chooseHall])

  const openService = (service: ServiceEntry) => {
    if (!service.ready) {
      setNotice(`${service.title}即将开放，敬请期待`)
      return
    }
    setNotice(null)
    void openPage(withQuery(service.path, { hallId: hall?.id }))
  }

  const banner = (
    <View className='home__banner'>
      <Text className='home__brand'>仅跑一次</Text>
      <Text className='home__slogan'>材料一次讲清，办事最多跑一次</Text>
    </View>
  )
  const hallPicker = (
    <ResourceView resource={halls.resource} onRetry={() => halls.reload()} inline isEmpty={(list) => list.length === 0} emptyTitle='暂无可选的服务中心'>
      {(list) => <HallPicker halls={list} selected={hall} onChoose={chooseHall} />}
    </ResourceView>
  )

  if (elder) {
    return (
      <View {...root}>
        {banner}
        <ElderHome hall={hall} hallPicker={hallPicker} />
      </View>
    )
  }

  return (
    <View {...root}>
      {banner}

      <View className='card home__halls'>
        <Text className='section-title'>选择服务中心</Text>
        {hallPicker}
      </View>

      <ElderModeOffer />

      <View className='card'>
        <Text className='section-title'>办事服务</Text>
        <View className='home__services'>
          {SERVICES.map((service) => (
            <View
              key={service.key}
              className={`home__service${service.ready ? '' : ' home__service--soon'}`}
              onClick={() => openService(service)}
              {...asButton(undefined, !service.ready)}
            >
              <Text className='home__service-title'>{service.title}</Text>
              <Text className='home__service-desc'>{service.desc}</Text>
              {service.ready ? null : <Text className='home__soon'>即将开放</Text>}
            </View>
          ))}
        </View>
        {notice ? (
          <Text className='home__notice' {...asRole('status')}>
            {notice}
          </Text>
        ) : null}
      </View>

      <GuideSearch hallId={hall?.id ?? null} />
    </View>
  )
}

function HallPicker({ halls, selected, onChoose }: { halls: Hall[]; selected: Hall | null; onChoose: (id: string) => void }) {
  return (
    <View>
      <View className='home__hall-options' {...asRole('radiogroup', '服务中心')}>
        {halls.map((h) => {
          const active = h.id === selected?.id
          return (
            <View
              key={h.id}
              className={`home__hall-option${active ? ' home__hall-option--active' : ''}`}
              onClick={() => onChoose(h.id)}
              {...asChoice('radio', active)}
            >
              {h.name}
            </View>
          )
        })}
      </View>
      {selected ? (
        <View className='home__hall-info'>
          <Text className='muted'>地址：{selected.address}</Text>
          <Text className='muted'>
            办公时间：{selected.openTime}–{selected.closeTime}　电话：{selected.phone}
          </Text>
          <HallContact hall={selected} />
        </View>
      ) : null}
    </View>
  )
}

function GuideSearch({ hallId }: { hallId: string | null }) {
  const [draft, setDraft] = useState('')
  const [query, setQuery] = useState('')
  const items = useResource(hallId === null ? null : `${hallId}|${query}`, () => searchItems({ hallId: hallId ?? undefined, q: query }))
  const submit = () => setQuery(draft.trim())

  return (
    <View className='card'>
      <Text className='section-title'>办事指南</Text>
      <View className='home__search'>
        <Input
          className='home__search-input'
          value={draft}
          placeholder='搜索事项，如“营业执照”'
          placeholderClass='home__search-placeholder'
          confirmType='search'
          maxlength={50}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={submit}
          nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '搜索办事指南', type: 'search' } : undefined}
        />
        <ActionButton round onClick={submit}>
          搜索
        </ActionButton>
      </View>
      {query ? <Text className='muted home__search-summary'>“{query}”的搜索结果</Text> : null}
      <ResourceView
        resource={items.resource}
        onRetry={() => items.reload()}
        inline
        isEmpty={(list) => list.length === 0}
        emptyTitle={query ? '没有找到相关事项' : '该服务中心暂无可办事项'}
        emptyMessage={query ? '换个关键词试试，如部门名称或证照名称' : undefined}
      >
        {(list) => (
          <View className='home__items'>
            {list.map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </View>
        )}
      </ResourceView>
    </View>
  )
}

function ItemRow({ item }: { item: ItemSummary }) {
  return (
    <View className='home__item' onClick={() => void openPage(withQuery(PAGES.guideItem, { id: item.id }))} {...asButton()}>
      <Text className='home__item-name'>{item.name}</Text>
      <Text className='muted'>
        {item.department} · 承诺{item.promisedDays === 0 ? '即办' : `${item.promisedDays}个工作日`} · 材料{item.materialCount}项
      </Text>
    </View>
  )
}
