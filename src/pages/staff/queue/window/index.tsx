import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { useResource } from '@/hooks/use-resource'
import { useHallLive } from '@/hooks/use-hall-live'
import { listHalls } from '@/services/catalog'
import { actOnTicket, callNext, getWindow, transferTicket, type StaffTicket, type WindowAction, type WindowView } from '@/services/queue'
import { useSession } from '@/stores/session'
import { CHECKIN_METHOD_LABELS, PRIORITY_LABELS, TICKET_STATUS_LABELS } from '@/domain/queue'
import { decodeParam } from '@/routes'
import { assignmentFor, staffHallFor } from '@/pages/staff/staff-hall'
import { useAction } from '@/hooks/use-action'
import './index.scss'
import { confirmAction } from '@/components/modal'

/** Re-calls a window may make for one ticket (domain README §3; the BFF enforces it). */
const MAX_RECALLS = 3

/** The window workbench: call the next number, re-call, start, finish, 过号 and transfer, live. */
export default function WindowWorkbenchPage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'staff', decodeParam(useRouter().params.hallId))
  const windowId = hallId ? (assignmentFor(me, hallId, 'staff')?.windowId ?? null) : null
  const view = useResource(windowId, () => getWindow(windowId!))
  useHallLive(windowId ? hallId : null, () => view.reload(true))

  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='仅限窗口工作人员使用' message='您不是服务中心的窗口工作人员' />
  if (!windowId) return <PageState kind='error' title='未绑定窗口' message='您的账号尚未绑定窗口，请联系服务中心管理员' />
  return (
    <View className='staff-queue'>
      <ResourceView of={view}>{(data) => <Workbench view={data} onChange={view.replace} />}</ResourceView>
    </View>
  )
}

function Workbench({ view, onChange }: { view: WindowView; onChange: (next: WindowView) => void }) {
  const action = useAction()
  const busy = action.busy
  // At the window a refusal stays on screen for 3 s.
  const run = (work: () => Promise<WindowView>, done?: string) =>
    action.run(
      async () => {
        onChange(await work())
        if (done) void Taro.showToast({ title: done, icon: 'none' })
      },
      (failure) => void Taro.showToast({ title: failure.message, icon: 'none', duration: 3000 }),
    )
  const windowId = view.window.id
  return (
    <View>
      <View className='staff-queue__head'>
        <Text className='staff-queue__title'>{view.window.name}</Text>
        <Text className='staff-queue__sub'>{`${view.window.hallName}　今日已办结 ${view.finishedToday} 人`}</Text>
      </View>

      {view.current ? (
        <Current ticket={view.current} windowId={windowId} hallId={view.window.hallId} busy={busy} run={run} />
      ) : (
        <View className='card staff-queue__idle'>
          <Text className='muted'>当前没有正在办理的号</Text>
          <ActionButton block disabled={busy} onClick={() => void run(() => callNext(windowId))}>
            {busy ? '叫号中…' : '叫下一位'}
          </ActionButton>
        </View>
      )}

      <View className='card'>
        <Text className='section-title'>本窗口排队情况</Text>
        {view.lines.map((line) => (
          <View key={line.code} className='staff-queue__line'>
            <Text>{`${line.code} · ${line.name}`}</Text>
            <Text className='muted'>{`排队 ${line.waiting} 人　待签到 ${line.waitingCheckin} 人`}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

interface CurrentProps {
  ticket: StaffTicket
  windowId: string
  hallId: string
  busy: boolean
  run: (work: () => Promise<WindowView>, done?: string) => Promise<void>
}

function Current({ ticket: t, windowId, hallId, busy, run }: CurrentProps) {
  const act = (action: WindowAction, done?: string) => void run(() => actOnTicket(windowId, t.id, action), done)
  const miss = async () => {
    const content = t.misses === 0 ? '首次过号：该号将排在后 3 个号之后。' : '该号已过号一次，再次过号将作废。'
    if (await confirmAction({ title: `${t.number} 过号`, content, confirmText: '确认过号', cancelText: '取消', destructive: true })) act('miss', '已过号')
  }
  const transfer = async () => {
    const hall = (await listHalls().catch(() => [])).find((h) => h.id === hallId)
    const targets = (hall?.categories ?? []).filter((c) => c.code !== t.categoryCode)
    if (targets.length === 0) return void Taro.showToast({ title: '没有可转入的业务类别', icon: 'none' })
    const choice = await Taro.showActionSheet({ itemList: targets.map((c) => `${c.code} · ${c.name}`) }).catch(() => null)
    if (choice) void run(() => transferTicket(windowId, t.id, targets[choice.tapIndex].code), `已转至${targets[choice.tapIndex].name}`)
  }
  return (
    <View className='card staff-queue__current' {...asRole('status', `当前 ${t.number}，${TICKET_STATUS_LABELS[t.status]}`)}>
      <View className='staff-queue__current-head'>
        <Text className='staff-queue__number'>{t.number}</Text>
        <View className='staff-queue__current-info'>
          <Text className='staff-queue__state'>{TICKET_STATUS_LABELS[t.status]}</Text>
          <Text className='muted'>{`${t.nameMasked} · ${t.categoryName}${t.priority ? ` · ${PRIORITY_LABELS[t.priority]}` : ''}`}</Text>
          <Text className={t.checkinMethod === 'location' ? 'staff-queue__unverified' : 'muted'}>{CHECKIN_METHOD_LABELS[t.checkinMethod]}</Text>
          {t.status === 'called' ? <Text className='muted'>{`已重呼 ${t.recalls}/${MAX_RECALLS} 次${t.misses > 0 ? ' · 曾过号 1 次' : ''}`}</Text> : null}
        </View>
      </View>
      <View className='staff-queue__buttons'>
        {t.status === 'called' ? (
          <>
            <ActionButton block disabled={busy} onClick={() => act('start')}>
              开始办理
            </ActionButton>
            <ActionButton block variant='ghost' disabled={busy || t.recalls >= MAX_RECALLS} onClick={() => act('recall', '已重呼')}>
              重呼
            </ActionButton>
            <ActionButton block variant='ghost' disabled={busy} onClick={() => void miss()}>
              过号
            </ActionButton>
          </>
        ) : (
          <ActionButton block disabled={busy} onClick={() => act('finish', '已办结')}>
            办结
          </ActionButton>
        )}
        <ActionButton block variant='plain' disabled={busy} onClick={() => void transfer()}>
          转其他业务类别
        </ActionButton>
      </View>
    </View>
  )
}
