import { Text, View } from '@tarojs/components'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { useResource } from '@/hooks/use-resource'
import { getItem, type ItemDetail, type Material } from '@/services/catalog'
import { PAGES, decodeParam, withQuery } from '@/routes'
import { WaysToApply } from './ways'
import { FORM_LABEL, NECESSITY_LABEL, SOURCE_LABEL, daysLabel } from './labels'
import './index.scss'

export default function GuideItemPage() {
  const id = decodeParam(useRouter().params.id)
  const item = useResource(id ?? null, () => getItem(id!))
  // A service item's guide is public: shared as this page with its id (the sitemap lets WeChat index it too).
  const name = item.resource.status === 'ready' ? item.resource.data.name : '办事指南'
  useShareAppMessage(() => ({ title: `${name} · 办事指南`, path: withQuery(PAGES.guideItem, { id }) }))
  if (!id) return <PageState kind='error' title='未找到该事项' message='链接缺少事项编号，请从办事指南重新进入' />
  return (
    <View className='guide'>
      <ResourceView of={item}>{(detail) => <ItemView item={detail} />}</ResourceView>
    </View>
  )
}

function ItemView({ item }: { item: ItemDetail }) {
  return (
    <View>
      <View className='guide__header'>
        <Text className='guide__name'>{item.name}</Text>
        <Text className='guide__department'>{item.department}</Text>
      </View>

      <View className='card guide__facts'>
        <Fact label='承诺时限' value={daysLabel(item.promisedDays)} />
        <Fact label='法定时限' value={daysLabel(item.statutoryDays)} />
        <Fact label='收费' value={item.fee} />
        <Fact label='办理结果' value={item.resultLicence ? `${item.resultLicence}${item.licenceCopies ? `（${item.licenceCopies}）` : ''}` : '无证照'} />
      </View>

      <WaysToApply item={item} />

      <View className='card'>
        <Text className='section-title'>受理条件</Text>
        <Text className='guide__text'>{item.conditions}</Text>
      </View>

      <View className='card'>
        <Text className='section-title'>申请材料（{item.materials.length}项）</Text>
        {item.materials.length === 0 ? (
          <PageState kind='empty' title='本事项无需提交材料' inline />
        ) : (
          item.materials.map((material) => <MaterialCard key={material.code} material={material} />)
        )}
      </View>

      <View className='card'>
        <Text className='section-title'>法律依据</Text>
        <Text className='guide__text'>{item.legalBasis}</Text>
      </View>
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className='guide__fact'>
      <Text className='guide__fact-label'>{label}</Text>
      <Text className='guide__fact-value'>{value}</Text>
    </View>
  )
}

function MaterialCard({ material }: { material: Material }) {
  const formats = material.formats.length ? `${material.formats.map((f) => f.toUpperCase()).join('、')}（不超过${material.maxSizeMb}MB）` : null
  return (
    <View className='guide__material'>
      <View className='guide__material-head'>
        <Text className='guide__material-name'>{material.name}</Text>
        <Text className={`guide__badge guide__badge--${material.necessity}`}>{NECESSITY_LABEL[material.necessity]}</Text>
      </View>
      <View className='guide__meta'>
        <Meta label='材料形式' value={FORM_LABEL[material.form]} />
        <Meta label='份数' value={`${material.copies}份`} />
        {formats ? <Meta label='电子格式' value={formats} /> : null}
        <Meta label='来源' value={SOURCE_LABEL[material.source] + (material.sourceNote ? `（${material.sourceNote}）` : '')} />
      </View>
      {material.notes ? <Text className='guide__notes'>备注：{material.notes}</Text> : null}
      {material.hasBlankForm || material.hasExample ? (
        <View className='guide__extras'>
          {material.hasBlankForm ? <Text className='guide__extra'>提供空白表格</Text> : null}
          {material.hasExample ? <Text className='guide__extra'>提供填写示例</Text> : null}
        </View>
      ) : null}
    </View>
  )
}

function Meta({ label, value }: { label: string; value: string }) {
  return (
    <Text className='guide__meta-row'>
      {label}：{value}
    </Text>
  )
}
