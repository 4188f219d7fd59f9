import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { listHalls } from '@/services/catalog'
import { getMe } from '@/services/me'
import { useSession } from '@/stores/session'
import { currentPageUrl, goToLogin, openPage, withQuery } from '@/routes'
import { PAGE_PATHS } from '@/domain/page-routes'
import { ROLE_LABELS, entriesAt } from '../entries'
import './index.scss'

/** 工作台: the staff member's tools, grouped by hall. */
export default function WorkbenchPage() {
  const token = useSession((s) => s.token)
  const me = useSession((s) => s.me)
  const setMe = useSession((s) => s.setMe)
  const halls = useResource('halls', listHalls)
  // Roles change at the hall, not in the app: read them afresh each time the workbench opens.
  useEffect(() => {
    if (token) getMe().then(setMe, () => undefined)
  }, [token, setMe])

  if (!token) return <PageState kind='empty' title='请先登录' actionText='去登录' onAction={() => void goToLogin(currentPageUrl())} />
  if (!me?.staff.length && !me?.platformAdmin) return <PageState kind='error' title='仅限工作人员使用' message='您的账号没有服务中心工作人员身份' />
  const hallName = (id: string) => (halls.resource.status === 'ready' ? halls.resource.data.find((h) => h.id === id)?.name : undefined) ?? id
  const hallIds = [...new Set(me.staff.map((a) => a.hallId))]
  return (
    <View className='workbench'>
      {me.platformAdmin ? (
        <View className='card'>
          <Text className='section-title'>平台管理</Text>
          <Text className='muted'>平台管理员</Text>
          <View className='workbench__entries'>
            <View className='workbench__entry' onClick={() => void openPage(PAGE_PATHS.adminHalls)} {...asButton()}>
              <Text className='workbench__entry-title'>服务中心管理</Text>
              <Text className='muted'>新建服务中心并设置管理员，管理任一服务中心</Text>
            </View>
          </View>
        </View>
      ) : null}
      {hallIds.map((hallId) => {
        const entries = entriesAt(me, hallId)
        const roles = me.staff.filter((a) => a.hallId === hallId)
        return (
          <View key={hallId} className='card'>
            <Text className='section-title'>{hallName(hallId)}</Text>
            <Text className='muted'>{roles.map((a) => ROLE_LABELS[a.role] + (a.windowId ? `（${a.windowId.split('-w')[1]}号窗口）` : '')).join('、')}</Text>
            {entries.length === 0 ? <PageState kind='empty' inline title='暂无可用的工具' /> : null}
            <View className='workbench__entries'>
              {entries.map((entry) => (
                <View key={entry.key} className='workbench__entry' onClick={() => void openPage(withQuery(entry.path, { hallId }))} {...asButton()}>
                  <Text className='workbench__entry-title'>{entry.title}</Text>
                  <Text className='muted'>{entry.desc}</Text>
                </View>
              ))}
            </View>
          </View>
        )
      })}
    </View>
  )
}
