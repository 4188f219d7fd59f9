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
import { toApiError } from '@/services/http'
import { DECISION_LABEL, PROBLEM_REASONS, type ReviewDecision } from '@/domain/review'
import { decodeParam } from '@/routes'
import { useAction } from '@/hooks/use-action'
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
  const [note, setNote] = useState(material.reviewNote ?? '')
  const [error, setError] = useState<string | null>(null)
  const markable = detail.status === 'reviewing' && !material.exempt

  const save = async (verdict: 'pass' | 'problem') => {
    setError(null)
    try {
      replace(
        await markMaterial(detail.id, material.code, {
          verdict,
          reasons: verdict === 'problem' ? reasons : [],
          note: verdict === 'problem' ? note : undefined,
        }),
      )
      setEditing(false)
    } catch (failure) {
      setError(toApiError(failure).message)
    }
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
          <FormField label='补充说明（告知申请人如何补正）' value={note} onInput={setNote} maxlength={300} placeholder='如：请上传白底证件照' />
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
  const [note, setNote] = useState('')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [authority, setAuthority] = useState('')
  const { busy, error, run } = useAction()
  const hasDeferred = detail.materials.some((m) => m.deferred && !m.files.length)

  const decide = async (decision: ReviewDecision) => {
    await run(async () => {
      replace(
        await decideCase(detail.id, {
          decision,
          note: note.trim() || undefined,
          reason: reason.trim() || undefined,
          competentAuthority: authority.trim() || undefined,
        }),
      )
      void Taro.showToast({ title: `已${DECISION_LABEL[decision]}`, icon: 'success' })
    })
  }

  return (
    <View className='card'>
      <Text className='section-title'>预审决定</Text>
      <FormField label='预审说明（选填，随结果告知申请人）' value={note} onInput={setNote} maxlength={300} />
      <AlertLine className='rv__error' message={error} />
      {rejecting ? (
        <View>
          <FormField label='不予受理的理由' value={reason} onInput={setReason} maxlength={300} placeholder='如：不属于本机关职权范围' />
          <FormField label='应向其申请的主管机关' value={authority} onInput={setAuthority} maxlength={100} placeholder='如：户籍所在地社会保险经办机构' />
          <View className='rv__buttons'>
            <ActionButton disabled={busy} onClick={() => void decide('reject')}>
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
