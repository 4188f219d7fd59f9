import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from './taro-storage'

interface HallState {
  /** The service hall the user picked on the home page; null until the first choice. */
  hallId: string | null
  chooseHall: (hallId: string) => void
}

export const useHall = create<HallState>()(
  persist((set) => ({ hallId: null, chooseHall: (hallId) => set({ hallId }) }), {
    name: 'onetrip.hall',
    storage: taroStorage,
    partialize: ({ hallId }) => ({ hallId }),
  }),
)
