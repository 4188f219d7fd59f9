import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { ResourceView } from '@/components/page-state'
import { useResource } from '@/hooks/use-resource'
import { LEGAL_DOCUMENTS, LEGAL_DOCUMENT_KEYS, type LegalDocument } from '@/domain/legal'
import { getRetentionTable } from '@/services/legal'
import { LEGAL_TEXTS, type LegalSection } from './content'
import './index.scss'

const documentOf = (param: string | undefined): LegalDocument => LEGAL_DOCUMENT_KEYS.find((key) => key === param) ?? 'privacy'

/** 《用户服务协议》, 《隐私政策》 or the ID-number processing rules, in their current version (`?doc=`). */
export default function LegalPage() {
  const document = documentOf(useRouter().params.doc)
  const { title, version } = LEGAL_DOCUMENTS[document]
  const text = LEGAL_TEXTS[document]
  useEffect(() => void Taro.setNavigationBarTitle({ title: title.replace(/[《》]/g, '') }), [title])
  return (
    <View className='legal'>
      <View className='legal__head'>
        <Text className='legal__title'>{title}</Text>
        <Text className='legal__meta'>{`版本 ${version}　${text.effective}起施行`}</Text>
      </View>
      <View className='card'>
        <Text className='legal__para'>{text.intro}</Text>
        {text.sections.map((section) => (
          <Section key={section.heading} section={section} />
        ))}
      </View>
    </View>
  )
}

function Section({ section }: { section: LegalSection }) {
  return (
    <View className='legal__section'>
      <Text className='section-title'>{section.heading}</Text>
      {section.paragraphs.map((p) => (
        <Text key={p} className='legal__para'>
          {p}
        </Text>
      ))}
      {section.retentionTable ? <RetentionTable /> : null}
    </View>
  )
}

/** The BFF's retention table (retention_policies): what the policy promises is what the retention job does. */
function RetentionTable() {
  const table = useResource('retention', getRetentionTable)
  return (
    <ResourceView of={table} inline>
      {(data) => (
        <View className='legal__table'>
          {data.retention.map((r) => (
            <View key={r.kind} className='legal__row'>
              <Text className='legal__kind'>{r.label}</Text>
              <Text className='legal__cell'>{r.action === 'delete' ? `保存期限：${r.period}，期满删除` : `保存期限：${r.period}`}</Text>
              <Text className='legal__cell'>依据：{r.legalBasis}</Text>
            </View>
          ))}
        </View>
      )}
    </ResourceView>
  )
}
