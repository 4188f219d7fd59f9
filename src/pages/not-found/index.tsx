import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { PAGES } from '@/routes'
import './index.scss'

/** Where an unknown route lands (Taro.onPageNotFound in src/components/shell): says so and leads home. */
export default function NotFoundPage() {
  return (
    <View className='not-found'>
      <PageState
        kind='empty'
        title='页面不存在'
        message='您打开的链接有误或页面已下线，请回到首页继续办理'
        actionText='回到首页'
        onAction={() => void Taro.switchTab({ url: PAGES.home })}
      />
    </View>
  )
}
