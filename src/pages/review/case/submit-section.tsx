import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { asChoice, asRole } from '@/components/a11y'
import { submitCase, type CaseDetail } from '@/services/review'
import { toApiError } from '@/services/http'
import { askSubscribe } from '@/services/subscribe'
import { useReviewUploads } from '@/stores/review'
import { DEFERRAL_PLEDGE, missingBeforeSubmit } from '@/domain/review'
import { AlertLine } from '@/components/alert-line'

/** Submit (or resubmit) the case: the 容缺 choice with its pledge, what is still missing, the BFF's refusal. */
export function SubmitSection({ detail, replace, editing }: { detail: CaseDetail; replace: (next: CaseDetail) => void; editing: boolean }) {
  const deferrable = detail.materials.filter((m) => m.necessity === 'deferrable' && !m.exempt && !m.files.length)
  const [deferred, setDeferred] = useState<string[]>(() => deferrable.filter((m) => m.deferred).map((m) => m.code))
  const [pledged, setPledged] = useState(detail.pledge?.version === DEFERRAL_PLEDGE.version)
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<{ message: string; basis: string } | null>(null)
  const choosing = detail.status !== 'deferred_approved'
  const chosen = choosing ? deferred.filter((code) => deferrable.some((m) => m.code === code)) : []
  const pending = useReviewUploads((s) => s.tasks).some((t) => t.caseId === detail.id && t.status === 'uploading')
  // Derived from the current materials, never a stale copy: it goes as soon as the files are there.
  const missing = missingBeforeSubmit(
    detail.status,
    detail.materials.filter((m) => !m.exempt).map((m) => ({ ...m, fileCount: m.files.length })),
    chosen,
  )
  // A refusal from the BFF answers the case as it was when submitted: shown only while nothing has changed since.
  const basis = submissionBasis(detail, chosen, pledged)
  const error = refusal?.basis === basis ? refusal.message : null

  const toggle = (code: string) => setDeferred((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]))
  const submit = async () => {
    // Asked inside the tap, before anything is awaited (WeChat's rule): the review result comes by WeChat too.
    void askSubscribe('submitCase')
    setBusy(true)
    setRefusal(null)
    try {
      replace(await submitCase(detail.id, { deferredCodes: chosen, pledgeVersion: chosen.length ? DEFERRAL_PLEDGE.version : undefined }))
      void Taro.showToast({ title: '已提交', icon: 'success' })
    } catch (failure) {
      setRefusal({ message: toApiError(failure).message, basis })
    } finally {
      setBusy(false)
    }
  }
  const label = detail.status === 'needs_fix' ? '重新提交' : detail.status === 'deferred_approved' ? '提交补传的材料' : '提交预审'

  return (
    <View className='card'>
      <Text className='section-title'>{label}</Text>
      {choosing && deferrable.length ? (
        <View>
          <Text className='rv__hint'>以下材料可以容缺后补（自愿选择，主要材料须齐全）：</Text>
          {deferrable.map((m) => (
            <Toggle key={m.code} checked={chosen.includes(m.code)} onChange={() => toggle(m.code)} label={`容缺后补：${m.name}`} />
          ))}
        </View>
      ) : null}
      {chosen.length ? (
        <View className='rv__pledge'>
          <Text className='rv__pledge-title'>《{DEFERRAL_PLEDGE.title}》</Text>
          <Text className='rv__pledge-text'>{DEFERRAL_PLEDGE.text}</Text>
          <Text className='rv__hint'>
            容缺材料：
            {detail.materials
              .filter((m) => chosen.includes(m.code))
              .map((m) => m.name)
              .join('、')}
          </Text>
          <Text className='rv__hint'>补交期限：提交之日起{detail.item.promisedDays}个工作日内（不超过本事项承诺时限），具体日期以告知书为准</Text>
          <Text className='rv__hint'>补交方式：{DEFERRAL_PLEDGE.how}</Text>
          <Text className='rv__hint rv__hint--warn'>逾期后果：{DEFERRAL_PLEDGE.consequence}</Text>
          <Toggle checked={pledged} onChange={() => setPledged(!pledged)} label={`我已阅读并同意《${DEFERRAL_PLEDGE.title}》`} />
        </View>
      ) : null}
      <AlertLine className='rv__error' message={error} />
      {missing ? (
        <Text className='rv__hint rv__hint--warn' {...asRole('status')}>
          {missing.message}
        </Text>
      ) : null}
      {pending ? <Text className='muted rv__line'>文件上传中，完成后再提交</Text> : null}
      <ActionButton block disabled={busy || pending || !editing || missing !== null || (chosen.length > 0 && !pledged)} onClick={submit}>
        {busy ? '正在提交…' : label}
      </ActionButton>
    </View>
  )
}

/** Everything a submission depends on: the state, each material's files, the 容缺 choice and the pledge. */
const submissionBasis = (detail: CaseDetail, chosen: readonly string[], pledged: boolean) =>
  [detail.status, ...detail.materials.map((m) => `${m.code}:${m.files.map((f) => f.id).join(',')}`), chosen.join(','), pledged].join('|')

function Toggle({ checked, onChange, label }: { checked: boolean; onChange: () => void; label: string }) {
  return (
    <View className={`rv__toggle${checked ? ' rv__toggle--on' : ''}`} onClick={onChange} {...asChoice('checkbox', checked, label)}>
      <Text className='rv__toggle-box'>{checked ? '✓' : ''}</Text>
      <Text className='rv__toggle-label'>{label}</Text>
    </View>
  )
}
