import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { MaterialHead } from '@/components/review'
import { useResource } from '@/hooks/use-resource'
import { getItem, type ItemDetail } from '@/services/catalog'
import { createCase } from '@/services/review'
import { useSession } from '@/stores/session'
import { PAGES, currentPageUrl, decodeParam, goToLogin, withQuery } from '@/routes'
import { REVIEW_PAGES } from '../paths'
import { useAction } from '@/hooks/use-action'
import { AlertLine } from '@/components/alert-line'
import '../review.scss'

/** Step 2: the item's full checklist (行政许可法 30), then a draft case to upload into. */
export default function ReviewChecklistPage() {
  const params = useRouter().params
  const itemId = decodeParam(params.itemId)
  const hallId = decodeParam(params.hallId)
  const item = useResource(itemId ?? null, () => getItem(itemId!))
  if (!itemId || !hallId) return <PageState kind='error' title='未找到该事项' message='请从材料预审重新选择事项' />
  return (
    <View className='rv'>
      <ResourceView resource={item.resource} onRetry={() => item.reload()}>
        {(detail) => <Checklist item={detail} hallId={hallId} />}
      </ResourceView>
    </View>
  )
}

const NECESSITY_COUNTED = [
  ['required', '必要'],
  ['deferrable', '可容缺后补'],
  ['optional', '非必要'],
] as const

/** "需由您上传2项：必要1项、可容缺后补1项。" — counted from the checklist, so it says what each count means. */
function uploadSummary(materials: ItemDetail['materials']): string {
  const parts = NECESSITY_COUNTED.map(([necessity, label]) => [label, materials.filter((m) => m.necessity === necessity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([label, count]) => `${label}${count}项`)
  return materials.length ? `需由您上传${materials.length}项：${parts.join('、')}。` : '本事项无需您上传材料。'
}

function Checklist({ item, hallId }: { item: ItemDetail; hallId: string }) {
  const { busy, error, run } = useAction()
  const offered = item.hallIds.includes(hallId)
  const toUpload = item.materials.filter((m) => m.source !== 'shared')

  const start = async () => {
    const { token, me } = useSession.getState()
    if (!token) return void goToLogin(currentPageUrl())
    if (!me?.realName) return void Taro.navigateTo({ url: withQuery(PAGES.realName, { redirect: currentPageUrl() }) })
    await run(async (action) => {
      const created = await createCase({ itemId: item.id, hallId }, action)
      await Taro.redirectTo({ url: withQuery(REVIEW_PAGES.case, { id: created.id }) })
    })
  }

  return (
    <View>
      <View className='rv__banner'>
        <Text className='rv__title'>{item.name}</Text>
        <Text className='rv__subtitle'>
          {item.department} · 承诺{item.promisedDays}个工作日
        </Text>
      </View>
      <View className='card'>
        <Text className='section-title'>材料清单（{item.materials.length}项）</Text>
        <Text className='muted'>“必要”材料须上传；“容缺后补”材料可承诺后补；“免提交”材料由部门共享获取。{uploadSummary(toUpload)}</Text>
        {item.materials.map((material) => (
          <View key={material.code} className='rv__material'>
            <MaterialHead material={material} />
          </View>
        ))}
      </View>
      <View className='rv__footer'>
        <AlertLine className='rv__error' message={error} />
        {offered ? null : <Text className='rv__error'>所选服务中心不办理此事项，请返回首页更换服务中心</Text>}
        <ActionButton block disabled={busy || !offered} onClick={start}>
          {busy ? '正在创建…' : '开始预审，上传材料'}
        </ActionButton>
      </View>
    </View>
  )
}
