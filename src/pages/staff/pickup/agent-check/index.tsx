import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { asRole } from '@/components/a11y'
import { parseIdCard } from '@/domain/id-card'
import { shanghaiDate } from '@/domain/time'
import { checkAgent, markCollected, type ClerkAuthorization } from '@/services/pickup'
import { serverNow } from '@/services/server-time'
import { openPage } from '@/routes'
import { PICKUP_PAGES } from '@/pages/pickup/routes'
import { refusalModal, useAction } from '@/hooks/use-action'
import { useCheckedForm } from '@/hooks/use-form'
import '../index.scss'

/**
 * At the window: the agent shows the principal's pickup code and their own ID card. The code is
 * scanned (weapp camera, or a handheld scanner typing into the field on a hall PC) and the ID number
 * typed from the card; the BFF compares it with the one signed for.
 */
export default function AgentCheckPage() {
  const form = useCheckedForm({ code: '', idNumber: '' }, (values) => {
    const parsed = parseIdCard(values.idNumber, shanghaiDate(serverNow()))
    return { code: values.code.trim() ? undefined : '请扫描或粘贴取件码', idNumber: parsed.ok ? undefined : parsed.message }
  })
  const { busy, run } = useAction()
  const [checked, setChecked] = useState<ClerkAuthorization | null>(null)

  const scan = async () => {
    try {
      const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      form.set({ code: result.result })
    } catch {
      // Cancelled scans leave the field as it was.
    }
  }

  const verify = async () => {
    const parsed = parseIdCard(form.values.idNumber, shanghaiDate(serverNow()))
    if (!form.validate() || !parsed.ok) return
    await run(async () => setChecked(await checkAgent(form.values.code.trim(), parsed.value.normalized)), refusalModal('核验未通过'))
  }

  const collect = async () => {
    if (!checked) return
    await run(async () => {
      setChecked(await markCollected(checked.id))
      void Taro.showToast({ title: '已发证', icon: 'success' })
    }, refusalModal('发证未成功'))
  }

  const restart = () => {
    setChecked(null)
    form.reset()
  }

  if (checked) {
    const doc = checked.document
    const collected = checked.status === 'collected'
    return (
      <View className='staff-pickup'>
        <View className='card'>
          <Text className='staff-pickup__result' {...asRole('status')}>
            {collected ? '已发证，委托办结' : '核验通过：代领人与委托书一致'}
          </Text>
          <Text className='staff-pickup__fact'>委托书编号：{checked.number}</Text>
          <Text className='staff-pickup__fact'>
            证照：{doc.licenceName}（{doc.licenceCopies}）
          </Text>
          <Text className='staff-pickup__fact'>办件编号：{doc.caseNumber}</Text>
          {doc.method.kind === 'agent' ? (
            <Text className='staff-pickup__fact'>
              代领人：{doc.method.name} {doc.method.idNumberMasked}
            </Text>
          ) : null}
        </View>
        <View className='card staff-pickup__actions'>
          {collected ? null : (
            <ActionButton block onClick={() => void collect()} disabled={busy}>
              代领人已领取，确认发证
            </ActionButton>
          )}
          <ActionButton variant='ghost' block onClick={() => void openPage(PICKUP_PAGES.staffDetail(checked.id))}>
            查看委托详情
          </ActionButton>
          <ActionButton variant='plain' block onClick={restart}>
            核验下一位
          </ActionButton>
        </View>
      </View>
    )
  }

  return (
    <View className='staff-pickup'>
      <View className='card'>
        <Text className='section-title'>第一步：取件码</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <ActionButton block onClick={() => void scan()}>
            扫描取件码
          </ActionButton>
        ) : null}
        <FormField label='取件码' placeholder='扫码枪扫描，或粘贴取件码' maxlength={200} {...form.field('code')} />
      </View>
      <View className='card'>
        <Text className='section-title'>第二步：代领人身份证</Text>
        <FormField
          label='代领人身份证号'
          keyboard='idcard'
          placeholder='18位身份证号码'
          maxlength={18}
          {...form.field('idNumber')}
          onConfirm={() => void verify()}
        />
        <ActionButton block onClick={() => void verify()} disabled={busy}>
          {busy ? '核验中…' : '核验'}
        </ActionButton>
      </View>
    </View>
  )
}
