import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { PageState } from '@/components/page-state'
import { useAction } from '@/hooks/use-action'
import { goToLogin } from '@/routes'
import { logout } from '@/services/auth'
import { toApiError } from '@/services/http'
import { bindKiosk, kioskCurrent, rateAtKiosk, type KioskCurrent } from '@/services/rating'
import { useSession } from '@/stores/session'
import { RATING_PAGES } from '../paths'
import { RatingForm } from '../rating-form'
import { useKioskBinding } from './use-kiosk'
import '../rating.scss'
import './index.scss'

/** How often the tablet asks for the window's last finished ticket. */
const POLL_MS = 3000
const THANKS_MS = 5000

/**
 * 窗口评价器: a tablet at the window. Window staff sign in once and bind it to their window (the staff session then
 * ends: the tablet keeps only its own token); after each 办结 it shows the citizen the rating screen.
 */
export default function KioskPage() {
  const { binding, bind, unbind } = useKioskBinding()
  if (!binding) return <Bind onBound={bind} />
  return <Rate token={binding.token} hallName={binding.hallName} windowNumber={binding.windowNumber} onUnbound={unbind} />
}

function Bind({ onBound }: { onBound: (kiosk: { token: string; hallName: string; windowNumber: number }) => void }) {
  const token = useSession((s) => s.token)
  const me = useSession((s) => s.me)
  const clear = useSession((s) => s.clear)
  const { busy, error, run } = useAction()
  if (!token)
    return (
      <PageState
        kind='empty'
        title='请工作人员登录'
        message='窗口人员登录后，把本平板绑定为窗口评价器'
        actionText='去登录'
        onAction={() => void goToLogin(RATING_PAGES.kiosk)}
      />
    )
  const windows = (me?.staff ?? []).filter((a) => a.windowId)
  if (!windows.length) return <PageState kind='error' title='请使用窗口人员账号绑定' message='您的账号没有分配窗口' />
  const bindTo = (windowId: string) =>
    run(async (action) => {
      const kiosk = await bindKiosk(windowId, action)
      onBound(kiosk)
      // The tablet is left to citizens: the staff session ends here.
      clear()
      logout(token).catch(() => undefined)
    })
  return (
    <View className='kiosk kiosk--bind'>
      <Text className='section-title'>绑定窗口评价器</Text>
      <Text className='kiosk__line'>绑定后本平板退出您的账号，只用于市民评价本窗口的服务。</Text>
      {windows.map((a) => (
        <ActionButton key={a.windowId} block disabled={busy} onClick={() => void bindTo(a.windowId!)}>
          {`绑定为 ${a.windowId!.split('-w')[1]} 号窗口评价器`}
        </ActionButton>
      ))}
      {error ? <Text className='kiosk__error'>{error}</Text> : null}
    </View>
  )
}

function Rate({ token, hallName, windowNumber, onUnbound }: { token: string; hallName: string; windowNumber: number; onUnbound: () => void }) {
  const [current, setCurrent] = useState<KioskCurrent | null>(null)
  const [thanks, setThanks] = useState(false)
  const [lost, setLost] = useState<string | null>(null)
  const { busy, error, run } = useAction()

  useEffect(() => {
    let stopped = false
    const poll = () =>
      kioskCurrent(token).then(
        (next) => !stopped && (setCurrent(next), setLost(null)),
        (failure) => !stopped && setLost(toApiError(failure).status === 401 ? toApiError(failure).message : null),
      )
    void poll()
    const timer = setInterval(() => void poll(), POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [token])

  useEffect(() => {
    if (!thanks) return
    const timer = setTimeout(() => setThanks(false), THANKS_MS)
    return () => clearTimeout(timer)
  }, [thanks])

  const unbind = async () => {
    const { confirm } = await Taro.showModal({
      title: '解除绑定',
      content: '解除后本平板不再作为评价器，需工作人员重新登录绑定。',
      confirmText: '解除',
      cancelText: '取消',
    })
    if (confirm) onUnbound()
  }
  if (lost) return <PageState kind='error' title='评价器已失效' message={lost} actionText='重新绑定' onAction={onUnbound} />
  const service = current?.service ?? null
  return (
    <View className='kiosk'>
      <Text className='kiosk__window'>
        {hallName} · {windowNumber} 号窗口
      </Text>
      {thanks ? (
        <View className='kiosk__idle'>
          <Text className='kiosk__big'>感谢您的评价！</Text>
        </View>
      ) : service ? (
        <View className='kiosk__rate'>
          <Text className='kiosk__big'>请您对本次服务作出评价</Text>
          <Text className='kiosk__line'>{service.title}</Text>
          <RatingForm
            key={service.id}
            kiosk
            submitText='提交评价'
            busy={busy}
            error={error}
            onSubmit={(draft) =>
              void run(async () => {
                setCurrent(await rateAtKiosk(token, { serviceId: service.id, level: draft.level, reasons: draft.reasons }))
                setThanks(true)
              })
            }
          />
        </View>
      ) : (
        <View className='kiosk__idle'>
          <Text className='kiosk__big'>欢迎办理业务</Text>
          <Text className='kiosk__line'>办理完成后，请在这里对本次服务作出评价</Text>
        </View>
      )}
      <View className='kiosk__unbind'>
        <ActionButton variant='plain' onClick={() => void unbind()}>
          解除绑定
        </ActionButton>
      </View>
    </View>
  )
}
