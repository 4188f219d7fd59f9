import { Text, View } from '@tarojs/components'
import { asRole } from '@/components/a11y'
import type { Severity } from '@/domain/enterprise-name/types'
import type { CheckFinding } from '@/services/name'
import { MATCH_STATUS_LABEL, SEVERITY_LABEL } from './labels'

/** Every finding with its severity, its legal source and, for collisions, the existing names matched. */
export function FindingList({ findings }: { findings: (CheckFinding & { severity: Severity })[] }) {
  return (
    <View className='name-findings' {...asRole('list', '检查结果')}>
      {findings.map((finding, i) => (
        <View key={i} className='name-findings__item' {...asRole('listitem')}>
          <View className='name-findings__head'>
            <Text className={`name-badge name-badge--${finding.severity}`}>{SEVERITY_LABEL[finding.severity]}</Text>
            <Text className='name-findings__rule'>{finding.rule}</Text>
          </View>
          <Text className='name-findings__message'>{finding.message}</Text>
          {finding.approval?.reference ? <Text className='name-findings__approval'>已填写批准文件：{finding.approval.reference}</Text> : null}
          {finding.matches?.length ? (
            <View className='name-findings__matches'>
              {finding.matches.map((match) => (
                <Text key={match.name} className='name-findings__match'>
                  {match.name}（{MATCH_STATUS_LABEL[match.status]}）
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
