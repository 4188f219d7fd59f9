import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { HallScreen } from '@/services/queue'
import { callSentence, createAnnouncer, newCallTracker } from './announcer'

/** Per device: the hall's TV keeps its setting across reloads and restarts. */
const VOICE_KEY = 'hall-screen-voice'

/**
 * Reads out every new call (and every re-call) on the hall screen while the voice is on. The switch is
 * remembered on the device; switching off stops what is being said.
 */
export function useCallVoice(calls: HallScreen['calls'] | null) {
  const [voiceOn, setVoiceOn] = useState(() => Taro.getStorageSync(VOICE_KEY) !== 'off')
  const announcer = useMemo(() => (process.env.TARO_ENV === 'h5' ? createAnnouncer() : null), [])
  const newCalls = useMemo(() => newCallTracker(), [])

  useEffect(() => {
    if (!calls) return
    const fresh = newCalls(calls)
    if (voiceOn && announcer) for (const call of fresh) announcer.announce(callSentence(call))
  }, [calls, voiceOn, announcer, newCalls])

  useEffect(() => () => announcer?.cancel(), [announcer])

  const toggleVoice = useCallback(() => {
    const next = !voiceOn
    setVoiceOn(next)
    Taro.setStorageSync(VOICE_KEY, next ? 'on' : 'off')
    if (next) announcer?.unlock()
    else announcer?.cancel()
  }, [voiceOn, announcer])

  const unlockSound = useCallback(() => announcer?.unlock(), [announcer])
  return { voiceOn, toggleVoice, unlockSound }
}
