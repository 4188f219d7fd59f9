import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView } from '@/components/page-state'
import { FieldProblem, numberIn, useForm } from '@/hooks/use-form'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { createWindow, getHallAdmin, updateWindow, type HallAdmin, type WindowAdmin } from '@/services/admin'
import { useSession } from '@/stores/session'
import { decodeParam } from '@/routes'
import { backToHall, useAdminHallId } from '../admin-hall'
import { HistoryLink } from '../history-link'
import { WINDOW_TITLES } from '../labels'
import '../admin.scss'
import { AdminSignInFirst, NoAdminHall } from '../admin-gate'

/** 窗口: a new one (with its number), or the settings of window `number`. Pausing is on the hall page. */
export default function AdminWindowPage() {
  const token = useSession((s) => s.token)
  const hallId = useAdminHallId()
  const number = decodeParam(useRouter().params.number)
  const hall = useResource(token && hallId, () => getHallAdmin(hallId!))
  const root = useReadingRoot('admin')
  if (!token) return <AdminSignInFirst />
  if (!hallId) return <NoAdminHall />
  return (
    <View {...root}>
      <ResourceView of={hall}>
        {(data) => {
          const window = number ? data.windows.find((w) => String(w.number) === number) : undefined
          if (number && !window) return <PageState kind='error' title='窗口不存在' message={`本中心没有 ${number} 号窗口`} />
          return (
            <View>
              <View className='admin__head'>
                <Text className='admin__title'>{window ? `${window.number}号窗口 ${window.name}` : '新建窗口'}</Text>
                <Text className='admin__sub'>
                  {data.name}
                  {window?.paused ? ' · 暂停服务中' : ''}
                </Text>
              </View>
              {data.categories.length === 0 ? (
                <PageState kind='empty' title='尚无排队类别' message='窗口办理排队类别，请先新建排队类别' />
              ) : (
                <WindowForm hall={data} window={window ?? null} />
              )}
              {window ? <HistoryLink hallId={hallId} target={`hall_window:${window.id}`} /> : null}
            </View>
          )
        }}
      </ResourceView>
    </View>
  )
}

function WindowForm({ hall, window }: { hall: HallAdmin; window: WindowAdmin | null }) {
  // The chosen categories live in `codes`; the form keeps their error (a refusal naming 办理类别 lands there too).
  const form = useForm(WINDOW_TITLES, { number: window ? String(window.number) : '', name: window?.name ?? '', categoryCodes: '' })
  const [codes, setCodes] = useState<string[]>(window?.categoryCodes ?? [])
  const [priority, setPriority] = useState(window?.priority ?? false)
  const toggleCode = (code: string) => {
    form.set('categoryCodes', '')
    setCodes(codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code].sort())
  }
  const save = () =>
    form.submit(
      (values) => {
        if (codes.length === 0) throw new FieldProblem('categoryCodes', '请至少选择一个办理类别')
        return { number: window ? window.number : numberIn(values, WINDOW_TITLES, 'number'), name: values.name.trim(), categoryCodes: codes, priority }
      },
      async ({ number, ...settings }, action) => {
        if (window) await updateWindow(hall.id, number, settings)
        else await createWindow(hall.id, { number, ...settings }, action)
        void Taro.showToast({ title: window ? '已保存' : '已新建', icon: 'success' })
        await backToHall(hall.id)
      },
    )
  return (
    <View className='card'>
      {window ? null : <FormField {...form.field('number')} maxlength={3} keyboard='number' placeholder='如 1' />}
      <FormField {...form.field('name')} maxlength={20} placeholder='如 综合窗口' />
      <Text className='admin__label'>办理类别</Text>
      <View className='admin__choices' {...asRole('group', '办理类别')}>
        {hall.categories.map((c) => (
          <View
            key={c.code}
            className={`admin__choice${codes.includes(c.code) ? ' admin__choice--active' : ''}`}
            onClick={() => toggleCode(c.code)}
            {...asChoice('checkbox', codes.includes(c.code))}
          >
            {c.code} {c.name}
          </View>
        ))}
      </View>
      <AlertLine className='admin__error' message={form.errors.categoryCodes} />
      <View className='admin__choices'>
        <View className={`admin__choice${priority ? ' admin__choice--active' : ''}`} onClick={() => setPriority(!priority)} {...asChoice('checkbox', priority)}>
          优先窗口（老年人等优先叫号）
        </View>
      </View>
      <AlertLine className='admin__error' message={form.error} />
      <View className='admin__gap'>
        <ActionButton block disabled={form.busy} onClick={() => void save()}>
          {form.busy ? '保存中…' : window ? '保存' : '新建窗口'}
        </ActionButton>
      </View>
    </View>
  )
}
