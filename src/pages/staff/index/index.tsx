import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { asButton } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { listHalls } from '@/services/catalog'
import { getMe, type StaffRole } from '@/services/me'
import { useSession } from '@/stores/session'
import { currentPageUrl, goToLogin, openPage, withQuery } from '@/routes'
import { entriesAt } from '../entries'
import './index.scss'

const ROLE_LABELS: Record<StaffRole, string> = { staff: '窗口人员', reviewer: '预审人员', clerk: '发证人员', admin: '管理员' }

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
  if (!me?.staff.length) return <PageState kind='error' title='仅限工作人员使用' message='您的账号没有服务中心工作人员身份' />
  const hallName = (id: string) => (halls.resource.status === 'ready' ? halls.resource.data.find((h) => h.id === id)?.name : undefined) ?? id
  const hallIds = [...new Set(me.staff.map((a) => a.hallId))]
  return (
    <View className='workbench'>
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
