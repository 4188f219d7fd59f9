import Taro from '@tarojs/taro'
import { downloadCaseFile, type CaseFile } from '@/services/review'
import { toApiError } from '@/services/http'

/**
 * Opens a case file for reading. Images: the platform's zoomable viewer over every image of the
 * material (weapp native; H5 Taro's pinch-zoom swiper). PDFs are served as application/pdf and
 * opened by the platform's PDF reader (weapp openDocument pages it; H5 a new browser tab).
 */
export async function viewCaseFile(files: CaseFile[], file: CaseFile, urlOf: (f: CaseFile) => string): Promise<void> {
  void Taro.showLoading({ title: '正在打开…' })
  try {
    if (file.kind === 'image') {
      const images = files.filter((f) => f.kind === 'image')
      const paths = await Promise.all(images.map((f) => downloadCaseFile(urlOf(f))))
      Taro.hideLoading()
      await Taro.previewImage({ urls: paths, current: paths[images.indexOf(file)] })
      return
    }
    const path = await downloadCaseFile(urlOf(file))
    Taro.hideLoading()
    if (process.env.TARO_ENV === 'h5') {
      if (!window.open(path, '_blank')) void Taro.showToast({ title: '浏览器拦截了新窗口，请允许弹出窗口后重试', icon: 'none' })
      return
    }
    await Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: false })
  } catch (error) {
    Taro.hideLoading()
    void Taro.showToast({ title: toApiError(error).message, icon: 'none' })
  }
}
