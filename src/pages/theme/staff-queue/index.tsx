import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceList } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { formatInstant } from '@/components/review'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { getJointReviewQueue, type JointQueueEntry } from '@/services/theme'
import { useSession } from '@/stores/session'
import { decodeParam, openPage, withQuery } from '@/routes'
import { staffHallFor } from '@/pages/staff/staff-hall'
import { THEME_PAGES } from '../paths'
import { shortDepartment } from '../steps-picture'
import '../theme.scss'

/** 一件事联审: the hall's applications in joint review, oldest first, with what waits for the reviewer's departments. */
export default function JointReviewQueuePage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'reviewer', decodeParam(useRouter().params.hallId))
  const queue = useResource(hallId ? `joint-${hallId}` : null, () => getJointReviewQueue(hallId!))
  useReloadOnReturn(queue)
  usePullDownRefresh(() => {
    queue.reload(true)
    Taro.stopPullDownRefresh()
  })
  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='您不是预审人员' message='该页面仅限服务中心预审人员使用' />
  return (
    <View className='theme'>
      <View className='card'>
        <Text className='section-title'>联审中的一件事申请</Text>
        <ResourceList of={queue} inline emptyTitle='暂无联审中的申请' row={(entry) => <Row key={entry.id} entry={entry} />} />
      </View>
    </View>
  )
}

function Row({ entry }: { entry: JointQueueEntry }) {
  return (
    <View className='theme__row' onClick={() => void openPage(withQuery(THEME_PAGES.staffApplication, { id: entry.id }))} {...asButton()}>
      <View className='theme__split'>
        <Text className='theme__row-title'>{entry.themeName}</Text>
        <Text className={`theme__tag${entry.waitingForMe ? ' theme__tag--warn' : ''}`}>
          {entry.waitingForMe ? `待我决定${entry.waitingForMe}项` : '本部门已决定'}
        </Text>
      </View>
      <Text className='muted theme__line'>
        申请人 {entry.applicantNameMasked} · 第{entry.round}轮 · 提交于 {formatInstant(entry.submittedAt)}
      </Text>
      <Text className='muted theme__line'>
        {entry.items.map((i) => `${shortDepartment(i.department)}：${i.itemName}${i.decided ? '（已决定）' : ''}`).join('；')}
      </Text>
    </View>
  )
}
