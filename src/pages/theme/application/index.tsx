import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { PrivacySheet } from '@/components/privacy-sheet'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { asRole } from '@/components/a11y'
import { formatInstant } from '@/components/review'
import { MaterialCard } from '@/components/review/material-card'
import { useReloadOnReturn, useResource } from '@/hooks/use-resource'
import { useAction } from '@/hooks/use-action'
import { getThemeApplication, submitThemeApplication, type ThemeApplication } from '@/services/theme'
import { THEME_APPLICATION_STATUS_LABEL } from '@/domain/theme'
import { decodeParam } from '@/routes'
import { CombinedNoticeCard, ItemProgress } from '../parts'
import '@/pages/review/review.scss'
import '../theme.scss'

/** The applicant's 一件事 application: one merged checklist to upload into, one submission, progress, the one combined notice. */
export default function ThemeApplicationPage() {
  const id = decodeParam(useRouter().params.id)
  const application = useResource(id ?? null, () => getThemeApplication(id!))
  useReloadOnReturn(application)
  if (!id) return <PageState kind='error' title='未找到该申请' message='链接缺少申请编号，请从“我的一件事申请”进入' />
  return (
    <View className='theme'>
      <ResourceView of={application}>
        {(a) => <ApplicationView application={a} reload={() => application.reload(true)} replace={application.replace} />}
      </ResourceView>
      <PrivacySheet />
    </View>
  )
}

function ApplicationView({
  application: a,
  reload,
  replace,
}: {
  application: ThemeApplication
  reload: () => void
  replace: (next: ThemeApplication) => void
}) {
  const { busy, error, run } = useAction()
  const open = a.status === 'draft' || a.status === 'needs_fix'
  const departments = new Set(a.items.filter((i) => i.status !== 'approved').map((i) => i.department)).size
  return (
    <View>
      <View className='theme__band'>
        <Text className='theme__title'>{a.themeName}</Text>
        <Text className='theme__sub'>
          {THEME_APPLICATION_STATUS_LABEL[a.status]} · {a.hallName}
          {a.submittedAt ? ` · 提交于 ${formatInstant(a.submittedAt)}` : ''}
        </Text>
      </View>

      <ItemProgress application={a} />
      {a.notice && a.status === 'needs_fix' ? <CombinedNoticeCard notice={a.notice} /> : null}

      <View className='card'>
        <Text className='section-title'>合并材料清单</Text>
        <Text className='theme__saved' {...asRole('status')}>
          {a.items.length}个事项分开办要交{a.checklist.separately}份材料，合并后只需{a.checklist.materials.length}份，少交{a.checklist.saved}份
        </Text>
        {a.checklist.materials.map((m) => {
          const detail = a.cases.find((c) => c.id === m.lead.caseId)!
          const material = detail.materials.find((x) => x.code === m.lead.code)!
          return (
            <View key={m.key} className='theme__merged'>
              <Text className='theme__material-name'>{m.name}</Text>
              <Text className={m.members.length > 1 ? 'theme__shared' : 'muted theme__line'}>
                {m.members.length > 1 ? `${m.members.length}个事项共用，只交一次：` : ''}
                {m.members.map((x) => x.itemName).join('、')}
              </Text>
              <MaterialCard detail={detail} material={material} reload={reload} />
            </View>
          )
        })}
      </View>

      {open ? (
        <View className='theme__footer'>
          <AlertLine className='theme__error' message={error} />
          <ActionButton block disabled={busy} onClick={() => void run(async (action) => replace(await submitThemeApplication(a.id, action)))}>
            {a.status === 'needs_fix' ? '补正后重新提交' : `一次提交，分送${departments}个部门并联审查`}
          </ActionButton>
        </View>
      ) : null}
    </View>
  )
}
