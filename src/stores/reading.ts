import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { setPreferences } from '../services/me'
import { useSession } from './session'
import { taroStorage } from './taro-storage'

interface ReadingState {
  /** 长辈版 (large text, large buttons, the simplified home): true on, false off, null never chosen on this device. */
  elderMode: boolean | null
  /** The user's choice: remembered on this device and, when signed in, on the account. */
  chooseElderMode: (on: boolean) => void
}

/** The account's copy of the choice; a failure only loses the copy (the device keeps the choice). */
const saveOnAccount = (on: boolean) => {
  if (!useSession.getState().token) return
  setPreferences({ elderMode: on }).then(useSession.getState().setMe, () => undefined)
}

export const useReading = create<ReadingState>()(
  persist(
    (set) => ({
      elderMode: null,
      chooseElderMode: (on) => {
        set({ elderMode: on })
        saveOnAccount(on)
      },
    }),
    { name: 'onetrip.reading', storage: taroStorage, partialize: ({ elderMode }) => ({ elderMode }) },
  ),
)

/**
 * At login the account's choice follows the user to this device; an account that never chose takes the
 * device's choice. Only a new session does this: a profile refresh racing a switch must not undo it.
 */
useSession.subscribe((state, previous) => {
  if (!state.token || state.token === previous.token || !state.me) return
  const fromAccount = state.me.elderMode
  if (fromAccount !== null) useReading.setState({ elderMode: fromAccount })
  else {
    const onDevice = useReading.getState().elderMode
    if (onDevice !== null) saveOnAccount(onDevice)
  }
})

export const isElder = (state: Pick<ReadingState, 'elderMode'>) => state.elderMode === true
