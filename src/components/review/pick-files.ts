import Taro from '@tarojs/taro'
import { isPrivacyRefusal } from '@/components/privacy-sheet/consent'
import { PRIVACY_TEXT } from '@/components/privacy-sheet/text'
import { tellUser } from '@/components/modal'

export interface PickedFile {
  /** weapp temp path or H5 blob URL (for display and to tell files apart). */
  path: string
  /** H5: the chosen file itself, which is what gets uploaded. */
  file?: Blob
  name: string
  size: number
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

/** H5: a file input taking the material's formats (PDF included), several files at once. */
function pickOnH5(formats: string[], count: number): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = formats.map((f) => MIME[f] ?? `.${f}`).join(',')
    input.multiple = count > 1
    input.style.display = 'none'
    const finish = (files: File[]) => {
      input.remove()
      resolve(files.slice(0, count).map((file) => ({ path: URL.createObjectURL(file), file, name: file.name, size: file.size })))
    }
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])))
    input.addEventListener('cancel', () => finish([]))
    document.body.appendChild(input)
    input.click()
  })
}

const baseName = (path: string) => path.split('/').pop() ?? path

/**
 * weapp: camera or album (Taro.chooseMedia) for photos; a PDF from a chat (Taro.chooseMessageFile),
 * since the mini-program cannot browse the phone's files. An empty list means the user cancelled.
 */
async function pickOnWeapp(formats: string[], count: number): Promise<PickedFile[]> {
  const images = formats.some((f) => f !== 'pdf')
  const pdf = formats.includes('pdf')
  let fromChat = pdf && !images
  if (pdf && images) fromChat = (await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从微信聊天中选择PDF文件'] })).tapIndex === 1
  if (fromChat) {
    const chosen = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf'] })
    return chosen.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size }))
  }
  // Compressed keeps a phone photo legible and under the 5 MB most materials allow.
  const chosen = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
  return chosen.tempFiles.map((f) => ({ path: f.tempFilePath, name: baseName(f.tempFilePath), size: f.size }))
}

export async function pickFiles(formats: string[], count: number): Promise<PickedFile[]> {
  if (count <= 0) return []
  try {
    return process.env.TARO_ENV === 'h5' ? await pickOnH5(formats, count) : await pickOnWeapp(formats, count)
  } catch (error) {
    // Cancelling the sheet or the picker rejects; nothing was chosen. Declining the privacy guide says so.
    if (isPrivacyRefusal(error)) void tellUser('未能选择文件', PRIVACY_TEXT.declinedFiles)
    return []
  }
}
