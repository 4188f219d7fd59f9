import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/action-button'
import { formatInstant } from '@/components/review'
import { withdrawCase, type CaseDetail } from '@/services/review'
import { CASE_STATUS_LABEL } from '@/domain/review'
import { useAction } from '@/hooks/use-action'
import { confirmAction } from '@/components/modal'

/** Withdraw the case, after a confirmation. */
export function WithdrawSection({ detail, replace }: { detail: CaseDetail; replace: (next: CaseDetail) => void }) {
  const { busy, run } = useAction({ toast: true })
  const withdraw = async () => {
    const confirmed = await confirmAction({
      title: '撤回办件',
      content: '撤回后本办件不再处理，如需办理须重新申报。确定撤回？',
      confirmText: '撤回',
      destructive: true,
    })
    if (!confirmed) return
    await run(async () => {
      replace(await withdrawCase(detail.id))
    })
  }
  return (
    <View className='rv__footer'>
      <ActionButton variant='danger' block disabled={busy} onClick={() => void withdraw()}>
        撤回办件
      </ActionButton>
    </View>
  )
}

/** Every status change of the case, newest first. */
export function HistorySection({ detail }: { detail: CaseDetail }) {
  const actor = { applicant: '申请人', reviewer: '预审人员', system: '系统' }
  return (
    <View className='card'>
      <Text className='section-title'>办理记录</Text>
      {[...detail.history].reverse().map((entry, index) => (
        <View key={index} className='rv__history'>
          <Text className='rv__history-title'>
            {CASE_STATUS_LABEL[entry.toStatus]}
            {entry.note ? ` · ${entry.note}` : ''}
          </Text>
          <Text className='muted rv__line'>
            {formatInstant(entry.at)} · {actor[entry.actor]}
          </Text>
        </View>
      ))}
    </View>
  )
}
