/** Every time rule is in Asia/Shanghai (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 60 * 60 * 1000

/** YYYY-MM-DD of `instant` in Asia/Shanghai. */
export const shanghaiDate = (instant: Date) => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10)

/** HH:MM of `instant` in Asia/Shanghai. */
export const shanghaiTime = (instant: Date) => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(11, 16)

/** The instant of a Shanghai wall-clock date and HH:MM. */
export const shanghaiInstant = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`)

/** Minutes since midnight for an HH:MM string. */
export const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** HH:MM for minutes since midnight (the inverse of minutesOfDay). */
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
