import { useState } from 'react'
import { toApiError } from '../services/http'

/**
 * One user action that calls the BFF: `busy` while it runs (to disable its button) and the Chinese
 * message of its failure in `error`, cleared when it runs again.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (failure) {
      setError(toApiError(failure).message)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}
