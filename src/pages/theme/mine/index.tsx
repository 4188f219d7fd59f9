import { Text, View } from '@tarojs/components'
import { ResourceList } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { asButton } from '@/components/a11y'
import { formatInstant } from '@/components/review'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { listMyThemeApplications, type ThemeApplicationSummary } from '@/services/theme'
import { THEME_APPLICATION_STATUS_LABEL } from '@/domain/theme'
import { openPage, withQuery } from '@/routes'
import { THEME_PAGES } from '../paths'
import '../theme.scss'

/** 我的一件事申请: every application of the user, newest first, with its progress. */
export default function MyThemeApplicationsPage() {
  const list = useResource('theme-mine', listMyThemeApplications)
  useReloadOnReturn(list)
  return (
    <View className='theme'>
      <View className='card'>
        <ResourceList
          of={list}
          inline
          emptyTitle='还没有一件事申请'
          emptyMessage='选择主题，回答几个问题即可一次申请'
          row={(a) => <Row key={a.id} item={a} />}
        />
      </View>
      <View className='theme__footer'>
        <ActionButton block onClick={() => void openPage(THEME_PAGES.list)}>
          选择主题
        </ActionButton>
      </View>
    </View>
  )
}

function Row({ item }: { item: ThemeApplicationSummary }) {
  return (
    <View className='theme__row' onClick={() => void openPage(withQuery(THEME_PAGES.application, { id: item.id }))} {...asButton()}>
      <View className='theme__split'>
        <Text className='theme__row-title'>{item.themeName}</Text>
        <Text className='theme__tag'>{THEME_APPLICATION_STATUS_LABEL[item.status]}</Text>
      </View>
      <Text className='muted theme__line'>
        {item.hallName} · 已通过{item.approved}/{item.total}个事项
      </Text>
      <Text className='muted theme__line'>{item.submittedAt ? `提交于 ${formatInstant(item.submittedAt)}` : `创建于 ${formatInstant(item.createdAt)}`}</Text>
    </View>
  )
}
