import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { PageState, ResourceView } from '@/components/page-state'
import { FOLLOW_UP_STATUS_LABEL, SERVICE_KIND_LABEL, isBadRating, ratingReasonLabel } from '@/domain/rating'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { decodeParam, goToLogin, withQuery } from '@/routes'
import { changeRating, getRatedService, rateService, type RatedService } from '@/services/rating'
import { useSession } from '@/stores/session'
import { levelLabel, when } from '../labels'
import { RATING_PAGES } from '../paths'
import { RatingForm, type RatingDraft } from '../rating-form'
import '../rating.scss'
import './index.scss'

/** One finished service: rate it (once), change the rating within its window, and see the outcome of a 差评. */
export default function RatePage() {
  const id = decodeParam(useRouter().params.id) ?? null
  const token = useSession((s) => s.token)
  const detail = useResource(token && id ? `rating:${id}` : null, () => getRatedService(id!))
  if (!token) {
    return (
      <PageState
        kind='empty'
        title='请先登录'
        message='登录后评价您办理的服务'
        actionText='去登录'
        onAction={() => void goToLogin(withQuery(RATING_PAGES.rate, { id: id ?? undefined }))}
      />
    )
  }
  if (!id) return <PageState kind='error' title='链接不完整' message='请从消息或“服务评价”列表打开' />
  return (
    <View className='rate'>
      <ResourceView resource={detail.resource} onRetry={() => detail.reload()}>
        {(service) => <Rating service={service} onChanged={detail.replace} />}
      </ResourceView>
    </View>
  )
}

function Rating({ service, onChanged }: { service: RatedService; onChanged: (next: RatedService) => void }) {
  const [editing, setEditing] = useState(false)
  const { busy, error, run } = useAction()
  const r = service.rating
  const submit = (draft: RatingDraft) =>
    run(async (action) => {
      onChanged(r ? await changeRating(service.id, draft) : await rateService(service.id, draft, action))
      setEditing(false)
      void Taro.showToast({ title: '感谢您的评价', icon: 'none' })
    })
  return (
    <>
      <View className='rate__head'>
        <Text className='rate__title'>{service.title}</Text>
        <Text className='rate__sub'>
          {SERVICE_KIND_LABEL[service.kind]}
          {service.hallName ? ` · ${service.hallName}` : ''} · {when(service.completedAt)} 办结
        </Text>
      </View>
      {!r || editing ? (
        <View className='card'>
          <Text className='section-title'>{r ? '修改评价' : '您对本次服务满意吗？'}</Text>
          <RatingForm initial={r ?? undefined} submitText={r ? '保存修改' : '提交评价'} busy={busy} error={error} onSubmit={(draft) => void submit(draft)} />
        </View>
      ) : (
        <View className='card'>
          <Text className='section-title'>我的评价</Text>
          <Text className={`rate__level${isBadRating(r.level) ? ' rate__level--bad' : ''}`}>{levelLabel(r.level)}</Text>
          {r.reasons.length ? <Text className='rate__line'>原因：{r.reasons.map(ratingReasonLabel).join('、')}</Text> : null}
          {r.comment ? <Text className='rate__line'>“{r.comment}”</Text> : null}
          <Text className='muted'>
            {when(r.ratedAt)} 评价{r.channel === 'kiosk' ? '（窗口评价器）' : ''}
          </Text>
          {r.changeable ? (
            <>
              <Text className='muted'>{when(r.changeableUntil)} 前可以修改</Text>
              <ActionButton variant='ghost' onClick={() => setEditing(true)}>
                修改评价
              </ActionButton>
            </>
          ) : null}
        </View>
      )}
      {r?.followUp ? <FollowUp followUp={r.followUp} /> : null}
    </>
  )
}

function FollowUp({ followUp: f }: { followUp: NonNullable<NonNullable<RatedService['rating']>['followUp']> }) {
  return (
    <View className='card'>
      <Text className='section-title'>差评处理：{FOLLOW_UP_STATUS_LABEL[f.status]}</Text>
      {f.status === 'withdrawn' ? <Text className='rate__line'>您已改为满意评价，不再回访。</Text> : null}
      <View className='rate__step'>
        <Text className='rate__step-title'>回访</Text>
        {f.visitedAt ? (
          <>
            <Text className='rate__line'>{f.visitNote}</Text>
            <Text className='muted'>{when(f.visitedAt)}</Text>
          </>
        ) : f.status !== 'withdrawn' ? (
          <Text className='muted'>服务中心将在 {when(f.visitDueAt)} 前与您联系</Text>
        ) : null}
      </View>
      <View className='rate__step'>
        <Text className='rate__step-title'>整改反馈</Text>
        {f.rectifiedAt ? (
          <>
            <Text className='rate__line'>{f.rectifyNote}</Text>
            <Text className='muted'>{when(f.rectifiedAt)}</Text>
          </>
        ) : f.status !== 'withdrawn' ? (
          <Text className='muted'>整改期限 {when(f.rectifyDueAt)}</Text>
        ) : null}
      </View>
    </View>
  )
}
