import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView } from '@/components/page-state'
import { FOLLOW_UP_STATUS_LABEL, SERVICE_KIND_LABEL, ratingReasonLabel } from '@/domain/rating'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { currentPageUrl, decodeParam, goToLogin } from '@/routes'
import { listFollowUps, recordFollowUpStep, type StaffFollowUp } from '@/services/rating'
import { useSession } from '@/stores/session'
import { levelLabel, when } from '../labels'
import '../rating.scss'
import './index.scss'

/** 差评回访整改: the hall manager's list of bad ratings (raters masked), their deadlines, 回访 and 整改. */
export default function FollowUpsPage() {
  const hallId = decodeParam(useRouter().params.hallId)
  const token = useSession((s) => s.token)
  const list = useResource(token ? `follow-ups:${hallId ?? ''}` : null, () => listFollowUps(hallId))
  if (!token) return <PageState kind='empty' title='请先登录' actionText='去登录' onAction={() => void goToLogin(currentPageUrl())} />
  return (
    <View className='follow-ups'>
      <ResourceView
        resource={list.resource}
        onRetry={() => list.reload()}
        isEmpty={(data) => data.followUps.length === 0}
        emptyTitle='暂无差评'
        emptyMessage='市民的不满意、非常不满意评价会出现在这里'
      >
        {(data) => (
          <>
            {data.followUps.map((f) => (
              <Item key={f.ratingId} followUp={f} onChanged={() => list.reload(true)} />
            ))}
          </>
        )}
      </ResourceView>
    </View>
  )
}

function Item({ followUp: f, onChanged }: { followUp: StaffFollowUp; onChanged: () => void }) {
  const [note, setNote] = useState('')
  const { busy, error, run } = useAction()
  const step = f.status === 'open' ? 'visit' : f.status === 'visited' ? 'rectify' : null
  const overdue = f.visitOverdueAt || f.rectifyOverdueAt
  return (
    <View className='card follow-ups__item'>
      <View className='follow-ups__head'>
        <Text className='follow-ups__title'>{f.title}</Text>
        <Text className={`rating-badge${overdue ? ' rating-badge--bad' : ''}`}>
          {FOLLOW_UP_STATUS_LABEL[f.status]}
          {overdue ? ' · 已超期' : ''}
        </Text>
      </View>
      <Text className='muted'>
        {SERVICE_KIND_LABEL[f.kind]} · {when(f.completedAt)} 办结 · 评价人 {f.raterName}（{f.raterPhone}）
      </Text>
      <Text className='follow-ups__level'>
        {levelLabel(f.level)}
        {f.reasons.length ? `：${f.reasons.map(ratingReasonLabel).join('、')}` : ''}
      </Text>
      {f.comment ? <Text className='follow-ups__line'>“{f.comment}”</Text> : null}
      <Text className='follow-ups__line'>回访：{f.visitedAt ? `${when(f.visitedAt)} ${f.visitNote}` : `期限 ${when(f.visitDueAt)}`}</Text>
      <Text className='follow-ups__line'>整改：{f.rectifiedAt ? `${when(f.rectifiedAt)} ${f.rectifyNote}` : `期限 ${when(f.rectifyDueAt)}`}</Text>
      {step ? (
        <>
          <FormField label={step === 'visit' ? '回访情况' : '整改情况'} value={note} onInput={setNote} maxlength={500} placeholder='将反馈给评价人' />
          <AlertLine className='follow-ups__error' message={error} />
          <ActionButton
            disabled={busy || note.trim().length < 2}
            onClick={() =>
              void run(async (action) => {
                await recordFollowUpStep(f.ratingId, step, note.trim(), action)
                setNote('')
                onChanged()
              })
            }
          >
            {step === 'visit' ? '记录回访' : '记录整改'}
          </ActionButton>
        </>
      ) : null}
    </View>
  )
}
