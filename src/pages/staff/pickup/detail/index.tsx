import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { AuthorizationHistory, AuthorizationTextView } from '@/components/authorization'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { parseEmsNumber } from '@/domain/ems'
import { chineseDate } from '@/domain/pickup-authorization'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { getClerkAuthorization, markCollected, recordDeliveryEvent, recordShipment, type ClerkAuthorization } from '@/services/pickup'
import { decodeParam, openPage } from '@/routes'
import { PICKUP_PAGES } from '@/pages/pickup/routes'
import { refusalModal, useAction } from '@/hooks/use-action'
import { useCheckedForm } from '@/hooks/use-form'
import '../index.scss'

/** One authorization at the hall: what goes on the waybill, the EMS number and events, or the agent hand-over. */
export default function StaffPickupDetailPage() {
  const id = decodeParam(useRouter().params.id)
  const authorization = useResource(id ?? null, () => getClerkAuthorization(id!))
  useReloadOnReturn(authorization)
  if (!id) return <PageState kind='error' title='缺少委托书编号' />
  return (
    <View className='staff-pickup'>
      <ResourceView of={authorization}>{(a) => <Detail authorization={a} onChange={authorization.replace} />}</ResourceView>
    </View>
  )
}

function Detail({ authorization: a, onChange }: { authorization: ClerkAuthorization; onChange: (next: ClerkAuthorization) => void }) {
  const action = useAction()
  const busy = action.busy
  const run = (work: () => Promise<ClerkAuthorization>, done: string) =>
    action.run(async () => {
      onChange(await work())
      void Taro.showToast({ title: done, icon: 'none' })
    }, refusalModal('操作未成功'))
  const doc = a.document
  return (
    <View>
      <View className='card'>
        <Text className='section-title'>
          {a.statusLabel} · {a.method === 'ems' ? 'EMS寄递' : '委托代领'}
        </Text>
        <View className='staff-pickup__facts'>
          <Text className='staff-pickup__fact'>委托书编号：{a.number}</Text>
          <Text className='staff-pickup__fact'>
            证照：{doc.licenceName}（{doc.licenceCopies}）
          </Text>
          <Text className='staff-pickup__fact'>办件编号：{doc.caseNumber}</Text>
          <Text className='staff-pickup__fact'>
            委托人：{doc.principal.name} {doc.principal.idNumberMasked}
          </Text>
          <Text className='staff-pickup__fact'>有效期至：{chineseDate(a.validUntil)}</Text>
        </View>
        {a.shipping ? (
          <View className='staff-pickup__facts' {...asRole('group', '面单信息')}>
            <Text className='section-title'>面单信息</Text>
            <Text className='staff-pickup__fact'>收件人：{a.shipping.recipient}</Text>
            <Text className='staff-pickup__fact'>电话：{a.shipping.phone}</Text>
            <Text className='staff-pickup__fact'>地址：{a.shipping.address}</Text>
            {a.emsNumber ? <Text className='staff-pickup__fact'>EMS单号：{a.emsNumber}</Text> : null}
          </View>
        ) : null}
        {doc.method.kind === 'agent' ? (
          <View className='staff-pickup__facts'>
            <Text className='section-title'>代领人</Text>
            <Text className='staff-pickup__fact'>
              {doc.method.name} {doc.method.idNumberMasked}
            </Text>
            <Text className='staff-pickup__fact'>身份核验：{a.agentVerified ? '已核验' : '未核验'}</Text>
          </View>
        ) : null}
      </View>

      <Actions authorization={a} busy={busy} run={run} />

      <AuthorizationHistory authorization={a}>
        <AuthorizationTextView document={doc} />
      </AuthorizationHistory>
    </View>
  )
}

type Run = (action: () => Promise<ClerkAuthorization>, done: string) => Promise<void>

function Actions({ authorization: a, busy, run }: { authorization: ClerkAuthorization; busy: boolean; run: Run }) {
  const form = useCheckedForm({ ems: '', note: '' }, (values) => {
    const parsed = parseEmsNumber(values.ems)
    return { ems: parsed.ok ? undefined : parsed.message, note: values.note.trim() ? undefined : '请填写进度说明' }
  })
  const note = form.values.note

  if (a.status === 'awaiting_shipment') {
    const ship = () => {
      const parsed = parseEmsNumber(form.values.ems)
      if (form.validate(['ems']) && parsed.ok) void run(() => recordShipment(a.id, parsed.value), '已登记寄出')
    }
    return (
      <View className='card'>
        <Text className='section-title'>EMS寄出登记</Text>
        <FormField label='EMS单号' placeholder='13位，如 EA123456785CN' maxlength={20} {...form.field('ems')} onConfirm={ship} />
        <ActionButton block onClick={ship} disabled={busy}>
          登记寄出
        </ActionButton>
      </View>
    )
  }
  if (a.status === 'shipped') {
    return (
      <View className='card'>
        <Text className='section-title'>寄递进度</Text>
        <FormField label='进度说明' placeholder='如：已到达成都邮件处理中心' maxlength={60} {...form.field('note')} />
        <View className='staff-pickup__actions'>
          <ActionButton
            variant='ghost'
            block
            onClick={() => {
              if (form.validate(['note'])) void run(() => recordDeliveryEvent(a.id, 'transit', note.trim()), '已登记进度').then(form.reset)
            }}
            disabled={busy}
          >
            登记进度
          </ActionButton>
          <ActionButton block onClick={() => void run(() => recordDeliveryEvent(a.id, 'delivered', note.trim() || undefined), '已登记签收')} disabled={busy}>
            收件人已签收
          </ActionButton>
        </View>
      </View>
    )
  }
  if (a.status === 'awaiting_pickup') {
    return (
      <View className='card'>
        <Text className='section-title'>窗口发证</Text>
        {a.agentVerified ? (
          <ActionButton block onClick={() => void run(() => markCollected(a.id), '已发证')} disabled={busy}>
            代领人已领取，确认发证
          </ActionButton>
        ) : (
          <ActionButton block onClick={() => void openPage(PICKUP_PAGES.staffAgentCheck)}>
            扫取件码并核验代领人身份证
          </ActionButton>
        )}
      </View>
    )
  }
  return null
}
