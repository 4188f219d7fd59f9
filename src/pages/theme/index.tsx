import { Text, View } from '@tarojs/components'
import { ResourceList } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { asButton } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { listThemes, type ThemeSummary } from '@/services/theme'
import { openPage, withQuery } from '@/routes'
import { THEME_PAGES } from './paths'
import { shortDepartment } from './steps-picture'
import './theme.scss'

/** 一件事一次办 (证照通): the themes, each one application for a whole undertaking across departments. */
export default function ThemeListPage() {
  const themes = useResource('themes', listThemes)
  return (
    <View className='theme'>
      <View className='theme__band'>
        <Text className='theme__title'>一件事一次办</Text>
        <Text className='theme__sub'>开一家店涉及几个部门？按主题一次申请：材料合并只交一次，各部门并联审查，补正只告知一次。</Text>
      </View>
      <View className='card'>
        <ResourceList of={themes} inline emptyTitle='暂无主题' row={(t) => <ThemeRow key={t.id} theme={t} />} />
      </View>
      <View className='theme__footer'>
        <ActionButton block variant='ghost' onClick={() => void openPage(THEME_PAGES.mine)}>
          我的一件事申请
        </ActionButton>
      </View>
    </View>
  )
}

function ThemeRow({ theme }: { theme: ThemeSummary }) {
  return (
    <View className='theme__row' onClick={() => void openPage(withQuery(THEME_PAGES.guide, { id: theme.id }))} {...asButton()}>
      <Text className='theme__row-title'>{theme.name}</Text>
      <Text className='theme__line'>{theme.summary}</Text>
      <Text className='muted theme__line'>
        最多{theme.itemCount}个事项 · {theme.departments.map(shortDepartment).join('、')}
      </Text>
    </View>
  )
}
