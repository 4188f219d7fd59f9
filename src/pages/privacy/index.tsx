import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { PageState, ResourceView } from '@/components/page-state'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { PAGE_PATHS } from '@/domain/page-routes'
import { goToLogin } from '@/routes'
import { getPrivacyOverview, requestAccountDeletion, requestPrivacyExport, saveExport, type PrivacyExport, type PrivacyOverview } from '@/services/privacy'
import { useSession } from '@/stores/session'
import { Consents } from './consents'
import { afterDeletionRequest, when } from './deletion-notice'
import { PhoneChange } from './phone-change'
import './index.scss'
import { confirmAction } from '@/components/modal'

/** 我的 → 个人信息与隐私: what is held and for how long, a downloadable copy, corrections, 注销账号. */
export default function PrivacyPage() {
  const token = useSession((s) => s.token)
  const overview = useResource(token, getPrivacyOverview)
  if (!token) {
    return (
      <PageState
        kind='empty'
        title='请先登录'
        message='登录后查看平台持有的您的个人信息'
        actionText='去登录'
        onAction={() => void goToLogin(PAGE_PATHS.privacy)}
      />
    )
  }
  return (
    <View className='privacy'>
      <ResourceView resource={overview.resource} onRetry={() => overview.reload()}>
        {(data) => (
          <>
            <Holdings data={data} />
            <Copies data={data} onChanged={() => overview.reload(true)} />
            <PhoneChange />
            <Consents coolingOffDays={data.coolingOffDays} />
            <Deletion data={data} />
          </>
        )}
      </ResourceView>
    </View>
  )
}

function Holdings({ data }: { data: PrivacyOverview }) {
  return (
    <View className='card'>
      <Text className='section-title'>我们持有的您的信息</Text>
      {data.categories.map((c) => (
        <View key={c.key} className='privacy__row'>
          <View className='privacy__head'>
            <Text className='privacy__name'>{c.label}</Text>
            <Text className='privacy__count'>{c.count} 条</Text>
          </View>
          <Text className='muted'>来源：{c.source}</Text>
          <Text className='muted'>用途：{c.purpose}</Text>
          <Text className='muted'>保存期限：{c.retention}</Text>
        </View>
      ))}
    </View>
  )
}

const EXPORT_STATUS: Record<PrivacyExport['status'], string> = { pending: '生成中', ready: '可下载', failed: '生成失败' }

function Copies({ data, onChanged }: { data: PrivacyOverview; onChanged: () => void }) {
  const ask = useAction()
  const save = useAction({ toast: true })
  const pending = data.exports.some((e) => e.status === 'pending')
  return (
    <View className='card'>
      <Text className='section-title'>个人信息副本</Text>
      <Text className='privacy__line'>包含您的全部数据（JSON）以及上传的材料、签名和委托书PDF，后台打包为 zip，生成后限期下载，仅限本人。</Text>
      {data.exports.map((e) => (
        <View key={e.id} className='privacy__export'>
          <View className='privacy__head'>
            <Text>申请于 {when(e.requestedAt)}</Text>
            <Text className={`privacy__status privacy__status--${e.status}`}>{EXPORT_STATUS[e.status]}</Text>
          </View>
          {e.status === 'ready' && e.expiresAt && (
            <View className='privacy__head'>
              <Text className='muted'>下载截止 {when(e.expiresAt)}</Text>
              <ActionButton variant='ghost' disabled={save.busy} onClick={() => void save.run(() => saveExport(e.id))}>
                下载
              </ActionButton>
            </View>
          )}
        </View>
      ))}
      {ask.error && <Text className='privacy__error'>{ask.error}</Text>}
      <ActionButton
        block
        disabled={ask.busy || pending}
        onClick={() =>
          void ask.run(async (action) => {
            await requestPrivacyExport(action)
            void Taro.showToast({ title: '已申请，生成后可下载', icon: 'none' })
            onChanged()
          })
        }
      >
        {pending ? '副本生成中，请稍后刷新' : '申请导出副本'}
      </ActionButton>
    </View>
  )
}

function Deletion({ data }: { data: PrivacyOverview }) {
  const { busy, error, run } = useAction()
  const request = async () => {
    const confirmed = await confirmAction({
      title: '注销账号',
      content: `提交后将退出登录。${data.coolingOffDays}天冷静期内再次登录即撤销注销；期满后账号及个人信息将被删除，依法须保留的记录与账号脱离。确定注销吗？`,
      confirmText: '确定注销',
      destructive: true,
    })
    if (!confirmed) return
    await run(async (action) => afterDeletionRequest(await requestAccountDeletion(action)))
  }
  return (
    <View className='card'>
      <Text className='section-title'>注销账号</Text>
      {data.deletion?.status === 'cancelled' && data.deletion.cancelledAt && (
        <Text className='privacy__notice'>
          您于 {when(data.deletion.requestedAt)} 提交的注销申请已因再次登录于 {when(data.deletion.cancelledAt)} 撤销。
        </Text>
      )}
      <Text className='privacy__subtitle'>将删除</Text>
      {data.deletionPlan.deleted.map((item) => (
        <Text key={item} className='privacy__bullet'>
          · {item}
        </Text>
      ))}
      <Text className='privacy__subtitle'>依法须保留（与账号脱离、加密封存，仅工作人员凭事由查阅并留痕）</Text>
      {data.deletionPlan.kept.map((k) => (
        <View key={k.kind} className='privacy__kept'>
          <Text className='privacy__name'>{k.label}</Text>
          <Text className='muted'>{k.period}</Text>
          <Text className='muted'>依据：{k.legalBasis}</Text>
        </View>
      ))}
      <Text className='privacy__line'>提交后有 {data.coolingOffDays} 天冷静期，期间再次登录即撤销注销。期满后用同一手机号登录将是一个新账号。</Text>
      {error && <Text className='privacy__error'>{error}</Text>}
      <ActionButton block variant='danger' disabled={busy} onClick={() => void request()}>
        申请注销账号
      </ActionButton>
    </View>
  )
}
