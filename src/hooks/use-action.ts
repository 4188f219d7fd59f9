import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { actionTracker, toApiError, type ApiError, type UserAction } from '../services/http'
import { tellUser } from '../components/modal'

/**
 * One user action that calls the BFF: `busy` while it runs (to disable its button) and the Chinese
 * message of its failure in `error`, cleared when it runs again. `toast` also shows the failure as a
 * toast (for actions on a row or in a footer with no place for an inline message); `onFailure` lets
 * the caller react to the refusal itself (e.g. refresh what is on screen after a stale-state code).
 * `action` receives the tap's `UserAction` to pass to the service: a tap after a try that got no answer
 * reuses it, so the BFF recognises the retry by its Idempotency-Key.
 */
export function useAction(options: { toast?: boolean } = {}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const actions = useRef(actionTracker()).current
  const run = async (action: (userAction: UserAction) => Promise<unknown>, onFailure?: (failure: ApiError) => unknown) => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await action(actions.start())
      actions.settle(null)
    } catch (caught) {
      const failure = toApiError(caught)
      actions.settle(failure)
      setError(failure.message)
      if (options.toast) void Taro.showToast({ title: failure.message, icon: 'none' })
      await onFailure?.(failure)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}

/** An `onFailure` for actions whose refusal needs reading before going on (staff desks, signing): a modal. */
export const refusalModal = (title: string) => (failure: ApiError) => void tellUser(title, failure.message)
