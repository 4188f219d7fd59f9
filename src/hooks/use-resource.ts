import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { toApiError, type ApiError } from '../services/http'

export type Resource<T> = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T }

/**
 * Loads data for a page and tracks loading / error / ready. `load` runs whenever `key` changes
 * (null = nothing to load yet); `reload` runs it again, for retry buttons and onShow refreshes.
 * A slower, older answer never overwrites a newer one.
 */
export function useResource<T>(key: string | null, load: () => Promise<T>) {
  const [resource, setResource] = useState<Resource<T>>(key === null ? { status: 'idle' } : { status: 'loading' })
  const loadRef = useRef(load)
  loadRef.current = load
  const keyRef = useRef(key)
  keyRef.current = key
  const generation = useRef(0)

  const run = useCallback((quiet: boolean) => {
    const current = ++generation.current
    if (!quiet) setResource({ status: 'loading' })
    loadRef.current().then(
      (data) => current === generation.current && setResource({ status: 'ready', data }),
      (error) => current === generation.current && setResource({ status: 'error', error: toApiError(error) }),
    )
  }, [])

  useEffect(() => {
    if (key === null) {
      generation.current++
      setResource({ status: 'idle' })
      return
    }
    run(false)
  }, [key, run])

  useEffect(() => () => void generation.current++, [])

  /** `quiet` keeps what is on screen while refreshing. Nothing to reload while there is nothing to load (null key). */
  const reload = useCallback(
    (quiet = false) => {
      if (keyRef.current !== null) run(quiet)
    },
    [run],
  )
  /** Shows `data` the BFF answered an action with; a load still under way, older than the answer, no longer overwrites it. */
  const replace = useCallback((data: T) => {
    generation.current++
    setResource({ status: 'ready', data })
  }, [])
  return { resource, reload, replace, setResource }
}

/**
 * Reloads the resources quietly each time the page is shown again (back from a page that may have changed them),
 * not on its first show, which `useResource` loads already.
 */
export function useReloadOnReturn(...resources: { reload: (quiet?: boolean) => void }[]) {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) for (const resource of resources) resource.reload(true)
    shown.current = true
  })
}
