import { Text, View } from '@tarojs/components'
import { asChoice } from '../a11y'
import { ActionButton } from '../action-button'
import { isElder, useReading } from '@/stores/reading'
import './index.scss'

const DESCRIPTION = '大字体、大按钮，首页只留取号、预约、办件和电话咨询'

/** The 长辈版 switch (我的): its state in words beside the knob, never by colour alone. */
export function ElderModeSwitch() {
  const on = useReading(isElder)
  const choose = useReading((s) => s.chooseElderMode)
  return (
    <View className={`elder-switch${on ? ' elder-switch--on' : ''}`} onClick={() => choose(!on)} {...asChoice('switch', on, '长辈版')}>
      <View className='elder-switch__text'>
        <Text className='elder-switch__title'>长辈版</Text>
        <Text className='elder-switch__desc'>{DESCRIPTION}</Text>
      </View>
      <View className='elder-switch__state'>
        <Text className='elder-switch__word'>{on ? '已开启' : '已关闭'}</Text>
        <View className='elder-switch__track'>
          <View className='elder-switch__knob' />
        </View>
      </View>
    </View>
  )
}

/** Offered once, on the first run on a device: the choice is remembered (device and account) either way. */
export function ElderModeOffer() {
  const chosen = useReading((s) => s.elderMode !== null)
  const choose = useReading((s) => s.chooseElderMode)
  if (chosen) return null
  return (
    <View className='card elder-offer' {...{ role: process.env.TARO_ENV === 'h5' ? 'region' : undefined, 'aria-label': '长辈版' }}>
      <Text className='section-title'>需要更大的字吗？</Text>
      <Text className='elder-offer__desc'>长辈版：{DESCRIPTION}。以后可在“我的”里切换。</Text>
      <View className='elder-offer__actions'>
        <ActionButton block onClick={() => choose(true)}>
          使用长辈版
        </ActionButton>
        <ActionButton block variant='ghost' onClick={() => choose(false)}>
          使用标准版
        </ActionButton>
      </View>
    </View>
  )
}
