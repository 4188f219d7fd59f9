import { getHolidaysInRange, isWorkday } from 'chinese-days'

/**
 * Working days per the State Council holiday notice (domain README §4) from `chinese-days`. For a year
 * the package has no data for yet, it counts Monday–Friday; `calendarKnown` lets callers say so.
 */
export function addWorkingDays(date: string, days: number): string {
  let cursor = new Date(`${date}T00:00:00Z`)
  let left = days
  while (left > 0) {
    cursor = new Date(cursor.getTime() + 86_400_000)
    if (isWorkday(cursor.toISOString().slice(0, 10))) left--
  }
  return cursor.toISOString().slice(0, 10)
}

const known = new Map<number, boolean>()

/** Whether the holiday data covers `year` (the notice is published each November). */
export function calendarKnown(year: number): boolean {
  let answer = known.get(year)
  if (answer === undefined) {
    answer = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0
    known.set(year, answer)
  }
  return answer
}
