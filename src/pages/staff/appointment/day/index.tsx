import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { useResource } from '@/hooks/use-resource'
import { getStaffDay, staffCheckIn, type StaffBooking, type StaffDay } from '@/services/appointment'
import { decodeParam, openPage, withQuery } from '@/routes'
import { addDays } from '@/domain/working-days'
import { STATUS_LABEL, monthDay } from '@/pages/appointment/labels'
import { staffHallFor } from '@/pages/staff/staff-hall'
import { useSession } from '@/stores/session'
import { STAFF_APPOINTMENT_PAGES } from '../paths'
import { AlertLine } from '@/components/alert-line'
import { useAction } from '@/hooks/use-action'
import '../staff-appointment.scss'
import { tellUser } from '@/components/modal'
import { useCheckedForm } from '@/hooks/use-form'

export default function StaffAppointmentDayPage() {
  const params = useRouter().params
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'staff', decodeParam(params.hallId))
  // Null until the first answer: the BFF's clock decides what "today" is.
  const [date, setDate] = useState<string | null>(() => decodeParam(params.date) ?? null)
  const day = useResource(hallId ? `${hallId}|${date ?? 'today'}` : null, () => getStaffDay(hallId!, date))
  const shown = day.resource.status === 'ready' ? day.resource.data.date : date
  useDidShow(() => {
    if (day.resource.status === 'ready') day.reload(true)
  })
  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='仅限工作人员使用' message='您不是服务中心的工作人员' />

  return (
    <View className='staff-appt'>
      <View className='staff-appt__head'>
        <Text className='staff-appt__title'>预约名单</Text>
        {shown ? (
          <View className='staff-appt__date-nav'>
            <ActionButton variant='inverse' onClick={() => setDate(addDays(shown, -1))}>
              前一天
            </ActionButton>
            <Text className='staff-appt__date'>{monthDay(shown)}</Text>
            <ActionButton variant='inverse' onClick={() => setDate(addDays(shown, 1))}>
              后一天
            </ActionButton>
          </View>
        ) : null}
      </View>
      <DeskCheckIn hallId={hallId} onDone={() => day.reload(true)} />
      <ResourceView resource={day.resource} onRetry={() => day.reload()}>
        {(data) => <DayView data={data} />}
      </ResourceView>
      <View className='staff-appt__gap staff-appt__footer'>
        <ActionButton block variant='ghost' onClick={() => void openPage(withQuery(STAFF_APPOINTMENT_PAGES.settings, { hallId }))}>
          预约设置与闭厅安排
        </ActionButton>
      </View>
    </View>
  )
}

function DayView({ data }: { data: StaffDay }) {
  const slots = data.categories.flatMap((c) => c.slots)
  return (
    <View>
      <View className='card'>
        <Text className='section-title'>
          {data.hall.name} · {data.weekday}
          {data.holidayName ? ` · ${data.holidayName}` : ''}
        </Text>
        {!data.calendarKnown ? (
          <Text className='staff-appt__warning' {...asRole('alert')}>
            该年法定节假日尚未收录，按周一至周五计算；如为节假日请在预约设置中添加闭厅安排
          </Text>
        ) : null}
        {!data.working ? <Text className='muted'>非工作日，不接受预约</Text> : null}
        {data.closures.map((c) => (
          <Text key={c.id} className='staff-appt__notice'>
            闭厅 {c.start}–{c.end}（{c.reason}）
          </Text>
        ))}
        <View className='staff-appt__totals'>
          <Total label='待签到' value={data.totals.booked} />
          <Total label='已签到' value={data.totals.checkedIn} />
          <Total label='爽约' value={data.totals.noShow} />
          <Total label='已取消' value={data.totals.cancelled} />
        </View>
      </View>
      {slots.length === 0 && data.others.length === 0 ? <PageState kind='empty' title='当天没有预约' /> : null}
      {data.categories.map((category) => {
        const booked = category.slots.filter((s) => s.bookings.length > 0)
        if (booked.length === 0) return null
        return (
          <View key={category.code} className='card'>
            <Text className='section-title'>
              {category.code} {category.name}
            </Text>
            {booked.map((slot) => (
              <View key={slot.id} className='staff-appt__slot'>
                <Text className='staff-appt__slot-time'>{`${slot.start}–${slot.end} · 已约 ${slot.booked}/${slot.capacity}`}</Text>
                {slot.bookings.map((b) => (
                  <BookingRow key={b.id} booking={b} />
                ))}
              </View>
            ))}
          </View>
        )
      })}
      {data.others.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>其他预约（时段已调整）</Text>
          {data.others.map((b) => (
            <BookingRow key={b.id} booking={b} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Total({ label, value }: { label: string; value: number }) {
  return (
    <View className='staff-appt__total'>
      <Text className='staff-appt__total-value'>{value}</Text>
      <Text className='muted'>{label}</Text>
    </View>
  )
}

function BookingRow({ booking: b }: { booking: StaffBooking }) {
  return (
    <View className='staff-appt__booking'>
      <Text className='staff-appt__booking-name'>
        {b.nameMasked} · {b.item.name}
      </Text>
      <Text className='muted'>
        {b.start}
        {b.voucher ? ` 预约码 ${b.voucher}` : ''} · {STATUS_LABEL[b.status]}
        {b.ticket ? ` · ${b.ticket.number}` : ''}
      </Text>
    </View>
  )
}

/** At the desk: the citizen shows the voucher QR; staff scan it (mini-program) or type the code. */
function DeskCheckIn({ hallId, onDone }: { hallId: string; onDone: () => void }) {
  const form = useCheckedForm({ voucher: '' }, (values) => ({ voucher: values.voucher.trim().length === 8 ? undefined : '请输入8位预约码' }))
  const voucher = form.values.voucher
  const { busy, error, run } = useAction()

  const typed = () => {
    if (form.validate()) void submit(voucher)
  }
  const submit = async (code: string) => {
    await run(async () => {
      const done = await staffCheckIn(hallId, code.trim())
      form.reset()
      void tellUser('签到成功', `${done.item.name} ${done.start}，优先排队号 ${done.ticket?.number ?? ''}`)
      onDone()
    })
  }

  const scan = async () => {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null)
    if (result) await submit(result.result)
  }

  return (
    <View className='card'>
      <Text className='section-title'>窗口代签到</Text>
      <FormField
        label='预约码'
        maxlength={8}
        placeholder='8位预约码'
        {...form.field('voucher')}
        onInput={(v) => form.set({ voucher: v.toUpperCase() })}
        onConfirm={typed}
      />
      <AlertLine className='staff-appt__error' message={error} />
      <View className='staff-appt__actions'>
        <ActionButton disabled={busy} onClick={typed}>
          签到
        </ActionButton>
        {process.env.TARO_ENV === 'weapp' ? (
          <ActionButton variant='ghost' disabled={busy} onClick={() => void scan()}>
            扫描预约码
          </ActionButton>
        ) : null}
      </View>
    </View>
  )
}
