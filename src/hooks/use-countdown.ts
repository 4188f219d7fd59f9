import { useEffect, useState } from 'react'

/** Seconds left before an SMS code may be sent again; `start(n)` begins a countdown of n seconds. */
export function useCountdown() {
  const [left, setLeft] = useState(0)
  useEffect(() => {
    if (left <= 0) return
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000)
    return () => clearTimeout(timer)
  }, [left])
  return { left, start: (seconds: number) => setLeft(seconds > 0 ? seconds : 60) }
}
