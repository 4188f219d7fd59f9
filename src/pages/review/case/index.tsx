import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { PrivacySheet } from '../../../components/privacy-sheet'
import { PageState, ResourceView } from '../../../components/page-state'
import { ActionButton } from '../../../components/action-button'
import { asButton, asRole } from '../../../components/a11y'
import { FileList, MaterialHead, NoticeCard, StatusTag, formatInstant, formatSize } from '../../../components/review'
import { viewCaseFile } from '../../../components/review/view-file'
import { useResource } from '../../../hooks/use-resource'
import {
  applicantFileUrl,
  deleteCaseFile,
  getCase,
  submitCase,
  uploadCaseFile,
  withdrawCase,
  type CaseDetail,
  type CaseFile,
  type CaseMaterial,
} from '../../../services/review'
import { toApiError } from '../../../services/http'
import { caseRound, nextTaskId, useReviewUploads, type UploadTask } from '../../../stores/review'
import { CASE_STATUS_LABEL, DEFERRAL_PLEDGE, canApply, missingBeforeSubmit } from '../../../domain/review'
import { SERVICES } from '../../index/services'
import { decodeParam, openPage, withQuery } from '../../../routes'
import { pickFiles } from '../pick-files'
import { askSubscribe } from '../../../services/subscribe'
import '../review.scss'

export default function ReviewCasePage() {
  const id = decodeParam(useRouter().params.id)
  const detail = useResource(id ?? null, () => getCase(id!))
  const shown = useRef(false)
  // Back from a viewer or another page: refresh quietly (a decision may have arrived).
  useDidShow(() => {
    if (shown.current && id) detail.reload(true)
    shown.current = true
  })
  if (!id) return <PageState kind='error' title='未找到该办件' message='链接缺少办件编号，请从“我的办件”进入' />
  return (
    <View className='rv'>
      <ResourceView resource={detail.resource} onRetry={() => detail.reload()}>
        {(c) => <CaseView detail={c} reload={() => detail.reload(true)} replace={(next) => detail.setResource({ status: 'ready', data: next })} />}
      </ResourceView>
      <PrivacySheet />
    </View>
  )
}

/** The promised answer time as the BFF computed it (the reviewer sees the same instant). */
const answerBy = (c: CaseDetail, lead: string) => (c.deadline ? `${lead}${formatInstant(c.deadline.dueAt)}前` : '')

function statusHint(c: CaseDetail): string {
  switch (c.status) {
    case 'draft':
      return '请按清单上传材料，自动检查通过后提交预审。'
    case 'submitted':
      return `已提交，等待预审人员审核（承诺${c.item.promisedDays}个工作日内答复${answerBy(c, '，即')}）。`
    case 'reviewing':
      return `预审人员正在审核您的材料，结果将${answerBy(c, '在')}一次性告知。`
    case 'needs_fix':
      return `请在${c.fixDueDate}前按告知书更换材料后重新提交。`
    case 'deferred_approved':
      return `已容缺受理，请在${c.supplementDueDate}前补传容缺材料后提交。`
    case 'approved':
      return '预审通过。请预约或到厅取号办理，携带材料原件，一次办结。'
    case 'rejected':
      return '不予受理，理由见告知书。'
    case 'withdrawn':
      return '办件已撤回。如需办理，请重新申报。'
    case 'expired':
      return '办件已过期。如需办理，请重新申报。'
  }
}

interface CaseViewProps {
  detail: CaseDetail
  reload: () => void
  replace: (next: CaseDetail) => void
}

function CaseView({ detail, reload, replace }: CaseViewProps) {
  const editing = detail.materials.some((m) => m.editable)
  return (
    <View>
      <View className='rv__banner'>
        <View className='rv__row-between'>
          <Text className='rv__title'>{detail.itemName}</Text>
          <StatusTag status={detail.status} />
        </View>
        <Text className='rv__subtitle'>
          办件编号 {detail.caseNumber} · {detail.hallName}
        </Text>
      </View>
      <View className='card'>
        <Text className='rv__hint' {...asRole('status')}>
          {statusHint(detail)}
        </Text>
      </View>
      {detail.notice ? <NoticeCard notice={detail.notice} /> : null}
      {detail.status === 'approved' ? <NextSteps detail={detail} /> : null}

      <View className='card'>
        <View className='rv__row-between'>
          <Text className='section-title'>申请材料</Text>
          <Text className='muted'>
            已用 {formatSize(detail.usedBytes)} / {formatSize(detail.limits.perCaseBytes)}
          </Text>
        </View>
        {detail.materials.map((material) => (
          <MaterialCard key={material.code} detail={detail} material={material} reload={reload} />
        ))}
      </View>

      {canApply('submit', detail.status) ? <SubmitSection detail={detail} replace={replace} editing={editing} /> : null}
      {canApply('withdraw', detail.status) ? <WithdrawSection detail={detail} replace={replace} /> : null}
      <HistorySection detail={detail} />
    </View>
  )
}

function NextSteps({ detail }: { detail: CaseDetail }) {
  const go = (key: 'appointment' | 'queue') => {
    const service = SERVICES.find((s) => s.key === key)
    if (!service?.ready) return void Taro.showToast({ title: `${service?.title ?? '该服务'}即将开放`, icon: 'none' })
    void openPage(withQuery(service.path, { hallId: detail.hallId, itemId: detail.itemId }))
  }
  return (
    <View className='card rv__next'>
      <Text className='section-title'>下一步</Text>
      <Text className='rv__hint'>
        预审已通过，请携带材料原件到{detail.hallName}办理，出示办件编号 {detail.caseNumber}，一次办结。
      </Text>
      <View className='rv__buttons'>
        <ActionButton onClick={() => go('appointment')}>预约办理</ActionButton>
        <ActionButton variant='ghost' onClick={() => go('queue')}>
          网上取号
        </ActionButton>
      </View>
    </View>
  )
}

function materialState(material: CaseMaterial): { text: string; tone: 'ok' | 'warn' | 'muted' } | null {
  if (material.verdict === 'problem') return { text: '需补正', tone: 'warn' }
  if (material.verdict === 'pass') return { text: '已通过', tone: 'ok' }
  if (material.deferred && !material.files.length) return { text: '已选容缺后补', tone: 'muted' }
  return null
}

function MaterialCard({ detail, material, reload }: { detail: CaseDetail; material: CaseMaterial; reload: () => void }) {
  // Only this material's uploads from the case's current state: after a submission or a decision an old
  // refusal (with its 移除 button) is history, not something to act on.
  const round = caseRound(detail)
  const tasks = useReviewUploads((s) => s.tasks).filter((t) => material.editable && t.caseId === detail.id && t.code === material.code && t.round === round)
  const state = materialState(material)
  const uploading = tasks.filter((t) => t.status === 'uploading').length
  const room = detail.limits.perMaterial - material.files.length - uploading
  const upload = useUploader(detail.id, round, material, reload)

  const remove = async (file: CaseFile) => {
    const { confirm } = await Taro.showModal({ title: '删除文件', content: `确定删除“${file.name}”？` })
    if (!confirm) return
    try {
      await deleteCaseFile(detail.id, file.id)
      reload()
    } catch (error) {
      void Taro.showToast({ title: toApiError(error).message, icon: 'none' })
    }
  }

  return (
    <View className='rv__material' {...asRole('group', material.name)}>
      <MaterialHead
        material={material}
        extra={
          state ? (
            <View className='rv__verdict'>
              <Text className={`rv__tag rv__tag--${state.tone}`}>{state.text}</Text>
              {material.verdict === 'problem' ? <Text className='rv__problem'>{[...material.reasons, material.reviewNote].filter(Boolean).join('；')}</Text> : null}
            </View>
          ) : null
        }
      />
      <FileList
        files={material.files}
        onView={(file) => void viewCaseFile(material.files, file, (f) => applicantFileUrl(detail.id, f.id))}
        actions={
          material.editable
            ? (file) => (
                <View className='rv__file-actions'>
                  {detail.status === 'needs_fix' ? (
                    <Text className='rv__link' onClick={() => void upload.pick(1, file.id)} {...asButton(`更换${file.name}`)}>
                      更换
                    </Text>
                  ) : null}
                  <Text className='rv__link rv__link--danger' onClick={() => void remove(file)} {...asButton(`删除${file.name}`)}>
                    删除
                  </Text>
                </View>
              )
            : undefined
        }
      />
      {tasks.map((task) => (
        <TaskRow key={task.id} task={task} onRetry={() => upload.start(task)} />
      ))}
      {material.editable && room > 0 ? (
        <View className='rv__upload'>
          <ActionButton variant='ghost' onClick={() => void upload.pick(room)}>
            {material.files.length ? '继续上传' : '上传文件'}
          </ActionButton>
          <Text className='muted'>
            可上传{room}个，{material.formats.map((f) => f.toUpperCase()).join('/')}，每个不超过{material.maxSizeMb}MB
          </Text>
        </View>
      ) : null}
    </View>
  )
}

/** Picks local files and sends each to the material, tracking progress, refusals and retries in the store. */
function useUploader(caseId: string, round: number, material: CaseMaterial, reload: () => void) {
  const { add, update, remove } = useReviewUploads.getState()
  const start = (task: UploadTask) => {
    update(task.id, { status: 'uploading', progress: 0, message: null })
    uploadCaseFile({
      caseId,
      code: task.code,
      filePath: task.filePath,
      file: task.file,
      fileName: task.fileName,
      replaces: task.replaces,
      onProgress: (progress) => update(task.id, { progress }),
    }).then(
      () => {
        remove(task.id)
        reload()
      },
      (error) => {
        const failure = toApiError(error)
        // A 4xx is the BFF's verdict on this file: retrying the same bytes cannot help.
        const refused = failure.status !== undefined && failure.status < 500
        update(task.id, { status: refused ? 'refused' : 'failed', message: failure.message })
      },
    )
  }
  const pick = async (count: number, replaces?: string) => {
    const files = await pickFiles(material.formats, count)
    for (const file of files) {
      const task: UploadTask = {
        id: nextTaskId(),
        caseId,
        round,
        code: material.code,
        fileName: file.name,
        filePath: file.path,
        file: file.file,
        replaces,
        progress: 0,
        status: 'uploading',
        message: null,
      }
      add(task)
      if (file.size > material.maxSizeMb * 1024 * 1024) {
        update(task.id, { status: 'refused', message: `文件超过${material.maxSizeMb}MB上限，请压缩后重新上传` })
      } else {
        start(task)
      }
    }
  }
  return { pick, start }
}

function TaskRow({ task, onRetry }: { task: UploadTask; onRetry: () => void }) {
  const dismiss = () => useReviewUploads.getState().remove(task.id)
  return (
    <View className={`rv__task rv__task--${task.status}`}>
      <Text className='rv__task-name'>{task.fileName}</Text>
      {task.status === 'uploading' ? (
        <View className='rv__progress' {...(process.env.TARO_ENV === 'h5' ? { role: 'progressbar', 'aria-valuenow': task.progress, 'aria-label': `${task.fileName}上传进度` } : {})}>
          <View className='rv__progress-bar' style={{ width: `${task.progress}%` }} />
          <Text className='rv__progress-text'>正在上传 {task.progress}%</Text>
        </View>
      ) : (
        <View>
          <Text className='rv__error' {...asRole('alert')}>
            {task.status === 'refused' ? `未通过检查：${task.message}` : `上传失败：${task.message}`}
          </Text>
          <View className='rv__task-actions'>
            {task.status === 'failed' ? (
              <Text className='rv__link' onClick={onRetry} {...asButton(`重试上传${task.fileName}`)}>
                重试
              </Text>
            ) : null}
            <Text className='rv__link' onClick={dismiss} {...asButton(`移除${task.fileName}`)}>
              移除
            </Text>
          </View>
        </View>
      )}
    </View>
  )
}

function SubmitSection({ detail, replace, editing }: { detail: CaseDetail; replace: (next: CaseDetail) => void; editing: boolean }) {
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
            容缺材料：{detail.materials.filter((m) => chosen.includes(m.code)).map((m) => m.name).join('、')}
          </Text>
          <Text className='rv__hint'>补交期限：提交之日起{detail.item.promisedDays}个工作日内（不超过本事项承诺时限），具体日期以告知书为准</Text>
          <Text className='rv__hint'>补交方式：{DEFERRAL_PLEDGE.how}</Text>
          <Text className='rv__hint rv__hint--warn'>逾期后果：{DEFERRAL_PLEDGE.consequence}</Text>
          <Toggle checked={pledged} onChange={() => setPledged(!pledged)} label={`我已阅读并同意《${DEFERRAL_PLEDGE.title}》`} />
        </View>
      ) : null}
      {error ? (
        <Text className='rv__error' {...asRole('alert')}>
          {error}
        </Text>
      ) : null}
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
    <View
      className={`rv__toggle${checked ? ' rv__toggle--on' : ''}`}
      onClick={onChange}
      {...(process.env.TARO_ENV === 'h5' ? { role: 'checkbox', 'aria-checked': checked, 'aria-label': label } : {})}
    >
      <Text className='rv__toggle-box'>{checked ? '✓' : ''}</Text>
      <Text className='rv__toggle-label'>{label}</Text>
    </View>
  )
}

function WithdrawSection({ detail, replace }: { detail: CaseDetail; replace: (next: CaseDetail) => void }) {
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回办件', content: '撤回后本办件不再处理，如需办理须重新申报。确定撤回？' })
    if (!confirm) return
    try {
      replace(await withdrawCase(detail.id))
    } catch (error) {
      void Taro.showToast({ title: toApiError(error).message, icon: 'none' })
    }
  }
  return (
    <View className='rv__footer'>
      <ActionButton variant='plain' block onClick={() => void withdraw()}>
        撤回办件
      </ActionButton>
    </View>
  )
}

function HistorySection({ detail }: { detail: CaseDetail }) {
  const actor = { applicant: '申请人', reviewer: '预审人员', system: '系统' }
  return (
    <View className='card'>
      <Text className='section-title'>办理记录</Text>
      {[...detail.history].reverse().map((entry, index) => (
        <View key={index} className='rv__history'>
          <Text className='rv__history-title'>
            {CASE_STATUS_LABEL[entry.toStatus]}
            {entry.note ? ` · ${entry.note}` : ''}
          </Text>
          <Text className='muted rv__line'>
            {formatInstant(entry.at)} · {actor[entry.actor]}
          </Text>
        </View>
      ))}
    </View>
  )
}
