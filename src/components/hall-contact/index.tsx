import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '../action-button'
import './index.scss'

interface HallPlace {
  name: string
  address: string
  phone?: string
  /** GCJ-02, as WeChat's map expects. */
  location: { lat: number; lng: number }
}

/** WeChat's own map (openLocation, with directions) and dialer (makePhoneCall) for a hall. Weapp only. */
export function HallContact({ hall }: { hall: HallPlace }) {
  if (process.env.TARO_ENV !== 'weapp') return null
  const openMap = () =>
    void Taro.openLocation({ latitude: hall.location.lat, longitude: hall.location.lng, name: hall.name, address: hall.address, scale: 17 }).catch(
      () => undefined,
    )
  const call = (phoneNumber: string) => void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
  return (
    <View className='hall-contact'>
      <ActionButton block variant='ghost' onClick={openMap}>
        查看地图与导航
      </ActionButton>
      {hall.phone ? (
        <ActionButton block variant='plain' onClick={() => call(hall.phone!)}>
          {`拨打服务中心电话 ${hall.phone}`}
        </ActionButton>
      ) : null}
    </View>
  )
}
