import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceList } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { StatusTag, formatInstant, formatTimeLeft } from '@/components/review'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { getReviewQueue, type QueueEntry } from '@/services/review'
import { useSession } from '@/stores/session'
import { decodeParam, openPage, withQuery } from '@/routes'
import { REVIEW_PAGES } from '@/pages/review/paths'
import { staffHallFor } from '@/pages/staff/staff-hall'
import '@/pages/review/review.scss'

/** The reviewer's queue of their hall: submitted cases, oldest first. */
export default function ReviewQueuePage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'reviewer', decodeParam(useRouter().params.hallId))
  const queue = useResource(hallId, () => getReviewQueue(hallId!))
  useReloadOnReturn(queue)
  usePullDownRefresh(() => {
    queue.reload(true)
    Taro.stopPullDownRefresh()
  })
  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='您不是预审人员' message='该页面仅限服务中心预审人员使用' />
  return (
    <View className='rv'>
      <View className='card'>
        <Text className='section-title'>待预审办件</Text>
        <ResourceList of={queue} inline emptyTitle='暂无待预审的办件' row={(entry) => <QueueRow key={entry.id} entry={entry} />} />
      </View>
    </View>
  )
}

function QueueRow({ entry }: { entry: QueueEntry }) {
  return (
    <View
      className='rv__list-row'
      onClick={() => void openPage(withQuery(REVIEW_PAGES.staffCase, { id: entry.id }))}
      {...asButton(`${entry.itemName}，${entry.caseNumber}`)}
    >
      <View className='rv__row-between'>
        <Text className='rv__list-title'>{entry.itemName}</Text>
        <StatusTag status={entry.status} />
      </View>
      <Text className='muted rv__line'>
        {entry.caseNumber} · 申请人 {entry.applicantNameMasked}
      </Text>
      <Text className='muted rv__line'>
        提交于 {formatInstant(entry.submittedAt)} · 承诺{entry.promisedDays}个工作日
      </Text>
      <Text className={`rv__hint${entry.msLeft < 0 ? ' rv__hint--warn' : ''}`}>
        {formatTimeLeft(entry.msLeft)}
        {entry.resubmitted ? ' · 补正后重新提交' : ''}
        {entry.deferredCount ? ` · 容缺${entry.deferredCount}项` : ''}
      </Text>
    </View>
  )
}
