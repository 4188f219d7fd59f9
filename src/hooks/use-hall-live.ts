import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { watchHall } from '../services/queue'

/**
 * Runs `onChange` whenever the hall's queue changes (live socket, polling as fallback) while the page
 * is on screen; a page hidden under another in the stack stops listening.
 */
export function useHallLive(hallId: string | null, onChange: () => void) {
  const latest = useRef(onChange)
  latest.current = onChange
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  useEffect(() => {
    if (!hallId || !visible) return undefined
    return watchHall(hallId, () => latest.current())
  }, [hallId, visible])
}
