import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import type { CaseDetail } from '@/services/review'
import { openPage, withQuery } from '@/routes'
import { SERVICES } from '@/pages/index/services'

/** After approval: book a slot or take a number at the case's hall for its item. */
export function NextSteps({ detail }: { detail: CaseDetail }) {
  const go = (key: 'appointment' | 'queue') => {
    const service = SERVICES.find((s) => s.key === key)
    if (!service?.ready) return void Taro.showToast({ title: `${service?.title ?? '该服务'}即将开放`, icon: 'none' })
    void openPage(withQuery(service.path, { hallId: detail.hallId, itemId: detail.itemId }))
  }
  return (
    <View className='card rv__next'>
      <Text className='section-title'>下一步</Text>
      <Text className='rv__hint'>
        预审已通过，请携带材料原件到{detail.hallName}办理，出示办件编号 {detail.caseNumber}，一次办结。
      </Text>
      <View className='rv__buttons'>
        <ActionButton onClick={() => go('appointment')}>预约办理</ActionButton>
        <ActionButton variant='ghost' onClick={() => go('queue')}>
          网上取号
        </ActionButton>
      </View>
    </View>
  )
}
