import { Text, View } from '@tarojs/components'
import { asButton } from '@/components/a11y'
import { pageLink } from '@/domain/page-routes'
import { openPage } from '@/routes'

/** 修改记录 of one object (`<kind>:<id>`): who changed it, when, before → after. */
export function HistoryLink({ hallId, target, text = '查看修改记录' }: { hallId: string; target: string; text?: string }) {
  return (
    <View className='card'>
      <Text className='admin__link' onClick={() => void openPage(pageLink('adminHistory', { hallId, target }))} {...asButton()}>
        {text}
      </Text>
    </View>
  )
}
