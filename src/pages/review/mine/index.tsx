import { Text, View } from '@tarojs/components'
import { ResourceList } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { asButton } from '@/components/a11y'
import { StatusTag, formatInstant } from '@/components/review'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { listMyCases, type CaseSummary } from '@/services/review'
import { useHall } from '@/stores/hall'
import { openPage, withQuery } from '@/routes'
import { REVIEW_PAGES } from '../paths'
import '../review.scss'

/** 我的办件: every pre-review case of the user, newest first. */
export default function MyCasesPage() {
  const cases = useResource('mine', listMyCases)
  const hallId = useHall((s) => s.hallId)
  useReloadOnReturn(cases)
  return (
    <View className='rv'>
      <View className='card'>
        <ResourceList
          of={cases}
          inline
          emptyTitle='还没有办件'
          emptyMessage='先在网上提交材料预审，通过后到厅一次办结'
          row={(c) => <CaseRow key={c.id} item={c} />}
        />
      </View>
      <View className='rv__footer'>
        <ActionButton block onClick={() => void openPage(withQuery(REVIEW_PAGES.start, { hallId: hallId ?? undefined }))}>
          新的材料预审
        </ActionButton>
      </View>
    </View>
  )
}

function due(c: CaseSummary): string | null {
  if (c.status === 'needs_fix' && c.fixDueDate) return `请在${c.fixDueDate}前补正`
  if (c.status === 'deferred_approved' && c.supplementDueDate) return `请在${c.supplementDueDate}前补齐容缺材料`
  return null
}

function CaseRow({ item }: { item: CaseSummary }) {
  const reminder = due(item)
  return (
    <View className='rv__list-row' onClick={() => void openPage(withQuery(REVIEW_PAGES.case, { id: item.id }))} {...asButton()}>
      <View className='rv__row-between'>
        <Text className='rv__list-title'>{item.itemName}</Text>
        <StatusTag status={item.status} />
      </View>
      <Text className='muted rv__line'>
        {item.caseNumber} · {item.hallName}
      </Text>
      <Text className='muted rv__line'>{item.submittedAt ? `提交于 ${formatInstant(item.submittedAt)}` : `创建于 ${formatInstant(item.createdAt)}`}</Text>
      {reminder ? <Text className='rv__hint rv__hint--warn'>{reminder}</Text> : null}
    </View>
  )
}
