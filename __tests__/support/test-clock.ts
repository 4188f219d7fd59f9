import calendarData from 'chinese-days/dist/chinese-days.json'
import { addDays, weekdayOf } from '../../src/domain/working-days'
import { shanghaiDate } from '../../src/domain/time'

/**
 * Where the clocks of tests that run a BFF in real time (e2e, crash safety, two instances) start.
 *
 * They never start on a fixed calendar date: a date that was "next Tuesday" when a test was written is
 * in the past a week later, and then every rule that compares it with the real now (a session's expiry on
 * the device, a database's `now()`) breaks. Instead the start is computed from the real now: the next
 * Tuesday whose whole week (Monday to Friday) is an ordinary working week — no statutory holiday and no
 * 调休 make-up day in it — at `time` in Shanghai, so the halls are open, Wednesday is the next working day
 * and Friday the last working day of the week, whatever day CI runs on.
 *
 * `TEST_CLOCK_FROM` (an ISO instant) replaces the real now, to run the suites as if on another date.
 */
export function testClockStart(time = '09:30', from: Date = referenceNow()): string {
  const special = new Set([...Object.keys(calendarData.holidays), ...Object.keys(calendarData.workdays)])
  let tuesday = addDays(shanghaiDate(from), 1)
  while (weekdayOf(tuesday) !== 2) tuesday = addDays(tuesday, 1)
  const ordinaryWeek = (day: string) => [-1, 0, 1, 2, 3].every((offset) => !special.has(addDays(day, offset)))
  while (!ordinaryWeek(tuesday)) tuesday = addDays(tuesday, 7)
  return `${tuesday}T${time}:00+08:00`
}

function referenceNow(): Date {
  const from = process.env.TEST_CLOCK_FROM
  if (!from) return new Date()
  const parsed = new Date(from)
  if (Number.isNaN(parsed.getTime())) throw new Error(`TEST_CLOCK_FROM is not a date: ${from}`)
  return parsed
}

/** The calendar date of a clock start (or `offsetDays` after it), in the forms the app and the BFF print it. */
export function clockDay(start: string, offsetDays = 0) {
  const date = addDays(shanghaiDate(new Date(start)), offsetDays)
  const [, month, day] = date.split('-').map(Number)
  return {
    date,
    /** 20261124: as in case numbers, reservation numbers and EMS numbers. */
    compact: date.replaceAll('-', ''),
    /** 11月24日 */
    label: `${month}月${day}日`,
    /** 周二 */
    weekday: `周${'日一二三四五六'[weekdayOf(date)]}`,
  }
}

/** The years between `date` and `days` later that the holiday data does not cover (staff are warned of each). */
export function yearsWithoutHolidayData(date: string, days: number): number[] {
  const covered = new Set(Object.keys(calendarData.holidays).map((day) => Number(day.slice(0, 4))))
  const years = new Set<number>()
  for (let i = 0; i <= days; i++) years.add(Number(addDays(date, i).slice(0, 4)))
  return [...years].filter((year) => !covered.has(year))
}
