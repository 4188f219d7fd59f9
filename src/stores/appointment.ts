import { create } from 'zustand'

/**
 * The booking being put together on the book page. It lives in memory only (slots go stale), so a
 * trip through sign-in and real-name verification comes back to the same day and slot.
 */
interface BookingDraft {
  hallId: string | null
  itemId: string | null
  date: string | null
  slotId: string | null
  chooseHall: (hallId: string) => void
  chooseItem: (itemId: string | null) => void
  chooseDate: (date: string) => void
  chooseSlot: (slotId: string | null) => void
  reset: () => void
}

const empty = { hallId: null, itemId: null, date: null, slotId: null }

export const useBookingDraft = create<BookingDraft>()((set, get) => ({
  ...empty,
  // Each choice clears the ones that depend on it.
  chooseHall: (hallId) => set(get().hallId === hallId ? {} : { ...empty, hallId }),
  chooseItem: (itemId) => set(get().itemId === itemId ? {} : { itemId, date: null, slotId: null }),
  chooseDate: (date) => set(get().date === date ? {} : { date, slotId: null }),
  chooseSlot: (slotId) => set({ slotId }),
  reset: () => set(empty),
}))
