import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { asButton } from '@/components/a11y'
import { PageState, ResourceView } from '@/components/page-state'
import { SERVICE_KIND_LABEL } from '@/domain/rating'
import { useResource } from '@/hooks/use-resource'
import { goToLogin, openPage, withQuery } from '@/routes'
import { listMyRatedServices } from '@/services/rating'
import { useSession } from '@/stores/session'
import { ratingState, when } from './labels'
import { RATING_PAGES } from './paths'
import './rating.scss'
import './index.scss'

/** 我的 → 服务评价: every finished service, whether it is rated, and where a 差评's follow-up stands. */
export default function MyRatingsPage() {
  const token = useSession((s) => s.token)
  const list = useResource(token, listMyRatedServices)
  useDidShow(() => {
    if (list.resource.status === 'ready') list.reload(true)
  })
  if (!token) {
    return <PageState kind='empty' title='请先登录' message='登录后评价您办理过的服务' actionText='去登录' onAction={() => void goToLogin(RATING_PAGES.mine)} />
  }
  return (
    <View className='my-ratings'>
      <ResourceView
        resource={list.resource}
        onRetry={() => list.reload()}
        isEmpty={(data) => data.services.length === 0}
        emptyTitle='暂无可评价的服务'
        emptyMessage='窗口办结、预审完成、领取证照或保留名称后，可在这里评价'
      >
        {(data) => (
          <View className='card'>
            {data.services.map((s) => {
              const state = ratingState(s)
              return (
                <View key={s.id} className='my-ratings__row' onClick={() => void openPage(withQuery(RATING_PAGES.rate, { id: s.id }))} {...asButton()}>
                  <View className='my-ratings__head'>
                    <Text className='my-ratings__title'>{s.title}</Text>
                    <Text className={`rating-badge rating-badge--${state.tone}`}>{state.text}</Text>
                  </View>
                  <Text className='muted'>
                    {SERVICE_KIND_LABEL[s.kind]}
                    {s.hallName ? ` · ${s.hallName}` : ''} · {when(s.completedAt)}
                  </Text>
                </View>
              )
            })}
          </View>
        )}
      </ResourceView>
    </View>
  )
}
