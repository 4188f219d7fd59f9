import { useEffect } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { useHallLive } from '@/hooks/use-hall-live'
import { getCheckinCode, getHallScreen, type CheckinCode, type HallScreen } from '@/services/queue'
import { serverNow } from '@/services/server-time'
import { useSession } from '@/stores/session'
import { decodeParam } from '@/routes'
import { staffHallFor } from '@/pages/staff/staff-hall'
import './index.scss'

/** The hall screen (H5 on the hall's display): latest calls with masked names, line lengths and the rotating check-in QR. */
export default function HallScreenPage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'staff', decodeParam(useRouter().params.hallId))
  const screen = useResource(hallId, () => getHallScreen(hallId!))
  const code = useResource(hallId, () => getCheckinCode(hallId!))
  useHallLive(hallId, () => screen.reload(true))

  // The check-in code rotates on the BFF's schedule: fetch the next one when this one stops being current.
  const rotatesAt = code.resource.status === 'ready' ? code.resource.data.rotatesAt : null
  const reloadCode = code.reload
  useEffect(() => {
    if (!rotatesAt) return undefined
    const timer = setTimeout(() => reloadCode(true), Math.max(Date.parse(rotatesAt) - serverNow().getTime(), 0) + 1000)
    return () => clearTimeout(timer)
  }, [rotatesAt, reloadCode])

  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='仅限工作人员使用' message='叫号屏需由服务中心工作人员登录后打开' />
  return (
    <View className='hall-screen'>
      <ResourceView resource={screen.resource} onRetry={() => screen.reload()}>
        {(data) => <Board screen={data} code={code.resource.status === 'ready' ? code.resource.data : null} />}
      </ResourceView>
    </View>
  )
}

function Board({ screen, code }: { screen: HallScreen; code: CheckinCode | null }) {
  const [latest, ...earlier] = screen.calls
  return (
    <View className='hall-screen__board'>
      <Text className='hall-screen__hall'>{screen.hall.name}</Text>
      <View className='hall-screen__main'>
        <View className='hall-screen__calls' {...asRole('log', '叫号')}>
          {latest ? (
            <View className='hall-screen__latest'>
              <Text className='hall-screen__latest-number'>{latest.number}</Text>
              <Text className='hall-screen__latest-text'>
                {latest.nameMasked} 请到 {latest.windowNumber} 号窗口
              </Text>
            </View>
          ) : (
            <Text className='hall-screen__waiting'>等待叫号</Text>
          )}
          {earlier.map((call) => (
            <View key={call.number} className='hall-screen__call'>
              <Text className='hall-screen__call-number'>{call.number}</Text>
              <Text className='hall-screen__call-text'>{call.nameMasked}</Text>
              <Text className='hall-screen__call-text'>{call.windowNumber} 号窗口</Text>
            </View>
          ))}
        </View>
        <View className='hall-screen__side'>
          {code ? (
            <View className='hall-screen__qr'>
              <Image className='hall-screen__qr-image' src={code.qrDataUrl} mode='aspectFit' {...asRole('img', '签到二维码')} />
              <Text className='hall-screen__qr-text'>到厅请扫码签到</Text>
            </View>
          ) : null}
          {screen.lines.map((line) => (
            <View key={line.code} className='hall-screen__line'>
              <Text>
                {line.code} {line.name}
              </Text>
              <Text>等候 {line.waiting} 人</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
