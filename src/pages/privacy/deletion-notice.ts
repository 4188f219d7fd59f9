import Taro from '@tarojs/taro'
import { PAGE_PATHS } from '@/domain/page-routes'
import { shanghaiDate, shanghaiTime } from '@/domain/time'
import type { AccountDeletion } from '@/services/privacy'
import { useSession } from '@/stores/session'
import { tellUser } from '@/components/modal'

export const when = (iso: string) => `${shanghaiDate(new Date(iso))} ${shanghaiTime(new Date(iso))}`

/** After 注销账号 was requested (directly, or by withdrawing the 《隐私政策》): the BFF signed out everywhere; say when and go to 我的. */
export async function afterDeletionRequest(deletion: AccountDeletion) {
  useSession.getState().clear()
  await tellUser('已提交注销申请', `账号将于 ${when(deletion.effectiveAt)} 注销。在此之前再次登录即可撤销。`)
  void Taro.switchTab({ url: PAGE_PATHS.mine })
}
