import { Text, View } from '@tarojs/components'
import { asRole } from '@/components/a11y'
import { formatInstant } from '@/components/review'
import type { CombinedNotice, ThemeApplication } from '@/services/theme'
import { THEME_ITEM_STATUS_LABEL } from '@/domain/theme'
import { shortDepartment } from './steps-picture'

type Item = ThemeApplication['items'][number]

/** An item's state as the applicant may know it: a department's 需补正 waits for the round's one combined notice. */
function itemState(item: Item): { text: string; tone: string } {
  if (item.status === 'reviewing' && item.decided) return { text: '已审查，待各部门意见汇总', tone: 'muted' }
  return { text: THEME_ITEM_STATUS_LABEL[item.status], tone: item.status === 'approved' ? 'ok' : item.status === 'needs_fix' ? 'warn' : 'muted' }
}

/** Progress per item (who reviews it, its state) and for the whole application. */
export function ItemProgress({ application: a, actions }: { application: ThemeApplication; actions?: (item: Item) => JSX.Element | null }) {
  const percent = Math.round((a.progress.approved / Math.max(a.progress.total, 1)) * 100)
  return (
    <View className='card'>
      <Text className='section-title'>办理进度</Text>
      <Text className='theme__line' {...asRole('status')}>
        已通过{a.progress.approved}/{a.progress.total}个事项
        {a.status === 'reviewing' ? `；本轮${a.progress.decidedThisRound}/${a.progress.inRound}个事项已审查` : ''}
      </Text>
      <View
        className='theme__progress'
        {...(process.env.TARO_ENV === 'h5' ? { role: 'progressbar', 'aria-valuenow': percent, 'aria-label': '已通过事项比例' } : {})}
      >
        <View className='theme__progress-bar' style={{ width: `${percent}%` }} />
      </View>
      {a.items.map((item) => {
        const state = itemState(item)
        return (
          <View key={item.itemId} className='theme__item'>
            <View className='theme__split'>
              <Text className='theme__row-title'>{item.itemName}</Text>
              <Text className={`rv__tag rv__tag--${state.tone}`}>{state.text}</Text>
            </View>
            <Text className='muted theme__line'>
              {shortDepartment(item.department)}审查 · 承诺{item.promisedDays}个工作日 · {item.caseNumber}
            </Text>
            {actions?.(item) ?? null}
          </View>
        )
      })}
    </View>
  )
}

/** The round's one 一次性告知书: every department's problems at once. */
export function CombinedNoticeCard({ notice }: { notice: CombinedNotice }) {
  const departments = new Set(notice.entries.flatMap((e) => e.problems.map((p) => p.department)))
  return (
    <View className='card theme__notice' {...asRole('region', '一次性告知书')}>
      <Text className='section-title'>一次性告知书</Text>
      <Text className='theme__line'>
        {departments.size}个部门的意见已合并告知（第{notice.round}轮，{formatInstant(notice.issuedAt)}），请在{notice.dueDate}前一并补正：
      </Text>
      {notice.entries.map((entry) => (
        <View key={entry.materialName} className='theme__notice-entry'>
          <Text className='theme__material-name'>{entry.materialName}</Text>
          {entry.problems.map((p) => (
            <Text key={`${p.department}${p.problem}`} className='theme__problem'>
              {shortDepartment(p.department)}（{p.itemName}）：{p.problem}
            </Text>
          ))}
          <Text className='muted theme__line'>要求：{entry.requirement}</Text>
        </View>
      ))}
      <Text className='theme__line'>{notice.how}</Text>
      <Text className='muted theme__line'>{notice.consequence}</Text>
    </View>
  )
}
