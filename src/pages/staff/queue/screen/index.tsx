import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceView } from '@/components/page-state'
import { asButton, asRole } from '@/components/a11y'
import { useResource, type Resource } from '@/hooks/use-resource'
import { useHallLive } from '@/hooks/use-hall-live'
import { getCheckinCode, getHallScreen, type CheckinCode, type HallScreen } from '@/services/queue'
import { serverNow } from '@/services/server-time'
import { useSession } from '@/stores/session'
import { decodeParam } from '@/routes'
import { staffHallFor } from '@/pages/staff/staff-hall'
import { useCallVoice } from './use-call-voice'
import { useKiosk } from './use-kiosk'
import './index.scss'

/** Earlier calls shown beside the current one. */
const RECENT_CALLS = 4
/** A check-in code that failed to load (the BFF restarting) is asked for again this often. */
const CODE_RETRY_MS = 5000

/**
 * The hall screen, shown full-screen on the hall's TV (H5): the number being called, read from across the
 * hall and said aloud, the last calls, every category's waiting count and the rotating check-in QR. It
 * keeps the last good picture while the BFF is unreachable and catches up by itself when it is back.
 */
export default function HallScreenPage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'staff', decodeParam(useRouter().params.hallId))
  const screen = useResource(hallId, () => getHallScreen(hallId!))
  const code = useResource(hallId, () => getCheckinCode(hallId!))
  const shownScreen = useLastGood(screen.resource)
  const shownCode = useLastGood(code.resource)
  useHallLive(hallId, () => screen.reload(true))
  const voice = useCallVoice(shownScreen?.calls ?? null)
  const kiosk = useKiosk()

  // The check-in code rotates on the BFF's schedule: fetch the next one when this one stops being current,
  // and keep asking while the BFF does not answer.
  const rotatesAt = code.resource.status === 'ready' ? code.resource.data.rotatesAt : null
  const codeFailed = code.resource.status === 'error'
  const reloadCode = code.reload
  useEffect(() => {
    if (!rotatesAt && !codeFailed) return undefined
    const wait = rotatesAt ? Math.max(Date.parse(rotatesAt) - serverNow().getTime(), 0) + 1000 : CODE_RETRY_MS
    const timer = setTimeout(() => reloadCode(true), wait)
    return () => clearTimeout(timer)
  }, [rotatesAt, codeFailed, reloadCode])

  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='仅限工作人员使用' message='叫号屏需由服务中心工作人员登录后打开' />
  if (!shownScreen)
    return (
      <ResourceView resource={screen.resource} onRetry={() => screen.reload()}>
        {() => null}
      </ResourceView>
    )
  return (
    <View className={`hall-screen${kiosk.pointerIdle ? ' hall-screen--pointer-idle' : ''}`} onClick={voice.unlockSound}>
      <View className='hall-screen__head'>
        <Text className='hall-screen__hall'>{shownScreen.hall.name}</Text>
        {screen.resource.status === 'error' ? (
          <Text className='hall-screen__offline' {...asRole('status')}>
            网络中断，正在重新连接…
          </Text>
        ) : null}
        <View className='hall-screen__controls'>
          <View className='hall-screen__control' onClick={voice.toggleVoice} {...voiceSwitch(voice.voiceOn)}>
            <Text>{voice.voiceOn ? '语音叫号：开' : '语音叫号：关'}</Text>
          </View>
          {kiosk.canFullscreen ? (
            <View className='hall-screen__control' onClick={kiosk.enterFullscreen} {...asButton('全屏')}>
              <Text>全屏</Text>
            </View>
          ) : null}
        </View>
      </View>
      <Board screen={shownScreen} code={shownCode} />
    </View>
  )
}

const voiceSwitch = (on: boolean): object => (process.env.TARO_ENV === 'h5' ? { role: 'switch', 'aria-checked': on, 'aria-label': '语音叫号' } : {})

/** The data of the last successful load: a failed refresh keeps the picture instead of an error page. */
function useLastGood<T>(resource: Resource<T>): T | null {
  const [last, setLast] = useState<T | null>(null)
  useEffect(() => {
    if (resource.status === 'ready') setLast(resource.data)
  }, [resource])
  return resource.status === 'ready' ? resource.data : last
}

function Board({ screen, code }: { screen: HallScreen; code: CheckinCode | null }) {
  const [latest, ...earlier] = screen.calls
  return (
    <View className='hall-screen__board'>
      <View className='hall-screen__calls'>
        <View className='hall-screen__current' {...asRole('log', '正在叫号')}>
          {latest ? (
            <View className='hall-screen__current-call'>
              <Text className='hall-screen__current-line'>
                请 <Text className='hall-screen__current-number'>{latest.number}</Text> 号
              </Text>
              <Text className='hall-screen__current-line'>到 {latest.windowNumber} 号窗口办理</Text>
              <Text className='hall-screen__current-name'>{latest.nameMasked}</Text>
            </View>
          ) : (
            <Text className='hall-screen__current-line'>等待叫号</Text>
          )}
        </View>
        <View className='hall-screen__recent' {...asRole('list', '最近叫号')}>
          <Text className='hall-screen__caption'>最近叫号</Text>
          <View className='hall-screen__recent-list'>
            {earlier.slice(0, RECENT_CALLS).map((call) => (
              <View key={`${call.number}@${call.calledAt}`} className='hall-screen__recent-call' {...asRole('listitem')}>
                <Text className='hall-screen__recent-number'>{call.number}</Text>
                <Text className='hall-screen__recent-window'>{call.windowNumber} 号窗口</Text>
              </View>
            ))}
          </View>
        </View>
      </View>
      <View className='hall-screen__side'>
        <View className='hall-screen__lines' {...asRole('list', '各业务等候人数')}>
          <Text className='hall-screen__caption'>等候人数</Text>
          {screen.lines.map((line) => (
            <View key={line.code} className='hall-screen__line' {...asRole('listitem')}>
              <Text className='hall-screen__line-name'>
                {line.code} {line.name}
              </Text>
              <Text className='hall-screen__line-waiting'>{line.waiting} 人</Text>
            </View>
          ))}
        </View>
        {code ? (
          <View className='hall-screen__qr'>
            <Image className='hall-screen__qr-image' src={code.qrDataUrl} mode='aspectFit' {...asRole('img', '签到二维码')} />
            <Text className='hall-screen__qr-text'>到厅请扫码签到</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}
