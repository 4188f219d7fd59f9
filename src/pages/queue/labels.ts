import { shanghaiDate, shanghaiTime } from '@/domain/time'

/** "约 12–20 分钟", or "无需等待" when the range is 0–0. */
export const waitText = (range: { min: number; max: number }) => (range.max <= 0 ? '无需等待' : `约 ${range.min}–${range.max} 分钟`)

/** HH:MM in Shanghai of an ISO instant. */
export const clockOf = (iso: string) => shanghaiTime(new Date(iso))

/** "11-24 10:05" in Shanghai. */
export const dateTimeOf = (iso: string) => {
  const instant = new Date(iso)
  return `${shanghaiDate(instant).slice(5)} ${shanghaiTime(instant)}`
}
