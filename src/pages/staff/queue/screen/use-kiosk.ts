import { useCallback, useEffect, useState } from 'react'

/** The pointer disappears after this long without moving: nobody in the hall should see a stray cursor on the TV. */
const CURSOR_IDLE_MS = 3000

const canFullscreen = () => process.env.TARO_ENV === 'h5' && typeof document !== 'undefined' && document.fullscreenEnabled

/**
 * Kiosk behaviour of the hall screen on H5: whether the page is full-screen (Fullscreen API, which needs a
 * tap to enter), and whether the pointer has been still long enough to hide it.
 */
export function useKiosk() {
  const [fullscreen, setFullscreen] = useState(false)
  const [pointerIdle, setPointerIdle] = useState(true)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    const onChange = () => setFullscreen(Boolean(document.fullscreenElement))
    let timer: ReturnType<typeof setTimeout> | undefined
    const onMove = () => {
      setPointerIdle(false)
      clearTimeout(timer)
      timer = setTimeout(() => setPointerIdle(true), CURSOR_IDLE_MS)
    }
    document.addEventListener('fullscreenchange', onChange)
    document.addEventListener('mousemove', onMove)
    return () => {
      clearTimeout(timer)
      document.removeEventListener('fullscreenchange', onChange)
      document.removeEventListener('mousemove', onMove)
    }
  }, [])

  const enterFullscreen = useCallback(() => {
    if (canFullscreen()) document.documentElement.requestFullscreen().catch(() => undefined)
  }, [])

  return { canFullscreen: canFullscreen() && !fullscreen, enterFullscreen, pointerIdle }
}
