import Taro, { useRouter } from '@tarojs/taro'
import { pageLink } from '@/domain/page-routes'
import { decodeParam } from '@/routes'
import { staffHallFor } from '@/pages/staff/staff-hall'
import { useSession } from '@/stores/session'

/**
 * The hall a 管理 page works on: the one in the link (the BFF decides whether the caller may administer it),
 * else the first hall the user administers. Null for a platform administrator opening a page without a hall.
 */
export function useAdminHallId(): string | null {
  const me = useSession((s) => s.me)
  const requested = decodeParam(useRouter().params.hallId)
  return requested || staffHallFor(me, 'admin', undefined)
}

/** Back to the hall page after saving (it refreshes when shown), or onto it when this page was opened directly. */
export function backToHall(hallId: string) {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack()
  return Taro.redirectTo({ url: pageLink('adminHall', { hallId }) })
}
