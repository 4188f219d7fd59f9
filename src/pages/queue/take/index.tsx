import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ResourceView } from '@/components/page-state'
import { asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { useResource } from '@/hooks/use-resource'
import { useHallLive } from '@/hooks/use-hall-live'
import { listHalls, type Hall } from '@/services/catalog'
import { toApiError } from '@/services/http'
import { getHallQueueStatus, takeTicket, type HallQueueStatus } from '@/services/queue'
import { askSubscribe } from '@/services/subscribe'
import { useHall } from '@/stores/hall'
import { useSession } from '@/stores/session'
import { PAGES, currentPageUrl, decodeParam, goToLogin, openPage, withQuery } from '@/routes'
import { minutesOfDay } from '@/domain/time'
import { QUEUE_PAGES } from '../paths'
import { waitText } from '../labels'
import '../queue.scss'
import './index.scss'
import { confirmAction, tellUser } from '@/components/modal'

type Category = HallQueueStatus['categories'][number]

/** 网上取号: pick a hall and a category, see the line, take a number. */
export default function TakeNumberPage() {
  const params = useRouter().params
  const requested = decodeParam(params.hallId)
  // The category of the item the user came from (办事指南 → 取号): shown first and marked.
  const suggested = decodeParam(params.category)
  const remembered = useHall((s) => s.hallId)
  const chooseHall = useHall((s) => s.chooseHall)
  const [hallId, setHallId] = useState<string | null>(requested ?? remembered)
  const halls = useResource('halls', listHalls)
  const hallList = halls.resource.status === 'ready' ? halls.resource.data : []
  const hall = hallList.find((h) => h.id === hallId) ?? hallList[0] ?? null
  const status = useResource(hall ? hall.id : null, () => getHallQueueStatus(hall!.id))
  useHallLive(hall?.id ?? null, () => status.reload(true))

  const pick = (id: string) => {
    setHallId(id)
    chooseHall(id)
  }

  return (
    <View className='take'>
      <View className='queue-head'>
        <Text className='queue-head__title'>网上取号</Text>
        <Text className='queue-head__sub'>在家取号，到厅签到后排队，叫号时会提醒您</Text>
      </View>
      <ResourceView resource={halls.resource} onRetry={() => halls.reload()} isEmpty={(list) => list.length === 0} emptyTitle='暂无可选的服务中心'>
        {(list) => (
          <View>
            <HallChoice halls={list} selected={hall} onPick={pick} />
            <ResourceView
              resource={status.resource}
              onRetry={() => status.reload()}
              isEmpty={(s) => s.categories.length === 0}
              emptyTitle='该服务中心暂无可取号的业务'
            >
              {(data) => <Categories hall={hall!} status={data} suggested={suggested} onTaken={() => status.reload(true)} />}
            </ResourceView>
          </View>
        )}
      </ResourceView>
    </View>
  )
}

function HallChoice({ halls, selected, onPick }: { halls: Hall[]; selected: Hall | null; onPick: (id: string) => void }) {
  return (
    <View className='card'>
      <Text className='section-title'>服务中心</Text>
      <View className='take__halls' {...asRole('radiogroup', '服务中心')}>
        {halls.map((h) => {
          const active = h.id === selected?.id
          return (
            <View key={h.id} className={`take__hall${active ? ' take__hall--active' : ''}`} onClick={() => onPick(h.id)} {...asChoice('radio', active)}>
              {h.shortName}
            </View>
          )
        })}
      </View>
      {selected ? (
        <Text className='muted take__hall-info'>
          {selected.address}　网上取号时间 {selected.openTime}–{closingOfTaking(selected)}
        </Text>
      ) : null}
    </View>
  )
}

/** When remote taking closes: the hall's cut-off before closing time. */
const closingOfTaking = (hall: Hall) => {
  const minutes = minutesOfDay(hall.closeTime) - hall.takeCutoffMinutes
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

interface CategoriesProps {
  hall: Hall
  status: HallQueueStatus
  suggested: string | undefined
  onTaken: () => void
}

function Categories({ hall, status, suggested, onTaken }: CategoriesProps) {
  const [busy, setBusy] = useState<string | null>(null)
  const take = async (category: Category) => {
    const { token, me } = useSession.getState()
    if (!token) return void goToLogin(currentPageUrl())
    if (!me?.realName) {
      void confirmAction({ title: '需要实名认证', content: '网上取号需要先完成实名认证', confirmText: '去认证', cancelText: '取消' }).then((confirmed) => {
        if (confirmed) void openPage(withQuery(PAGES.realName, { redirect: currentPageUrl() }))
      })
      return
    }
    // Asked inside the tap, before anything is awaited (WeChat's rule); the number is taken either way.
    const reminders = askSubscribe('takeTicket')
    setBusy(category.id)
    try {
      await reminders
      const ticket = await takeTicket(hall.id, category.id)
      onTaken()
      await Taro.navigateTo({ url: withQuery(QUEUE_PAGES.ticket, { id: ticket.id }) })
    } catch (error) {
      void tellUser('未能取号', toApiError(error).message)
    } finally {
      setBusy(null)
    }
  }
  const closed = status.takingClosedReason
  return (
    <View className='card'>
      <Text className='section-title'>选择业务类别</Text>
      {closed ? (
        <Text className='take__closed' {...asRole('status')}>
          {closed}
        </Text>
      ) : null}
      {[...status.categories]
        .sort((a, b) => Number(b.code === suggested) - Number(a.code === suggested))
        .map((c) => (
          <View key={c.id} className={`take__category${c.code === suggested ? ' take__category--suggested' : ''}`}>
            <View className='take__category-info'>
              <Text className='take__category-name'>
                {c.code} · {c.name}
              </Text>
              {c.code === suggested ? <Text className='take__suggested'>您要办理的事项请取此类号</Text> : null}
              <Text className='muted'>
                排队 {c.waiting} 人 · 预计等待{waitText(c.estimatedWaitMinutes)} · 余号 {c.remaining}
              </Text>
            </View>
            <ActionButton disabled={closed !== null || c.remaining === 0 || busy !== null} onClick={() => void take(c)}>
              {busy === c.id ? '取号中…' : c.remaining === 0 ? '已取完' : '取号'}
            </ActionButton>
          </View>
        ))}
      <Text className='muted take__note'>每人每类业务每天可持有 1 个有效号；取号后请在截止时间前到厅扫码签到，签到后按签到顺序叫号。</Text>
    </View>
  )
}
