import Taro from '@tarojs/taro'
import type { Static } from '@sinclair/typebox'
import type { DeletionSchema, ExportSchema, PrivacyOverviewSchema } from '../../server/modules/privacy/schemas'
import { download, http, type UserAction } from './http'

export type PrivacyOverview = Static<typeof PrivacyOverviewSchema>
export type PrivacyExport = Static<typeof ExportSchema>
export type AccountDeletion = Static<typeof DeletionSchema>

export const getPrivacyOverview = () => http.get<PrivacyOverview>('/api/v1/me/privacy')

export const requestPrivacyExport = (action?: UserAction) => http.post<PrivacyExport>('/api/v1/me/privacy/exports', undefined, { action })

export const requestAccountDeletion = (action?: UserAction) => http.post<AccountDeletion>('/api/v1/me/privacy/deletion', { confirm: true }, { action })

/** Downloads the owner's zip: a file save on H5, the document menu (save / forward to a computer) on WeChat. */
export async function saveExport(id: string): Promise<void> {
  const tempFilePath = await download(`/api/v1/me/privacy/exports/${encodeURIComponent(id)}/download`, '个人信息副本下载失败，请稍后重试')
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = tempFilePath
    link.download = `onetrip-personal-data-${id.slice(0, 8)}.zip`
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  await Taro.shareFileMessage({ filePath: tempFilePath, fileName: `onetrip-personal-data-${id.slice(0, 8)}.zip` })
}
