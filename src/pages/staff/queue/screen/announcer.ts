import type { HallScreen } from '@/services/queue'

type Call = HallScreen['calls'][number]

/** What the hall says aloud for a call, in the words queue systems in Chinese halls use. */
export const callSentence = (call: Pick<Call, 'number' | 'windowNumber'>) => `请 ${call.number} 号到 ${call.windowNumber} 号窗口办理`

/** Each call is said twice: people turn their heads at the chime and listen the second time. */
const SPOKEN_TIMES = 2
/** An engine that never reports the end of an utterance (none installed, tab throttled) must not stall the next call. */
const UTTERANCE_LIMIT_MS = 10_000
const CHIME_MS = 1300

/**
 * A call is identified by its number and the instant it was called: a re-call moves `calledAt`,
 * so it counts as a new call and is announced again.
 */
const callKey = (call: Call) => `${call.number}@${call.calledAt}`

/**
 * Remembers which calls were on screen and returns the calls that are new since the last look, oldest
 * first. The first look only remembers: opening the screen does not read out the morning's calls again.
 */
export function newCallTracker() {
  let seen: Set<string> | null = null
  return (calls: Call[]): Call[] => {
    if (seen === null) {
      seen = new Set(calls.map(callKey))
      return []
    }
    const known = seen
    const fresh = calls.filter((call) => call.status === 'called' && !known.has(callKey(call)))
    for (const call of calls) known.add(callKey(call))
    return fresh.sort((a, b) => Date.parse(a.calledAt) - Date.parse(b.calledAt))
  }
}

export interface Announcer {
  /** Queues the chime and the sentence (twice) after whatever is being announced. */
  announce(sentence: string): void
  /** Browsers allow sound only after a user gesture: call from a tap to unlock the chime. */
  unlock(): void
  /** Drops what is queued and stops speaking (the screen closes, or the voice is switched off). */
  cancel(): void
}

/** The H5 announcer: a Web Audio chime, then Mandarin speech through `speechSynthesis`. */
export function createAnnouncer(): Announcer {
  let audio: AudioContext | null = null
  let queue: Promise<void> = Promise.resolve()
  let generation = 0

  const audioContext = () => {
    if (!audio && typeof AudioContext !== 'undefined') audio = new AudioContext()
    return audio
  }

  // 叮咚: two decaying bell tones a major third apart.
  const chime = () =>
    new Promise<void>((resolve) => {
      const context = audioContext()
      if (context && context.state !== 'closed') {
        for (const [frequency, offset] of [
          [659.25, 0],
          [523.25, 0.45],
        ]) {
          const start = context.currentTime + offset
          const tone = context.createOscillator()
          const gain = context.createGain()
          tone.frequency.value = frequency
          gain.gain.setValueAtTime(0.0001, start)
          gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02)
          gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.8)
          tone.connect(gain).connect(context.destination)
          tone.start(start)
          tone.stop(start + 0.85)
        }
      }
      setTimeout(resolve, CHIME_MS)
    })

  const say = (sentence: string) =>
    new Promise<void>((resolve) => {
      if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return resolve()
      const utterance = new SpeechSynthesisUtterance(sentence)
      utterance.lang = 'zh-CN'
      utterance.rate = 0.9
      const voice = speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-') === 'zh-CN')
      if (voice) utterance.voice = voice
      const limit = setTimeout(resolve, UTTERANCE_LIMIT_MS)
      utterance.onend = utterance.onerror = () => {
        clearTimeout(limit)
        resolve()
      }
      speechSynthesis.speak(utterance)
    })

  return {
    announce(sentence) {
      const mine = generation
      queue = queue.then(async () => {
        if (mine !== generation) return
        await chime()
        for (let i = 0; i < SPOKEN_TIMES && mine === generation; i++) await say(sentence)
      })
    },
    unlock() {
      void audioContext()?.resume()
    },
    cancel() {
      generation++
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel()
    },
  }
}
