import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { asButton, asChoice, asRole } from '@/components/a11y'
import { FileList, MaterialHead, NoticeCard, CaseBanner, formatInstant, formatTimeLeft } from '@/components/review'
import { viewCaseFile } from '@/components/review/view-file'
import { useResource } from '@/hooks/use-resource'
import { decideCase, getReviewCase, markMaterial, openReviewCase, reviewerFileUrl, type CaseDetail, type CaseMaterial } from '@/services/review'
import { DECISION_LABEL, PROBLEM_REASONS, type ReviewDecision } from '@/domain/review'
import { decodeParam } from '@/routes'
import { useAction } from '@/hooks/use-action'
import { useCheckedForm } from '@/hooks/use-form'
import { confirmAction } from '@/components/modal'
import { AlertLine } from '@/components/alert-line'
import '@/pages/review/review.scss'

/** Opening a submitted case takes it into review (已提交 → 预审中). */
async function loadForReview(id: string): Promise<CaseDetail> {
  const found = await getReviewCase(id)
  return found.status === 'submitted' ? openReviewCase(id) : found
}

export default function ReviewerCasePage() {
  const id = decodeParam(useRouter().params.id)
  const detail = useResource(id ?? null, () => loadForReview(id!))
  if (!id) return <PageState kind='error' title='未找到该办件' message='请从预审队列进入' />
  return (
    <View className='rv'>
      <ResourceView of={detail}>{(c) => <ReviewView detail={c} replace={detail.replace} />}</ResourceView>
    </View>
  )
}

function ReviewView({ detail, replace }: { detail: CaseDetail; replace: (next: CaseDetail) => void }) {
  const reviewing = detail.status === 'reviewing'
  return (
    <View>
      <CaseBanner detail={detail}>
        <Text className='rv__subtitle'>
          {detail.caseNumber} · 申请人 {detail.applicant?.nameMasked}（{detail.applicant?.idNumberMasked}）
        </Text>
        {detail.submittedAt ? (
          <Text className='rv__subtitle'>
            提交于 {formatInstant(detail.submittedAt)}
            {detail.deadline ? ` · ${formatTimeLeft(detail.deadline.msLeft)}` : ''}
          </Text>
        ) : null}
      </CaseBanner>
      {detail.notice ? <NoticeCard notice={detail.notice} /> : null}
      <View className='card'>
        <Text className='section-title'>材料审核</Text>
        {detail.materials.map((material) => (
          <MaterialReview key={material.code} detail={detail} material={material} replace={replace} />
        ))}
      </View>
      {reviewing ? <DecisionSection detail={detail} replace={replace} /> : null}
    </View>
  )
}

function MaterialReview({ detail, material, replace }: { detail: CaseDetail; material: CaseMaterial; replace: (next: CaseDetail) => void }) {
  const [editing, setEditing] = useState(false)
  const [reasons, setReasons] = useState<string[]>(material.reasons)
  const form = useCheckedForm({ note: material.reviewNote ?? '' }, (values) => ({
    note: reasons.length || values.note.trim() ? undefined : '请选择问题原因，或写明如何补正',
  }))
  const { error, run } = useAction()
  const markable = detail.status === 'reviewing' && !material.exempt

  const save = async (verdict: 'pass' | 'problem') => {
    if (verdict === 'problem' && !form.validate()) return
    await run(async () => {
      replace(
        await markMaterial(detail.id, material.code, {
          verdict,
          reasons: verdict === 'problem' ? reasons : [],
          note: verdict === 'problem' ? form.values.note : undefined,
        }),
      )
      setEditing(false)
    })
  }
  const toggle = (reason: string) => setReasons((list) => (list.includes(reason) ? list.filter((r) => r !== reason) : [...list, reason]))

  return (
    <View className='rv__material' {...asRole('group', material.name)}>
      <MaterialHead
        material={material}
        extra={
          <View className='rv__verdict'>
            {material.verdict === 'pass' ? <Text className='rv__tag rv__tag--ok'>已通过</Text> : null}
            {material.verdict === 'problem' ? <Text className='rv__tag rv__tag--warn'>有问题</Text> : null}
            {material.verdict === 'problem' ? (
              <Text className='rv__problem'>{[...material.reasons, material.reviewNote].filter(Boolean).join('；')}</Text>
            ) : null}
            {material.deferred && !material.files.length ? <Text className='rv__tag rv__tag--muted'>申请人选择容缺后补</Text> : null}
            {!material.exempt && !material.files.length && !material.deferred ? <Text className='muted'>未上传文件</Text> : null}
          </View>
        }
      />
      <FileList files={material.files} onView={(file) => void viewCaseFile(material.files, file, (f) => reviewerFileUrl(detail.id, f.id))} />
      {markable && !editing ? (
        <View className='rv__buttons'>
          <ActionButton variant='ghost' disabled={!material.files.length} onClick={() => void save('pass')}>
            通过
          </ActionButton>
          <ActionButton variant='ghost' onClick={() => setEditing(true)}>
            有问题
          </ActionButton>
        </View>
      ) : null}
      {markable && editing ? (
        <View>
          <View className='rv__chips' {...asRole('group', `${material.name}的问题`)}>
            {PROBLEM_REASONS.map((reason) => (
              <Text
                key={reason}
                className={`rv__chip${reasons.includes(reason) ? ' rv__chip--on' : ''}`}
                onClick={() => toggle(reason)}
                {...asChoice('checkbox', reasons.includes(reason))}
              >
                {reason}
              </Text>
            ))}
          </View>
          <FormField label='补充说明（告知申请人如何补正）' maxlength={300} placeholder='如：请上传白底证件照' multiline {...form.field('note')} />
          <View className='rv__buttons'>
            <ActionButton onClick={() => void save('problem')}>保存问题</ActionButton>
            <ActionButton variant='plain' onClick={() => setEditing(false)}>
              取消
            </ActionButton>
          </View>
        </View>
      ) : null}
      <AlertLine className='rv__error' message={error} />
    </View>
  )
}

function DecisionSection({ detail, replace }: { detail: CaseDetail; replace: (next: CaseDetail) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const form = useCheckedForm({ note: '', reason: '', authority: '' }, (values) => ({
    reason: values.reason.trim() ? undefined : '请写明不予受理的理由',
    authority: values.authority.trim() ? undefined : '请写明应向其申请的主管机关',
  }))
  const { busy, error, run } = useAction()
  const hasDeferred = detail.materials.some((m) => m.deferred && !m.files.length)
  const applicant = detail.applicant ? `申请人${detail.applicant.nameMasked}` : '申请人'
  const problems = detail.materials.filter((m) => m.verdict === 'problem').map((m) => `“${m.name}”`)

  /** 补正 and 不予受理 end this review and notify the applicant at once: asked first, saying who and what. */
  const confirmation = (decision: ReviewDecision) =>
    decision === 'needs_fix'
      ? confirmAction({
          title: '发送补正通知',
          content: `将向${applicant}发送一次性补正告知书，列明${problems.length ? problems.join('、') : '标记为有问题的材料'}及补正要求，申请人会立即收到通知。发出后不能撤回，确定发送吗？`,
          confirmText: '发送通知',
        })
      : decision === 'reject'
        ? confirmAction({
            title: '不予受理',
            content: `将向${applicant}发送不予受理决定，写明理由和应向其申请的主管机关，本办件随即终结。确定不予受理吗？`,
            confirmText: '不予受理',
            destructive: true,
          })
        : Promise.resolve(true)

  const decide = async (decision: ReviewDecision) => {
    if (decision === 'reject' && !form.validate(['reason', 'authority'])) return
    if (!(await confirmation(decision))) return
    const { note, reason, authority } = form.values
    await run(async () => {
      replace(
        await decideCase(detail.id, {
          decision,
          note: note.trim() || undefined,
          reason: decision === 'reject' ? reason.trim() : undefined,
          competentAuthority: decision === 'reject' ? authority.trim() : undefined,
        }),
      )
      void Taro.showToast({ title: `已${DECISION_LABEL[decision]}`, icon: 'success' })
    })
  }

  return (
    <View className='card'>
      <Text className='section-title'>预审决定</Text>
      <FormField
        label='预审说明（选填，随结果告知申请人）'
        placeholder='如：材料齐全，请按预约时间到窗口办理'
        maxlength={300}
        multiline
        {...form.field('note')}
      />
      <AlertLine className='rv__error' message={error} />
      {rejecting ? (
        <View>
          <FormField label='不予受理的理由' maxlength={300} placeholder='如：不属于本机关职权范围' multiline {...form.field('reason')} />
          <FormField label='应向其申请的主管机关' maxlength={100} placeholder='如：户籍所在地社会保险经办机构' {...form.field('authority')} />
          <View className='rv__buttons'>
            <ActionButton variant='danger' disabled={busy} onClick={() => void decide('reject')}>
              确认不予受理
            </ActionButton>
            <ActionButton variant='plain' onClick={() => setRejecting(false)}>
              取消
            </ActionButton>
          </View>
        </View>
      ) : (
        <View className='rv__decisions'>
          <ActionButton block disabled={busy} onClick={() => void decide('approve')}>
            预审通过
          </ActionButton>
          <ActionButton block variant='ghost' disabled={busy} onClick={() => void decide('needs_fix')}>
            需补正（一次性告知）
          </ActionButton>
          {hasDeferred ? (
            <ActionButton block variant='ghost' disabled={busy} onClick={() => void decide('defer_approve')}>
              容缺通过
            </ActionButton>
          ) : null}
          <Text className='rv__link rv__link--danger' onClick={() => setRejecting(true)} {...asButton('不予受理')}>
            不予受理
          </Text>
        </View>
      )}
    </View>
  )
}
