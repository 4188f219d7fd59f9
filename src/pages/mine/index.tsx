import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ResourceView } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { ElderModeSwitch } from '@/components/elder-mode'
import { ConsentUpdate } from '@/components/consent-check/update'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource, type Resource } from '@/hooks/use-resource'
import { logout } from '@/services/auth'
import { getMe, listMessages, markMessageRead, type Me, type Message, type MessageList } from '@/services/me'
import { toApiError } from '@/services/http'
import { useSession } from '@/stores/session'
import { PAGES, goToLogin, isAppPath, openPage, withQuery } from '@/routes'
import { shanghaiDate, shanghaiTime } from '@/domain/time'
import { MINE_ENTRIES, WORKBENCH_ENTRY, type MineEntry } from './entries'
import './index.scss'

export default function MinePage() {
  const token = useSession((s) => s.token)
  const me = useSession((s) => s.me)
  const setMe = useSession((s) => s.setMe)
  const messages = useResource(token, listMessages)
  const shownOnce = useRef(false)

  // The stored profile may be stale (or missing): refresh it whenever a session starts or the page opens.
  useEffect(() => {
    if (token) getMe().then(setMe, () => undefined)
  }, [token, setMe])

  // Coming back to this tab: refresh the profile and messages without flashing a spinner.
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true
      return
    }
    if (!useSession.getState().token) return
    getMe().then(setMe, () => undefined)
    messages.reload(true)
  })

  // Forget the session first: an unreachable BFF or an already expired token must not keep the user
  // signed in here, nor bounce them to the login page. Revoking it at the BFF is best effort.
  const signOut = () => {
    const { token: current, clear } = useSession.getState()
    clear()
    void Taro.showToast({ title: '已退出登录', icon: 'none' })
    if (current) logout(current).catch(() => undefined)
  }

  const entries = me?.staff.length || me?.platformAdmin ? [...MINE_ENTRIES, WORKBENCH_ENTRY] : MINE_ENTRIES
  const root = useReadingRoot('mine')

  return (
    <View {...root}>
      <View className='mine__header'>{token && me ? <Profile me={me} /> : <SignedOut />}</View>
      {/* A profile stored by an app version before consentsDue existed has none until getMe answers. */}
      {token && me?.consentsDue?.length ? <ConsentUpdate due={me.consentsDue} /> : null}

      <View className='card mine__entries'>
        {entries.map((entry) => (
          <EntryRow key={entry.key} entry={entry} signedIn={token !== null} />
        ))}
      </View>

      <View className='card mine__entries'>
        <ElderModeSwitch />
      </View>

      {token ? (
        <View className='card'>
          <MessagesSection messages={messages.resource} onRetry={() => messages.reload()} onChange={messages.setResource} />
        </View>
      ) : null}

      {token ? (
        <View className='mine__logout'>
          <ActionButton variant='ghost' block onClick={signOut}>
            退出登录
          </ActionButton>
        </View>
      ) : null}
    </View>
  )
}

function SignedOut() {
  return (
    <View className='mine__signed-out'>
      <Text className='mine__name'>您还未登录</Text>
      <Text className='mine__sub'>登录后可查看排号、预约、办件进度和消息</Text>
      <View className='mine__login'>
        <ActionButton variant='inverse' onClick={() => void goToLogin(PAGES.mine)}>
          登录 / 注册
        </ActionButton>
      </View>
    </View>
  )
}

function Profile({ me }: { me: Me }) {
  return (
    <View className='mine__profile'>
      <Text className='mine__name'>{me.realName ? me.realName.nameMasked : (me.phoneMasked ?? '微信用户')}</Text>
      {me.phoneMasked ? <Text className='mine__sub'>手机号：{me.phoneMasked}</Text> : null}
      {me.realName ? (
        <View className='mine__verified'>
          <Text className='mine__tag'>已实名</Text>
          <Text className='mine__sub'>身份证：{me.realName.idNumberMasked}</Text>
        </View>
      ) : (
        <View className='mine__verified'>
          <Text className='mine__tag mine__tag--todo'>未实名</Text>
          <ActionButton variant='inverse' onClick={() => void openPage(withQuery(PAGES.realName, { redirect: PAGES.mine }))}>
            去实名认证
          </ActionButton>
        </View>
      )}
    </View>
  )
}

function EntryRow({ entry, signedIn }: { entry: MineEntry; signedIn: boolean }) {
  const open = () => {
    if (!entry.ready) {
      void Taro.showToast({ title: `${entry.title}即将开放`, icon: 'none' })
      return
    }
    if (!signedIn) {
      void goToLogin(entry.path)
      return
    }
    void openPage(entry.path)
  }
  return (
    <View className={`mine__entry${entry.ready ? '' : ' mine__entry--soon'}`} onClick={open} {...asButton(undefined, !entry.ready)}>
      <Text className='mine__entry-title'>{entry.title}</Text>
      <Text className='mine__entry-hint'>{entry.ready ? '›' : '即将开放'}</Text>
    </View>
  )
}

type MessagesResource = Resource<MessageList>

function MessagesSection({ messages, onRetry, onChange }: { messages: MessagesResource; onRetry: () => void; onChange: (next: MessagesResource) => void }) {
  const [busy, setBusy] = useState<string | null>(null)

  const open = async (message: Message, list: MessageList) => {
    if (!message.read && busy === null) {
      setBusy(message.id)
      try {
        await markMessageRead(message.id)
        onChange({
          status: 'ready',
          data: {
            unread: Math.max(0, list.unread - 1),
            messages: list.messages.map((m) => (m.id === message.id ? { ...m, read: true } : m)),
          },
        })
      } catch (error) {
        void Taro.showToast({ title: toApiError(error).message, icon: 'none' })
      } finally {
        setBusy(null)
      }
    }
    if (message.link && isAppPath(message.link)) void openPage(message.link)
  }

  return (
    <View>
      <View className='mine__messages-head'>
        <Text className='section-title'>消息</Text>
        {messages.status === 'ready' && messages.data.unread > 0 ? <Text className='mine__unread'>{messages.data.unread}条未读</Text> : null}
      </View>
      <ResourceView resource={messages} onRetry={onRetry} inline isEmpty={(d) => d.messages.length === 0} emptyTitle='暂无消息'>
        {(list) => (
          <View>
            {list.messages.map((message) => (
              <View
                key={message.id}
                className={`mine__message${message.read ? '' : ' mine__message--unread'}`}
                onClick={() => void open(message, list)}
                {...asButton()}
              >
                <View className='mine__message-head'>
                  <Text className='mine__message-title'>
                    {message.read ? null : <Text className='mine__message-new'>未读</Text>}
                    {message.title}
                  </Text>
                  <Text className='mine__message-time'>{formatTime(message.createdAt)}</Text>
                </View>
                <Text className='mine__message-body'>{message.body}</Text>
              </View>
            ))}
          </View>
        )}
      </ResourceView>
    </View>
  )
}

const formatTime = (iso: string) => {
  const instant = new Date(iso)
  return Number.isNaN(instant.getTime()) ? '' : `${shanghaiDate(instant).slice(5)} ${shanghaiTime(instant)}`
}
