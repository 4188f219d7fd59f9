import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/action-button'
import { asButton, asRole } from '@/components/a11y'
import { FileList, MaterialHead } from './index'
import { viewCaseFile } from './view-file'
import { applicantFileUrl, deleteCaseFile, type CaseDetail, type CaseFile, type CaseMaterial } from '@/services/review'
import { caseRound, useReviewUploads, type UploadTask } from '@/stores/review'
import { useUploader } from './use-uploader'
import { useAction } from '@/hooks/use-action'
import { confirmAction } from '@/components/modal'

function materialState(material: CaseMaterial): { text: string; tone: 'ok' | 'warn' | 'muted' } | null {
  if (material.verdict === 'problem') return { text: '需补正', tone: 'warn' }
  if (material.verdict === 'pass') return { text: '已通过', tone: 'ok' }
  if (material.deferred && !material.files.length) return { text: '已选容缺后补', tone: 'muted' }
  return null
}

/** One material of the case: its verdict, its files (view, replace, delete) and its uploads in progress. */
export function MaterialCard({ detail, material, reload }: { detail: CaseDetail; material: CaseMaterial; reload: () => void }) {
  // Only this material's uploads from the case's current state: after a submission or a decision an old
  // refusal (with its 删除 button) is history, not something to act on.
  const round = caseRound(detail)
  const tasks = useReviewUploads((s) => s.tasks).filter((t) => material.editable && t.caseId === detail.id && t.code === material.code && t.round === round)
  const state = materialState(material)
  const uploading = tasks.filter((t) => t.status === 'uploading').length
  const room = detail.limits.perMaterial - material.files.length - uploading
  const upload = useUploader(detail.id, round, material, reload)

  const { run } = useAction({ toast: true })
  const remove = async (file: CaseFile) => {
    if (!(await confirmAction({ title: '删除文件', content: `确定删除“${file.name}”？删除后需重新上传。`, confirmText: '删除', destructive: true }))) return
    await run(async () => {
      await deleteCaseFile(detail.id, file.id)
      reload()
    })
  }

  return (
    <View className='rv__material' {...asRole('group', material.name)}>
      <MaterialHead
        material={material}
        extra={
          state ? (
            <View className='rv__verdict'>
              <Text className={`rv__tag rv__tag--${state.tone}`}>{state.text}</Text>
              {material.verdict === 'problem' ? (
                <Text className='rv__problem'>{[...material.reasons, material.reviewNote].filter(Boolean).join('；')}</Text>
              ) : null}
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

function TaskRow({ task, onRetry }: { task: UploadTask; onRetry: () => void }) {
  const dismiss = () => useReviewUploads.getState().remove(task.id)
  return (
    <View className={`rv__task rv__task--${task.status}`}>
      <Text className='rv__task-name'>{task.fileName}</Text>
      {task.status === 'uploading' ? (
        <View
          className='rv__progress'
          {...(process.env.TARO_ENV === 'h5' ? { role: 'progressbar', 'aria-valuenow': task.progress, 'aria-label': `${task.fileName}上传进度` } : {})}
        >
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
            <Text className='rv__link' onClick={dismiss} {...asButton(`删除${task.fileName}`)}>
              删除
            </Text>
          </View>
        </View>
      )}
    </View>
  )
}
