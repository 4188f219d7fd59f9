import { Text, View } from '@tarojs/components'
import { asRole } from '../../../components/a11y'
import { ActionButton } from '../../../components/action-button'
import { PageState } from '../../../components/page-state'
import { useNameDraft } from '../../../stores/name'
import { CheckRow } from '../chip'
import { FindingList } from '../findings'
import { VERDICT_TEXT } from '../labels'

/** Step 3: the BFF's verdict with every finding; a rejection blocks, a warning needs the user's explicit consent. */
export function ResultStep() {
  const { result, riskConfirmed, setRiskConfirmed, goTo } = useNameDraft()
  if (!result) return <PageState kind='empty' title='尚未检查名称' actionText='返回拟定名称' onAction={() => goTo(2)} />
  const verdict = VERDICT_TEXT[result.verdict]
  const canContinue = result.verdict === 'accept' || (result.verdict === 'warn' && riskConfirmed)
  return (
    <View>
      <View className='card'>
        <Text className='name-composed'>{result.name}</Text>
        <Text className={`declare__verdict declare__verdict--${result.verdict}`} {...asRole('status', `检查结论：${verdict.title}`)}>
          {verdict.title}
        </Text>
        <Text className='muted declare__hint'>{verdict.hint}</Text>
      </View>
      {result.findings.length ? (
        <View className='card'>
          <Text className='section-title'>全部检查意见（{result.findings.length}）</Text>
          <FindingList findings={result.findings} />
        </View>
      ) : null}
      {result.verdict === 'warn' ? (
        <View className='card'>
          <CheckRow label='我已了解上述风险，如因名称近似侵犯他人权益，愿依法承担责任，仍申报该名称' checked={riskConfirmed} onToggle={setRiskConfirmed} />
        </View>
      ) : null}
      <View className='declare__actions'>
        {result.verdict === 'reject' ? null : (
          <ActionButton block disabled={!canContinue} onClick={() => goTo(4)}>
            下一步：承诺与保留
          </ActionButton>
        )}
        <ActionButton block variant={result.verdict === 'reject' ? 'primary' : 'ghost'} onClick={() => goTo(2)}>
          返回修改
        </ActionButton>
      </View>
    </View>
  )
}
