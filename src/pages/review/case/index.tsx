import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { PrivacySheet } from '@/components/privacy-sheet'
import { PageState, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { NoticeCard, CaseBanner, formatSize } from '@/components/review'
import { useResource } from '@/hooks/use-resource'
import { getCase, type CaseDetail } from '@/services/review'
import { canApply } from '@/domain/review'
import { decodeParam } from '@/routes'
import { statusHint } from './status-hint'
import { NextSteps } from './next-steps'
import { MaterialCard } from '@/components/review/material-card'
import { SubmitSection } from './submit-section'
import { HistorySection, WithdrawSection } from './history'
import '../review.scss'

export default function ReviewCasePage() {
  const id = decodeParam(useRouter().params.id)
  const detail = useResource(id ?? null, () => getCase(id!))
  const shown = useRef(false)
  // Back from a viewer or another page: refresh quietly (a decision may have arrived).
  useDidShow(() => {
    if (shown.current && id) detail.reload(true)
    shown.current = true
  })
  if (!id) return <PageState kind='error' title='未找到该办件' message='链接缺少办件编号，请从“我的办件”进入' />
  return (
    <View className='rv'>
      <ResourceView of={detail}>{(c) => <CaseView detail={c} reload={() => detail.reload(true)} replace={detail.replace} />}</ResourceView>
      <PrivacySheet />
    </View>
  )
}

interface CaseViewProps {
  detail: CaseDetail
  reload: () => void
  replace: (next: CaseDetail) => void
}

function CaseView({ detail, reload, replace }: CaseViewProps) {
  const editing = detail.materials.some((m) => m.editable)
  return (
    <View>
      <CaseBanner detail={detail}>
        <Text className='rv__subtitle'>
          办件编号 {detail.caseNumber} · {detail.hallName}
        </Text>
      </CaseBanner>
      <View className='card'>
        <Text className='rv__hint' {...asRole('status')}>
          {statusHint(detail)}
        </Text>
      </View>
      {detail.notice ? <NoticeCard notice={detail.notice} /> : null}
      {detail.status === 'approved' ? <NextSteps detail={detail} /> : null}

      <View className='card'>
        <View className='rv__row-between'>
          <Text className='section-title'>申请材料</Text>
          <Text className='muted'>
            已用 {formatSize(detail.usedBytes)} / {formatSize(detail.limits.perCaseBytes)}
          </Text>
        </View>
        {detail.materials.map((material) => (
          <MaterialCard key={material.code} detail={detail} material={material} reload={reload} />
        ))}
      </View>

      {canApply('submit', detail.status) ? <SubmitSection detail={detail} replace={replace} editing={editing} /> : null}
      {canApply('withdraw', detail.status) ? <WithdrawSection detail={detail} replace={replace} /> : null}
      <HistorySection detail={detail} />
    </View>
  )
}
