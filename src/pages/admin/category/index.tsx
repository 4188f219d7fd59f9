import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView } from '@/components/page-state'
import { numberIn, useForm, wholeNumber } from '@/hooks/use-form'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { createCategory, getHallAdmin, updateCategory, type CategoryAdmin, type CategorySettings, type HallAdmin } from '@/services/admin'
import { useSession } from '@/stores/session'
import { decodeParam } from '@/routes'
import { backToHall, useAdminHallId } from '../admin-hall'
import { CATEGORY_TITLES } from '../labels'
import { HistoryLink } from '../history-link'
import '../admin.scss'
import { AdminSignInFirst, NoAdminHall } from '../admin-gate'

/** 排队类别: a new one (with its letter), or the settings of `code`. */
export default function AdminCategoryPage() {
  const token = useSession((s) => s.token)
  const hallId = useAdminHallId()
  const code = decodeParam(useRouter().params.code)
  const hall = useResource(token && hallId, () => getHallAdmin(hallId!))
  const root = useReadingRoot('admin')
  if (!token) return <AdminSignInFirst />
  if (!hallId) return <NoAdminHall />
  return (
    <View {...root}>
      <ResourceView of={hall}>
        {(data) => {
          const category = code ? data.categories.find((c) => c.code === code) : undefined
          if (code && !category) return <PageState kind='error' title='排队类别不存在' message={`本中心没有类别 ${code}`} />
          return (
            <View>
              <View className='admin__head'>
                <Text className='admin__title'>{category ? `${category.code} ${category.name}` : '新建排队类别'}</Text>
                <Text className='admin__sub'>{data.name}</Text>
              </View>
              <CategoryForm hall={data} category={category ?? null} />
              {category ? <HistoryLink hallId={hallId} target={`queue_category:${category.id}`} /> : null}
            </View>
          )
        }}
      </ResourceView>
    </View>
  )
}

const toText = (c: CategoryAdmin | null) => ({
  code: c?.code ?? '',
  name: c?.name ?? '',
  dailyQuota: String(c?.dailyQuota ?? 100),
  perPersonDailyCap: String(c?.perPersonDailyCap ?? 2),
  avgHandleMinutes: String(c?.avgHandleMinutes ?? 10),
  elderlyPriorityAge: c?.elderlyPriorityAge ? String(c.elderlyPriorityAge) : '',
})

function CategoryForm({ hall, category }: { hall: HallAdmin; category: CategoryAdmin | null }) {
  const form = useForm(CATEGORY_TITLES, toText(category))
  const save = () =>
    form.submit(
      (values): CategorySettings & { code: string } => ({
        code: values.code.trim().toUpperCase(),
        name: values.name.trim(),
        dailyQuota: numberIn(values, CATEGORY_TITLES, 'dailyQuota'),
        perPersonDailyCap: numberIn(values, CATEGORY_TITLES, 'perPersonDailyCap'),
        avgHandleMinutes: numberIn(values, CATEGORY_TITLES, 'avgHandleMinutes'),
        elderlyPriorityAge: values.elderlyPriorityAge.trim() ? numberIn(values, CATEGORY_TITLES, 'elderlyPriorityAge', wholeNumber) : null,
      }),
      async ({ code, ...settings }, action) => {
        if (category) await updateCategory(hall.id, category.code, settings)
        else await createCategory(hall.id, { code, ...settings }, action)
        void Taro.showToast({ title: category ? '已保存' : '已新建', icon: 'success' })
        await backToHall(hall.id)
      },
    )
  return (
    <View className='card'>
      {category ? null : <FormField {...form.field('code')} maxlength={1} placeholder='一个大写字母，Y 留给预约号' />}
      <FormField {...form.field('name')} maxlength={20} placeholder='如 综合受理' />
      <FormField {...form.field('dailyQuota')} maxlength={3} keyboard='number' />
      <FormField {...form.field('perPersonDailyCap')} maxlength={2} keyboard='number' />
      <FormField {...form.field('avgHandleMinutes')} maxlength={3} keyboard='number' />
      <FormField {...form.field('elderlyPriorityAge')} maxlength={3} keyboard='number' placeholder='留空则沿用服务中心的设置' />
      <AlertLine className='admin__error' message={form.error} />
      <View className='admin__gap'>
        <ActionButton block disabled={form.busy} onClick={() => void save()}>
          {form.busy ? '保存中…' : category ? '保存' : '新建排队类别'}
        </ActionButton>
      </View>
    </View>
  )
}
