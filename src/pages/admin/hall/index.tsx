import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { asButton } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { PageState, ResourceView } from '@/components/page-state'
import { pageLink } from '@/domain/page-routes'
import { refusalModal, useAction } from '@/hooks/use-action'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { getHallAdmin, listManagedHalls, setWindowPaused, updateHall, type HallAdmin, type WindowAdmin } from '@/services/admin'
import { useSession } from '@/stores/session'
import { openPage } from '@/routes'
import { useAdminHallId } from '../admin-hall'
import { HallForm } from '../hall-form'
import { HistoryLink } from '../history-link'
import '../admin.scss'
import { confirmAction } from '@/components/modal'
import { AdminSignInFirst, NoAdminHall } from '../admin-gate'

/** 服务中心设置: the hall's settings, its queue categories and windows (暂停服务 / 恢复), and the ways to its staff and history. */
export default function AdminHallPage() {
  const token = useSession((s) => s.token)
  const platform = useSession((s) => s.me?.platformAdmin ?? false)
  const hallId = useAdminHallId()
  const hall = useResource(token && hallId, () => getHallAdmin(hallId!))
  const halls = useResource(token && platform ? 'halls' : null, listManagedHalls)
  const root = useReadingRoot('admin')
  // Back from a category or window page: show what was saved there, without a spinner.
  useReloadOnReturn(hall)
  if (!token) return <AdminSignInFirst />
  if (!hallId) return <NoAdminHall />
  return (
    <View {...root}>
      <ResourceView of={hall}>
        {(data) => (
          <View>
            <View className='admin__head'>
              <Text className='admin__title'>{data.name}</Text>
              <Text className='admin__sub'>
                {data.openTime}–{data.closeTime} · {data.categories.length} 个排队类别 · {data.windows.length} 个窗口
              </Text>
            </View>
            <View className='card'>
              <View className='admin__actions'>
                <ActionButton variant='ghost' onClick={() => void openPage(pageLink('adminStaff', { hallId }))}>
                  工作人员
                </ActionButton>
                <ActionButton variant='ghost' onClick={() => void openPage(pageLink('adminHistory', { hallId }))}>
                  操作记录
                </ActionButton>
                <ActionButton variant='ghost' onClick={() => void openPage(pageLink('adminHalls'))}>
                  全部服务中心
                </ActionButton>
              </View>
            </View>
            <Categories hall={data} />
            <Windows hall={data} onChanged={hall.replace} />
            <HallForm
              key={JSON.stringify(data)}
              hall={data}
              halls={halls.resource.status === 'ready' ? halls.resource.data : []}
              platform={platform}
              submitText='保存服务中心设置'
              onSubmit={async ({ id: _id, ...settings }) => {
                hall.replace(await updateHall(hallId, settings))
                void Taro.showToast({ title: '已保存', icon: 'success' })
              }}
            />
            <HistoryLink hallId={hallId} target={`hall:${hallId}`} text='服务中心设置的修改记录' />
          </View>
        )}
      </ResourceView>
    </View>
  )
}

function Categories({ hall }: { hall: HallAdmin }) {
  return (
    <View className='card'>
      <Text className='section-title'>排队类别</Text>
      {hall.categories.length === 0 ? <PageState kind='empty' inline title='尚无排队类别' message='新建类别后市民即可在本中心取号' /> : null}
      {hall.categories.map((c) => (
        <View key={c.code} className='admin__row' onClick={() => void openPage(pageLink('adminCategory', { hallId: hall.id, code: c.code }))} {...asButton()}>
          <View className='admin__row-main'>
            <Text className='admin__row-title'>
              {c.code} {c.name}
            </Text>
            <Text className='muted'>
              每日 {c.dailyQuota} 个号 · 每人每日 {c.perPersonDailyCap} 次 · 约 {c.avgHandleMinutes} 分钟/人
              {c.elderlyPriorityAge ? ` · ${c.elderlyPriorityAge} 岁以上优先` : ''}
            </Text>
          </View>
          <Text className='admin__link'>修改</Text>
        </View>
      ))}
      <View className='admin__gap'>
        <ActionButton block variant='ghost' onClick={() => void openPage(pageLink('adminCategory', { hallId: hall.id }))}>
          新建排队类别
        </ActionButton>
      </View>
    </View>
  )
}

function Windows({ hall, onChanged }: { hall: HallAdmin; onChanged: (next: HallAdmin) => void }) {
  const { busy, run } = useAction()
  const toggle = async (window: WindowAdmin) => {
    const pausing = !window.paused
    const confirmed = await confirmAction({
      title: pausing ? `${window.number}号窗口暂停服务` : `${window.number}号窗口恢复服务`,
      content: pausing ? '暂停后该窗口不能叫号，也不计入市民看到的等候时间估算。确定暂停服务？' : '恢复后该窗口即可叫号，并重新计入等候时间估算。确定恢复？',
      confirmText: pausing ? '暂停服务' : '恢复',
      cancelText: '取消',
      destructive: pausing,
    })
    if (!confirmed) return
    await run(async (action) => onChanged(await setWindowPaused(hall.id, window.number, pausing, action)), refusalModal('操作未完成'))
  }
  return (
    <View className='card'>
      <Text className='section-title'>窗口</Text>
      {hall.windows.length === 0 ? <PageState kind='empty' inline title='尚无窗口' message='请先新建排队类别，再新建办理这些类别的窗口' /> : null}
      {hall.windows.map((w) => (
        <View key={w.number} className='admin__row'>
          <View
            className='admin__row-main'
            onClick={() => void openPage(pageLink('adminWindow', { hallId: hall.id, number: String(w.number) }))}
            {...asButton()}
          >
            <Text className='admin__row-title'>
              {w.number}号窗口 {w.name}
            </Text>
            <Text className='muted'>
              办理 {w.categoryCodes.join('、')}
              {w.priority ? ' · 优先窗口' : ''} · 点此修改
            </Text>
          </View>
          <View className='admin__row-side'>
            <Text className={`admin__badge${w.paused ? ' admin__badge--off' : ''}`}>{w.paused ? '暂停服务' : '服务中'}</Text>
            <ActionButton variant={w.paused ? 'primary' : 'ghost'} disabled={busy} onClick={() => void toggle(w)}>
              {w.paused ? '恢复' : '暂停服务'}
            </ActionButton>
          </View>
        </View>
      ))}
      <View className='admin__gap'>
        <ActionButton block variant='ghost' disabled={hall.categories.length === 0} onClick={() => void openPage(pageLink('adminWindow', { hallId: hall.id }))}>
          新建窗口
        </ActionButton>
      </View>
    </View>
  )
}
