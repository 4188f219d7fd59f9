import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState, SignInFirst, ResourceView } from '@/components/page-state'
import { asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { useResource } from '@/hooks/use-resource'
import { addClosure, getHallSettings, removeClosure, saveHallSettings, type HallSettings, type StaffSettings } from '@/services/appointment'
import { decodeParam } from '@/routes'
import { staffHallFor } from '@/pages/staff/staff-hall'
import { useSession } from '@/stores/session'
import { AlertLine } from '@/components/alert-line'
import { useAction } from '@/hooks/use-action'
import '../staff-appointment.scss'
import { confirmAction, tellUser } from '@/components/modal'
import { useCheckedForm } from '@/hooks/use-form'

type NumberKey = Exclude<keyof HallSettings, 'slotMinutes' | 'bookingCloseTime'>

const NUMBER_FIELDS: { key: NumberKey; label: string }[] = [
  { key: 'horizonDays', label: '可预约未来工作日数（1–7）' },
  { key: 'cancelCutoffMinutes', label: '取消截止：时段开始前（分钟）' },
  { key: 'checkinBeforeMinutes', label: '签到开始：时段开始前（分钟）' },
  { key: 'checkinAfterMinutes', label: '签到截止：时段开始后（分钟）' },
  { key: 'noShowLimit', label: '爽约次数上限' },
  { key: 'noShowWindowDays', label: '爽约统计天数' },
  { key: 'blockDays', label: '暂停预约天数' },
]

export default function StaffAppointmentSettingsPage() {
  const me = useSession((s) => s.me)
  const hallId = staffHallFor(me, 'staff', decodeParam(useRouter().params.hallId))
  const settings = useResource(hallId, () => getHallSettings(hallId!))
  if (!hallId && !me) return <SignInFirst message='工作人员登录后使用' />
  if (!hallId) return <PageState kind='error' title='仅限工作人员使用' message='您不是服务中心的工作人员' />
  return (
    <View className='staff-appt'>
      <ResourceView resource={settings.resource} onRetry={() => settings.reload()}>
        {(data) => (
          <View>
            <View className='staff-appt__head'>
              <Text className='staff-appt__title'>{data.hall.name}</Text>
              <Text className='staff-appt__sub'>
                预约设置 · 办公时间 {data.hall.openTime}–{data.hall.closeTime}
              </Text>
            </View>
            {data.calendarWarnings.map((warning) => (
              <Text key={warning} className='staff-appt__warning' {...asRole('alert')}>
                {warning}
              </Text>
            ))}
            <SettingsForm hallId={hallId} data={data} onSaved={settings.replace} />
            <Closures hallId={hallId} data={data} onChanged={() => settings.reload(true)} />
          </View>
        )}
      </ResourceView>
    </View>
  )
}

function SettingsForm({ hallId, data, onSaved }: { hallId: string; data: StaffSettings; onSaved: (next: StaffSettings) => void }) {
  const [form, setForm] = useState(() => toForm(data))
  const { busy, error, run } = useAction()
  useEffect(() => setForm(toForm(data)), [data])

  const save = async () => {
    await run(async () => {
      const next = await saveHallSettings(hallId, {
        ...data.settings,
        slotMinutes: form.slotMinutes,
        bookingCloseTime: form.bookingCloseTime.trim(),
        ...Object.fromEntries(NUMBER_FIELDS.map(({ key }) => [key, Number(form.numbers[key])])),
        capacities: data.capacities.map((c) => ({ categoryCode: c.categoryCode, capacity: Number(form.capacities[c.categoryCode]) })),
      })
      onSaved(next)
      void tellUser('已保存', next.notices?.length ? next.notices.join('\n') : '新设置已生效，已有预约不受影响')
    })
  }

  return (
    <View className='card'>
      <Text className='section-title'>时段与规则</Text>
      <Text className='staff-appt__label'>时段长度</Text>
      <View className='staff-appt__choices' {...asRole('radiogroup', '时段长度')}>
        {([30, 60] as const).map((minutes) => (
          <View
            key={minutes}
            className={`staff-appt__choice${form.slotMinutes === minutes ? ' staff-appt__choice--active' : ''}`}
            onClick={() => setForm({ ...form, slotMinutes: minutes })}
            {...asChoice('radio', form.slotMinutes === minutes)}
          >
            {minutes}分钟
          </View>
        ))}
      </View>
      <FormField
        label='次日预约截止时间（前一天）'
        placeholder='如 17:00'
        value={form.bookingCloseTime}
        maxlength={5}
        onInput={(v) => setForm({ ...form, bookingCloseTime: v })}
      />
      {NUMBER_FIELDS.map(({ key, label }) => (
        <FormField
          key={key}
          label={label}
          keyboard='number'
          maxlength={4}
          value={form.numbers[key]}
          onInput={(v) => setForm({ ...form, numbers: { ...form.numbers, [key]: v } })}
        />
      ))}
      <Text className='section-title staff-appt__gap'>每个时段可预约人数</Text>
      {data.capacities.map((c) => (
        <FormField
          key={c.categoryCode}
          label={`${c.categoryCode} ${c.categoryName}（0 为不开放预约）`}
          keyboard='number'
          maxlength={3}
          value={form.capacities[c.categoryCode]}
          onInput={(v) => setForm({ ...form, capacities: { ...form.capacities, [c.categoryCode]: v } })}
        />
      ))}
      <AlertLine className='staff-appt__error' message={error} />
      <View className='staff-appt__gap'>
        <ActionButton block disabled={busy} onClick={() => void save()}>
          {busy ? '保存中…' : '保存设置'}
        </ActionButton>
      </View>
    </View>
  )
}

function toForm(data: StaffSettings) {
  return {
    slotMinutes: data.settings.slotMinutes,
    bookingCloseTime: data.settings.bookingCloseTime,
    numbers: Object.fromEntries(NUMBER_FIELDS.map(({ key }) => [key, String(data.settings[key])])) as Record<NumberKey, string>,
    capacities: Object.fromEntries(data.capacities.map((c) => [c.categoryCode, String(c.capacity)])) as Record<string, string>,
  }
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

const checkClosure = (values: { date: string; start: string; end: string; reason: string }) => ({
  date: DATE.test(values.date.trim()) ? undefined : '请填写闭厅日期，年-月-日，如 2026-12-31',
  start: TIME.test(values.start.trim()) ? undefined : '请填写开始时间，时:分，如 09:00',
  end: !TIME.test(values.end.trim()) ? '请填写结束时间，时:分，如 12:00' : values.end.trim() <= values.start.trim() ? '结束时间须晚于开始时间' : undefined,
  reason: values.reason.trim() ? undefined : '请填写闭厅原因，市民会看到',
})

function Closures({ hallId, data, onChanged }: { hallId: string; data: StaffSettings; onChanged: () => void }) {
  const form = useCheckedForm({ date: '', start: data.hall.openTime, end: data.hall.closeTime, reason: '' }, checkClosure)
  const { busy, error, run } = useAction()

  const add = async () => {
    if (!form.validate()) return
    const closure = { date: form.values.date.trim(), start: form.values.start.trim(), end: form.values.end.trim(), reason: form.values.reason.trim() }
    const confirmed = await confirmAction({
      title: '添加闭厅安排',
      content: `${closure.date} ${closure.start}–${closure.end} 内已有的预约将全部取消，并通知预约的市民（原因：${closure.reason}）。确定添加吗？`,
      confirmText: '确定添加',
    })
    if (!confirmed) return
    await run(async () => {
      const { cancelled } = await addClosure(hallId, closure)
      void tellUser('已添加闭厅安排', cancelled ? `已取消${cancelled}个受影响的预约，并已通知市民` : '该时间段没有预约')
      form.set({ date: '', reason: '' })
      onChanged()
    })
  }

  const remove = async (id: string) => {
    const confirmed = await confirmAction({
      title: '撤销闭厅安排',
      content: '撤销后该时间段恢复可预约（已取消的预约不会恢复）',
      confirmText: '撤销',
      cancelText: '取消',
    })
    if (!confirmed) return
    await run(async () => {
      await removeClosure(hallId, id)
      onChanged()
    })
  }

  return (
    <View className='card'>
      <Text className='section-title'>闭厅安排</Text>
      <Text className='muted'>节假日按国务院安排自动处理；培训、检修等临时闭厅在此添加，时间内的预约将自动取消并通知市民。</Text>
      {data.closures.length === 0 ? <PageState kind='empty' title='暂无闭厅安排' inline /> : null}
      {data.closures.map((c) => (
        <View key={c.id} className='staff-appt__row'>
          <Text className='staff-appt__row-text'>
            {c.date} {c.start}–{c.end} {c.reason}
          </Text>
          <ActionButton variant='plain' onClick={() => void remove(c.id)}>
            撤销
          </ActionButton>
        </View>
      ))}
      <FormField label='闭厅日期' placeholder='如 2026-12-31' maxlength={10} {...form.field('date')} />
      <FormField label='开始时间' placeholder='如 09:00' maxlength={5} {...form.field('start')} />
      <FormField label='结束时间' placeholder='如 12:00' maxlength={5} {...form.field('end')} />
      <FormField label='原因（市民可见）' placeholder='如：业务培训' maxlength={60} {...form.field('reason')} />
      <AlertLine className='staff-appt__error' message={error} />
      <View className='staff-appt__gap'>
        <ActionButton block variant='ghost' disabled={busy} onClick={() => void add()}>
          添加闭厅安排
        </ActionButton>
      </View>
    </View>
  )
}
