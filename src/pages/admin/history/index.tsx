import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ResourceList } from '@/components/page-state'
import { formatInstant } from '@/components/review'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { getHistory, type HistoryEntry } from '@/services/admin'
import type { StaffRole } from '@/services/me'
import { useSession } from '@/stores/session'
import { decodeParam } from '@/routes'
import { useAdminHallId } from '../admin-hall'
import { ACTION_LABELS, HISTORY_KEY_LABELS, ROLE_LABELS } from '../labels'
import '../admin.scss'
import { AdminSignInFirst, NoAdminHall } from '../admin-gate'

const TARGET_KINDS: Record<string, string> = { hall: '服务中心', queue_category: '排队类别', hall_window: '窗口', user: '工作人员' }

/** 操作记录: who changed what at the hall, when, before → after; `target` narrows it to one object. */
export default function AdminHistoryPage() {
  const token = useSession((s) => s.token)
  const hallId = useAdminHallId()
  const target = decodeParam(useRouter().params.target)
  const entries = useResource(token && hallId ? `${hallId}|${target ?? ''}` : null, () => getHistory(hallId!, target))
  const root = useReadingRoot('admin')
  if (!token) return <AdminSignInFirst />
  if (!hallId) return <NoAdminHall />
  return (
    <View {...root}>
      <View className='admin__head'>
        <Text className='admin__title'>操作记录</Text>
        <Text className='admin__sub'>
          {target ? `${TARGET_KINDS[target.split(':')[0]] ?? '对象'}的修改记录，新的在前` : '本中心全部管理操作，新的在前（最多 200 条）'}
        </Text>
      </View>
      <View className='card'>
        <ResourceList of={entries} emptyTitle='暂无记录' row={(entry) => <Entry key={`${entry.at}${entry.action}${entry.target}`} entry={entry} />} />
      </View>
    </View>
  )
}

/** A value as the history shows it. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) return value.map(shown).join('、')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** The keys whose values differ, each as `label：before → after` (a creation lists what it set). */
function changesOf(before: unknown, after: unknown): string[] {
  const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
  const b = asRecord(before)
  const a = asRecord(after)
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => `${HISTORY_KEY_LABELS[key] ?? key}：${before === null ? '' : `${shown(b[key])} → `}${shown(a[key])}`)
}

function Entry({ entry }: { entry: HistoryEntry }) {
  // An invitation's `before` is the roles the person already had at the hall.
  const changes = Array.isArray(entry.before)
    ? [`原岗位：${entry.before.map((r: { role?: StaffRole }) => (r.role ? ROLE_LABELS[r.role] : '')).join('、')}`, ...changesOf(null, entry.after)]
    : changesOf(entry.before, entry.after)
  return (
    <View className='admin__row'>
      <View className='admin__row-main'>
        <Text className='admin__row-title'>{ACTION_LABELS[entry.action] ?? entry.action}</Text>
        <Text className='muted'>
          {formatInstant(entry.at)} · {entry.actorNameMasked} · {TARGET_KINDS[entry.target.split(':')[0]] ?? ''} {entry.target.split(':').slice(1).join(':')}
        </Text>
        {changes.map((line) => (
          <Text key={line} className='admin__change'>
            {line}
          </Text>
        ))}
      </View>
    </View>
  )
}
