import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Session } from '../services/auth'
import type { Me } from '../services/me'
import { taroStorage } from './taro-storage'

interface SessionState {
  token: string | null
  expiresAt: string | null
  me: Me | null
  signIn: (session: Session) => void
  setMe: (me: Me) => void
  clear: () => void
}

const signedOut = { token: null, expiresAt: null, me: null }

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      ...signedOut,
      signIn: ({ token, expiresAt, user }) => set({ token, expiresAt, me: user }),
      setMe: (me) => set({ me }),
      clear: () => set(signedOut),
    }),
    {
      name: 'onetrip.session',
      storage: taroStorage,
      partialize: ({ token, expiresAt, me }) => ({ token, expiresAt, me }),
      // A session past its expiry is dropped when the app starts instead of failing on the first call.
      merge: (persisted, current) => {
        const saved = persisted as Partial<SessionState> | undefined
        const valid = saved?.token && saved.expiresAt && Date.parse(saved.expiresAt) > Date.now()
        return valid ? { ...current, token: saved.token!, expiresAt: saved.expiresAt!, me: saved.me ?? null } : current
      },
    },
  ),
)

export const isSignedIn = (state: Pick<SessionState, 'token'>) => state.token !== null
