import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { Kiosk } from '@/services/rating'

const KEY = 'rating-kiosk'
type Binding = Pick<Kiosk, 'token' | 'hallName' | 'windowNumber'>

/** The window this tablet is bound to, kept on the device (the token is the tablet's only credential). */
export function useKioskBinding() {
  const [binding, setBinding] = useState<Binding | null>(() => {
    const stored: unknown = Taro.getStorageSync(KEY)
    return stored && typeof stored === 'object' && 'token' in stored ? (stored as Binding) : null
  })
  const bind = (next: Binding) => {
    Taro.setStorageSync(KEY, { token: next.token, hallName: next.hallName, windowNumber: next.windowNumber })
    setBinding(next)
  }
  const unbind = () => {
    Taro.removeStorageSync(KEY)
    setBinding(null)
  }
  return { binding, bind, unbind }
}
