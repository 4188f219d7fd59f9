import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Session } from '../services/auth'
import type { Me } from '../services/me'
import { taroStorage } from './taro-storage'

interface SessionState {
  token: string | null
  me: Me | null
  signIn: (session: Session) => void
  setMe: (me: Me) => void
  clear: () => void
}

const signedOut = { token: null, me: null }

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      ...signedOut,
      signIn: ({ token, user }) => set({ token, me: user }),
      setMe: (me) => set({ me }),
      clear: () => set(signedOut),
    }),
    {
      name: 'onetrip.session',
      storage: taroStorage,
      partialize: ({ token, me }) => ({ token, me }),
      // Only the BFF decides whether a session is still valid: a phone's clock drifts, and a demo BFF's clock
      // (CLOCK_START) is not the device's. A stored token is restored as it is; the BFF's 401 ends it (http.ts).
      merge: (persisted, current) => {
        const saved = persisted as Partial<SessionState> | undefined
        return saved?.token ? { ...current, token: saved.token, me: saved.me ?? null } : current
      },
    },
  ),
)

export const isSignedIn = (state: Pick<SessionState, 'token'>) => state.token !== null
