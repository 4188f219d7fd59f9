import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import type { Hall } from '@/services/catalog'
import { PAGE_PATHS } from '@/domain/page-routes'
import { isSignedIn, useSession } from '@/stores/session'
import { useReading } from '@/stores/reading'
import { goToLogin, openPage, withQuery } from '@/routes'

interface BigAction {
  key: string
  title: string
  desc: string
  run: () => void
}

/**
 * 长辈版 home: one screen with the four things older people come for, each a large labelled button, and
 * the hall they are for. Everything else stays one switch away (我的 → 长辈版).
 */
export function ElderHome({ hall, hallPicker }: { hall: Hall | null; hallPicker: ReactNode }) {
  const signedIn = useSession(isSignedIn)
  const chooseElderMode = useReading((s) => s.chooseElderMode)
  const withHall = (path: string) => withQuery(path, { hallId: hall?.id })
  const actions: BigAction[] = [
    { key: 'queue', title: '取号', desc: '在线排队，叫到再去', run: () => void openPage(withHall(PAGE_PATHS.queueTake)) },
    { key: 'appointment', title: '预约', desc: '约好时间再去办', run: () => void openPage(withHall(PAGE_PATHS.appointmentBook)) },
    {
      key: 'cases',
      title: '我的办件',
      desc: '看办到哪一步了',
      run: () => void (signedIn ? openPage(PAGE_PATHS.reviewMine) : goToLogin(PAGE_PATHS.reviewMine)),
    },
  ]
  const call = hall?.phone ? () => void Taro.makePhoneCall({ phoneNumber: hall.phone }).catch(() => undefined) : null

  return (
    <View className='home__elder'>
      <View className='home__elder-actions'>
        {actions.map((action) => (
          <View key={action.key} className='home__elder-action' onClick={action.run} {...asButton(`${action.title}，${action.desc}`)}>
            <Text className='home__elder-title'>{action.title}</Text>
            <Text className='home__elder-desc'>{action.desc}</Text>
          </View>
        ))}
        <View
          className={`home__elder-action home__elder-action--call${call ? '' : ' home__elder-action--off'}`}
          onClick={call ?? undefined}
          {...asButton(hall?.phone ? `电话咨询，拨打 ${hall.phone}` : '电话咨询，请先选择服务中心', !call)}
        >
          <Text className='home__elder-title'>电话咨询</Text>
          <Text className='home__elder-desc'>{hall?.phone ? `拨打 ${hall.phone}` : '请先选择服务中心'}</Text>
        </View>
      </View>

      <View className='card'>
        <Text className='section-title'>去哪个服务中心</Text>
        {hallPicker}
      </View>

      <View className='home__elder-standard'>
        <ActionButton block variant='ghost' onClick={() => chooseElderMode(false)}>
          切换到标准版
        </ActionButton>
      </View>
    </View>
  )
}
