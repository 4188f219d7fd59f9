import { uploadCaseFile, type CaseMaterial } from '@/services/review'
import { toApiError } from '@/services/http'
import { nextTaskId, useReviewUploads, type UploadTask } from '@/stores/review'
import { pickFiles } from './pick-files'

/** Picks local files and sends each to the material, tracking progress, refusals and retries in the store. */
export function useUploader(caseId: string, round: number, material: CaseMaterial, reload: () => void) {
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
