import { Text, View } from '@tarojs/components'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { PageState } from '@/components/page-state'
import { useNameDraft } from '@/stores/name'
import { CheckRow } from '../chip'
import { FindingList } from '../findings'
import { VERDICT_TEXT } from '../labels'
import { approvalFindings, readyToDeclare } from './gates'

/**
 * Step 3: the BFF's verdict with every finding, graded: 禁用 blocks, 限用 needs the approval document's title and
 * number, 提示 needs the user's explicit consent (the registrar then reviews it).
 */
export function ResultStep() {
  const { result, riskConfirmed, setRiskConfirmed, approvals, setApproval, goTo } = useNameDraft()
  if (!result) return <PageState kind='empty' title='尚未检查名称' actionText='返回拟定名称' onAction={() => goTo(2)} />
  const verdict = VERDICT_TEXT[result.verdict]
  const canContinue = readyToDeclare(result, riskConfirmed, approvals)
  const needed = result.verdict === 'reject' ? [] : approvalFindings(result)
  const warned = result.verdict !== 'reject' && result.findings.some((f) => f.severity === 'warn')
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
      {needed.length ? (
        <View className='card'>
          <Text className='section-title'>限用字词的批准文件</Text>
          {needed.map((finding) => (
            <FormField
              key={finding.approval!.key}
              label={`批准文件名称及文号：${finding.approval!.document}`}
              value={approvals[finding.approval!.key] ?? ''}
              maxlength={100}
              placeholder='如 川金监复〔2026〕18号'
              onInput={(reference) => setApproval(finding.approval!.key, reference)}
            />
          ))}
        </View>
      ) : null}
      {warned ? (
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
