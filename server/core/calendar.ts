import calendarData from 'chinese-days/dist/chinese-days.json'
import type { HolidayCalendar } from '../../src/domain/working-days'

/**
 * The one statutory holiday calendar of the BFF, from the `chinese-days` package (State Council notices
 * 2004–2026 in version 1.5.7). Every working-day rule (appointments, queue days, pre-review deadlines)
 * passes it to the pure functions of src/domain/working-days.ts. Each entry reads "English name,中文名,days".
 * A year the package has no holidays for is not covered: working-days.ts falls back to Monday–Friday for it
 * and callers flag it to staff. Its 2026 data matches the 2026 notice in docs/domain-rules.md (checked by the
 * calendar tests).
 */
function buildCalendar(data: { holidays: Record<string, string>; workdays: Record<string, string> }): HolidayCalendar {
  const names = new Map<string, string>()
  for (const [date, label] of Object.entries(data.holidays)) names.set(date, label.split(',')[1] ?? label)
  return {
    holidays: new Set(Object.keys(data.holidays)),
    workdays: new Set(Object.keys(data.workdays)),
    years: new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)))),
    names,
  }
}

export const HOLIDAY_CALENDAR: HolidayCalendar = buildCalendar(calendarData)
