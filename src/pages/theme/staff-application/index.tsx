import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { asRole } from '@/components/a11y'
import { FileList, MaterialHead } from '@/components/review'
import { viewCaseFile } from '@/components/review/view-file'
import { useResource } from '@/hooks/use-resource'
import { useAction } from '@/hooks/use-action'
import { useFormErrors } from '@/hooks/use-form'
import { confirmAction } from '@/components/modal'
import { reviewerFileUrl, type CaseDetail } from '@/services/review'
import { decideThemeItem, getJointReviewApplication, type ThemeApplication } from '@/services/theme'
import { THEME_APPLICATION_STATUS_LABEL } from '@/domain/theme'
import { decodeParam } from '@/routes'
import { CombinedNoticeCard, ItemProgress } from '../parts'
import { shortDepartment } from '../steps-picture'
import '@/pages/review/review.scss'
import '../theme.scss'

/** A reviewer's view of a 一件事 application: the whole application, and a decision on the items of their department. */
export default function JointReviewApplicationPage() {
  const id = decodeParam(useRouter().params.id)
  const application = useResource(id ?? null, () => getJointReviewApplication(id!))
  if (!id) return <PageState kind='error' title='未找到该申请' message='请从一件事联审队列进入' />
  return (
    <View className='theme'>
      <ResourceView of={application}>{(a) => <Review application={a} replace={application.replace} />}</ResourceView>
    </View>
  )
}

function Review({ application: a, replace }: { application: ThemeApplication; replace: (next: ThemeApplication) => void }) {
  return (
    <View>
      <View className='theme__band'>
        <Text className='theme__title'>{a.themeName}</Text>
        <Text className='theme__sub'>
          {THEME_APPLICATION_STATUS_LABEL[a.status]} · 第{a.round}轮 · 您审查：{a.reviewerDepartments.map(shortDepartment).join('、') || '无（只读）'}
        </Text>
      </View>
      <ItemProgress application={a} />
      {a.notice ? <CombinedNoticeCard notice={a.notice} /> : null}
      {a.items.map((item, index) => (
        <ItemReview key={item.itemId} application={a} item={item} detail={a.cases[index]} replace={replace} />
      ))}
    </View>
  )
}

function ItemReview({
  application,
  item,
  detail,
  replace,
}: {
  application: ThemeApplication
  item: ThemeApplication['items'][number]
  detail: CaseDetail
  replace: (next: ThemeApplication) => void
}) {
  const [problems, setProblems] = useState<Record<string, string>>({})
  const { busy, error, run } = useAction()
  const deciding = item.mine && item.status === 'reviewing' && !item.decided
  const listed = Object.entries(problems)
    .filter(([, problem]) => problem.trim())
    .map(([materialCode, problem]) => ({ materialCode, problem: problem.trim() }))
  const form = useFormErrors(() => ({ problems: listed.length ? undefined : '需补正时请至少写明一项材料的问题，申请人据此补正' }))
  const decide = async (decision: 'approve' | 'needs_fix') => {
    if (decision === 'needs_fix') {
      if (!form.validate()) return
      const names = listed.map(({ materialCode }) => `“${detail.materials.find((m) => m.code === materialCode)?.name ?? materialCode}”`)
      const confirmed = await confirmAction({
        title: '发送补正通知',
        content: `${item.itemName}需补正${names.join('、')}。各部门审查完毕后，申请人会收到一份合并的一次性告知书。确定需补正吗？`,
        confirmText: '确定补正',
      })
      if (!confirmed) return
    }
    await run(async (action) => {
      replace(await decideThemeItem(application.id, item.itemId, { decision, problems: decision === 'needs_fix' ? listed : [] }, action))
    })
  }
  return (
    <View className='card' {...asRole('region', item.itemName)}>
      <Text className='section-title'>{item.itemName}</Text>
      <Text className='muted theme__line'>
        {item.department}审查 · {item.caseNumber}
        {item.mine ? '' : ' · 其他部门事项，仅供查看'}
      </Text>
      {detail.materials.map((material) => (
        <View key={material.code} className='rv__material'>
          <MaterialHead material={material} />
          <FileList files={material.files} onView={(file) => void viewCaseFile(material.files, file, (f) => reviewerFileUrl(detail.id, f.id))} />
          {deciding && !material.exempt ? (
            <FormField
              label={`「${material.name}」的问题（无问题留空）`}
              value={problems[material.code] ?? ''}
              onInput={(value) => setProblems({ ...problems, [material.code]: value })}
              placeholder='如：缺少法定代表人签字'
              maxlength={200}
              multiline
            />
          ) : null}
        </View>
      ))}
      {deciding ? (
        <View className='theme__footer'>
          <AlertLine className='theme__error' message={form.errors.problems ?? error} />
          <View className='rv__buttons'>
            <ActionButton disabled={busy} onClick={() => void decide('approve')}>
              通过
            </ActionButton>
            <ActionButton variant='ghost' disabled={busy} onClick={() => void decide('needs_fix')}>
              需补正
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}
