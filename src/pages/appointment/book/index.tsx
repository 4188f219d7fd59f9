import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { asButton, asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { useResource } from '@/hooks/use-resource'
import { listHalls, searchItems, type Hall } from '@/services/catalog'
import { bookSlot, listBookableDays, listSlots, type BookableDay, type BookableDays, type Slot } from '@/services/appointment'
import { askSubscribe } from '@/services/subscribe'
import { useBookingDraft } from '@/stores/appointment'
import { useHall } from '@/stores/hall'
import { useSession } from '@/stores/session'
import { PAGES, decodeParam, goToLogin, openPage, withQuery } from '@/routes'
import { APPOINTMENT_PAGES } from '../paths'
import { DAY_STATUS_LABEL, monthDay, rulesText } from '../labels'
import { useAction } from '@/hooks/use-action'
import { AlertLine } from '@/components/alert-line'
import './index.scss'

// Refusals after which the day list and slots on screen are out of date.
const STALE_CODES = new Set(['SLOT_FULL', 'SLOT_CHANGED', 'BOOKING_CLOSED', 'HALL_CLOSED', 'BEYOND_HORIZON'])

export default function BookPage() {
  const params = useRouter().params
  const draft = useBookingDraft()
  const rememberedHall = useHall((s) => s.hallId)
  const halls = useResource('halls', listHalls)

  // Links (home, guide, a message) name the hall and maybe the item; they win over the draft.
  // Only what the page arrived with: later choices are the user's.
  const arrival = useRef({ hallId: decodeParam(params.hallId) ?? draft.hallId ?? rememberedHall, itemId: decodeParam(params.itemId) })
  const { chooseHall: applyHall, chooseItem: applyItem } = draft
  useEffect(() => {
    const { hallId, itemId } = arrival.current
    if (hallId) applyHall(hallId)
    if (itemId) applyItem(itemId)
  }, [applyHall, applyItem])

  const hallList = halls.resource.status === 'ready' ? halls.resource.data : null
  const hall = hallList?.find((h) => h.id === draft.hallId) ?? null
  const chooseHall = draft.chooseHall
  useEffect(() => {
    if (hallList?.length && !hall) chooseHall(hallList[0].id)
  }, [hallList, hall, chooseHall])

  return (
    <View className='book'>
      <View className='card'>
        <Text className='section-title'>1. 服务中心</Text>
        <ResourceView resource={halls.resource} onRetry={() => halls.reload()} inline isEmpty={(list) => list.length === 0} emptyTitle='暂无可预约的服务中心'>
          {(list) => <HallChoice halls={list} selected={hall} onChoose={draft.chooseHall} />}
        </ResourceView>
      </View>
      {hall ? <ItemStep hall={hall} /> : null}
      {hall && draft.itemId ? <DayAndSlotSteps hallId={hall.id} itemId={draft.itemId} /> : null}
    </View>
  )
}

function HallChoice({ halls, selected, onChoose }: { halls: Hall[]; selected: Hall | null; onChoose: (id: string) => void }) {
  return (
    <View>
      <View className='book__chips' {...asRole('radiogroup', '服务中心')}>
        {halls.map((h) => (
          <Chip key={h.id} label={h.name} active={h.id === selected?.id} onTap={() => onChoose(h.id)} />
        ))}
      </View>
      {selected ? (
        <Text className='muted book__hint'>
          {selected.address}　办公时间 {selected.openTime}–{selected.closeTime}
        </Text>
      ) : null}
    </View>
  )
}

function Chip({ label, sub, active, disabled = false, onTap }: { label: string; sub?: string; active: boolean; disabled?: boolean; onTap: () => void }) {
  const name = sub ? `${label} ${sub}` : label
  return (
    <View
      className={`book__chip${active ? ' book__chip--active' : ''}${disabled ? ' book__chip--disabled' : ''}`}
      onClick={disabled ? undefined : onTap}
      {...asChoice('radio', active, name, disabled)}
    >
      <Text className='book__chip-label'>{label}</Text>
      {sub ? <Text className='book__chip-sub'>{sub}</Text> : null}
    </View>
  )
}

function ItemStep({ hall }: { hall: Hall }) {
  const itemId = useBookingDraft((s) => s.itemId)
  const chooseItem = useBookingDraft((s) => s.chooseItem)
  const [draft, setDraft] = useState('')
  const [query, setQuery] = useState('')
  const items = useResource(`${hall.id}|${query}`, () => searchItems({ hallId: hall.id, q: query }))
  const chosen = items.resource.status === 'ready' ? items.resource.data.find((i) => i.id === itemId) : undefined

  if (itemId) {
    return (
      <View className='card'>
        <Text className='section-title'>2. 办理事项</Text>
        <View className='book__chosen'>
          <Text className='book__chosen-name'>{chosen?.name ?? '已选事项'}</Text>
          <ActionButton variant='plain' onClick={() => chooseItem(null)}>
            更换
          </ActionButton>
        </View>
        {chosen ? <Text className='muted'>{chosen.department}</Text> : null}
      </View>
    )
  }
  return (
    <View className='card'>
      <Text className='section-title'>2. 办理事项</Text>
      <View className='book__search'>
        <Input
          className='book__search-input'
          value={draft}
          placeholder='搜索事项，如“营业执照”'
          confirmType='search'
          maxlength={50}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQuery(draft.trim())}
          nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '搜索事项', type: 'search' } : undefined}
        />
        <ActionButton round onClick={() => setQuery(draft.trim())}>
          搜索
        </ActionButton>
      </View>
      <ResourceView resource={items.resource} onRetry={() => items.reload()} inline isEmpty={(list) => list.length === 0} emptyTitle='没有找到相关事项'>
        {(list) => (
          <View>
            {list.map((item) => (
              <View key={item.id} className='book__item' onClick={() => chooseItem(item.id)} {...asButton()}>
                <Text className='book__item-name'>{item.name}</Text>
                <Text className='muted'>{item.department}</Text>
              </View>
            ))}
          </View>
        )}
      </ResourceView>
    </View>
  )
}

function DayAndSlotSteps({ hallId, itemId }: { hallId: string; itemId: string }) {
  const days = useResource(`${hallId}|${itemId}`, () => listBookableDays(hallId, itemId))
  return (
    <ResourceView resource={days.resource} onRetry={() => days.reload()} loadingTitle='正在查询可预约日期…'>
      {(data) => <Schedule hallId={hallId} itemId={itemId} data={data} onStale={() => days.reload(true)} />}
    </ResourceView>
  )
}

function Schedule({ hallId, itemId, data, onStale }: { hallId: string; itemId: string; data: BookableDays; onStale: () => void }) {
  const { date, slotId, chooseDate, chooseSlot } = useBookingDraft()
  const day = data.days.find((d) => d.date === date) ?? null
  const slots = useResource(day ? `${hallId}|${itemId}|${day.date}` : null, () => listSlots(hallId, itemId, day!.date))
  const slotList = slots.resource.status === 'ready' ? slots.resource.data.slots : []
  const slot = slotList.find((s) => s.id === slotId) ?? null

  const refresh = () => {
    chooseSlot(null)
    onStale()
    slots.reload(true)
  }

  return (
    <View>
      <View className='card'>
        <Text className='section-title'>3. 预约日期</Text>
        {data.days.length === 0 ? (
          <PageState kind='empty' title='近期没有可预约的工作日' inline />
        ) : (
          <View className='book__chips' {...asRole('radiogroup', '预约日期')}>
            {data.days.map((d) => (
              <Chip
                key={d.date}
                label={`${monthDay(d.date)} ${d.weekday}`}
                sub={daySub(d)}
                active={d.date === date}
                disabled={d.status !== 'open'}
                onTap={() => chooseDate(d.date)}
              />
            ))}
          </View>
        )}
      </View>

      {day ? (
        <View className='card'>
          <Text className='section-title'>4. 预约时段</Text>
          <ResourceView resource={slots.resource} onRetry={() => slots.reload()} inline isEmpty={(s) => s.slots.length === 0} emptyTitle='当天没有可预约的时段'>
            {(s) => (
              <View>
                {s.notice ? <Text className='book__notice'>{s.notice}</Text> : null}
                <View className='book__slots' {...asRole('radiogroup', '预约时段')}>
                  {s.slots.map((option) => (
                    <Chip
                      key={option.id}
                      label={`${option.start}–${option.end}`}
                      sub={option.remaining > 0 ? `余${option.remaining}` : '已约满'}
                      active={option.id === slotId}
                      disabled={!s.bookable || option.remaining === 0}
                      onTap={() => chooseSlot(option.id)}
                    />
                  ))}
                </View>
              </View>
            )}
          </ResourceView>
        </View>
      ) : null}

      <View className='card'>
        <Text className='section-title'>预约须知</Text>
        {rulesText(data.rules).map((line) => (
          <Text key={line} className='book__rule'>
            · {line}
          </Text>
        ))}
      </View>

      <Confirm itemName={data.item.name} hallName={data.hall.name} day={day} slot={slot} onStale={refresh} />
    </View>
  )
}

const daySub = (d: BookableDay) => (d.status === 'open' ? `余${d.remaining}${d.label ? ` · ${d.label}` : ''}` : DAY_STATUS_LABEL[d.status])

function Confirm({
  itemName,
  hallName,
  day,
  slot,
  onStale,
}: {
  itemName: string
  hallName: string
  day: BookableDay | null
  slot: Slot | null
  onStale: () => void
}) {
  const { busy, error, run } = useAction()
  const token = useSession((s) => s.token)
  const me = useSession((s) => s.me)
  const { hallId, itemId } = useBookingDraft()
  const here = withQuery(APPOINTMENT_PAGES.book, { hallId: hallId ?? undefined, itemId: itemId ?? undefined })

  const submit = async () => {
    if (!slot || !itemId) return
    if (!token) return void goToLogin(here)
    if (!me?.realName) return void openPage(withQuery(PAGES.realName, { redirect: here }))
    // Started before anything is awaited: WeChat only shows the subscribe prompt from within a tap.
    const reminder = askSubscribe('bookAppointment')
    await run(
      async (action) => {
        await reminder
        const appointment = await bookSlot(slot.id, itemId, action)
        useBookingDraft.getState().reset()
        void Taro.showToast({ title: '预约成功', icon: 'success' })
        await Taro.redirectTo({ url: withQuery(APPOINTMENT_PAGES.detail, { id: appointment.id }) })
      },
      (failure) => STALE_CODES.has(failure.code) && onStale(),
    )
  }

  return (
    <View className='card book__confirm'>
      {slot && day ? (
        <Text className='book__summary'>
          {hallName} · {itemName}
          {'\n'}
          {monthDay(day.date)} {day.weekday} {slot.start}–{slot.end}
        </Text>
      ) : (
        <Text className='muted'>请选择日期和时段</Text>
      )}
      <AlertLine className='book__error' message={error} />
      <ActionButton block disabled={!slot || busy} onClick={() => void submit()}>
        {busy ? '提交中…' : '确认预约'}
      </ActionButton>
    </View>
  )
}
