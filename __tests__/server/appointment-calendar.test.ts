import { HOLIDAY_CALENDAR } from '../../server/core/calendar'
import { addDays, addWorkingDays, describeDay, isWorkingDay, nextWorkingDays, workingDayDeadline } from '../../src/domain/working-days'

const range = (from: string, to: string) => {
  const dates: string[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date)
  return dates
}

// The State Council's 2026 arrangement as written in the domain README §4.
const HOLIDAYS_2026 = [
  ...range('2026-01-01', '2026-01-03'),
  ...range('2026-02-15', '2026-02-23'),
  ...range('2026-04-04', '2026-04-06'),
  ...range('2026-05-01', '2026-05-05'),
  ...range('2026-06-19', '2026-06-21'),
  ...range('2026-09-25', '2026-09-27'),
  ...range('2026-10-01', '2026-10-07'),
]
const MAKEUP_DAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']

describe('the 2026 holiday calendar the BFF uses', () => {
  it('has exactly the holidays of the State Council notice', () => {
    const inData = [...HOLIDAY_CALENDAR.holidays].filter((date) => date.startsWith('2026-')).sort()
    expect(inData).toEqual(HOLIDAYS_2026)
  })

  it('has exactly the make-up working days of the notice', () => {
    const inData = [...HOLIDAY_CALENDAR.workdays].filter((date) => date.startsWith('2026-')).sort()
    expect(inData).toEqual(MAKEUP_DAYS_2026)
  })

  it.each(['2026-02-14', '2026-02-28', '2026-01-04', '2026-05-09', '2026-09-20', '2026-10-10'])('%s (a weekend) is a working day', (date) => {
    expect(isWorkingDay(date, HOLIDAY_CALENDAR)).toBe(true)
    expect(describeDay(date, HOLIDAY_CALENDAR).kind).toBe('makeup')
  })

  it.each(range('2026-10-01', '2026-10-07'))('%s is not a working day (国庆节)', (date) => {
    expect(isWorkingDay(date, HOLIDAY_CALENDAR)).toBe(false)
    expect(describeDay(date, HOLIDAY_CALENDAR).holidayName).toBe('国庆节')
  })

  it('skips 春节 and counts its make-up Saturdays when looking ahead', () => {
    expect(nextWorkingDays('2026-02-12', 5, HOLIDAY_CALENDAR)).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26'])
  })

  it('does not guess a year without data: Monday to Friday, flagged as unknown', () => {
    expect(HOLIDAY_CALENDAR.years.has(2026)).toBe(true)
    expect(HOLIDAY_CALENDAR.years.has(2027)).toBe(false)
    expect(describeDay('2027-01-01', HOLIDAY_CALENDAR)).toMatchObject({ working: true, calendarKnown: false })
  })
})

describe('the one deadline rule (pre-review answers, 补正 and 容缺 dates) on the same calendar', () => {
  it.each([
    ['2026-09-30', 1, '2026-10-08'], // over 国庆
    ['2026-10-09', 1, '2026-10-10'], // a 调休 Saturday counts
    ['2026-02-13', 2, '2026-02-24'], // the 调休 Saturday 14 Feb, then over 春节
    ['2026-12-31', 1, '2027-01-01'], // a year without data: Monday–Friday, never guessed
    ['2026-11-24', 0, '2026-11-24'],
  ])('%s + %i working days = %s', (from, n, due) => {
    expect(addWorkingDays(from, n, HOLIDAY_CALENDAR)).toBe(due)
  })

  it('falls due at the hall closing time of that day in Asia/Shanghai, whatever the hour of the start', () => {
    // 23:30 on Wednesday 30 September in Shanghai is still that day (15:30 UTC).
    expect(workingDayDeadline(new Date('2026-09-30T15:30:00Z'), 1, '17:00', HOLIDAY_CALENDAR).toISOString()).toBe('2026-10-08T09:00:00.000Z')
    // 00:30 on Thursday 1 October in Shanghai is 16:30 UTC the day before: counted from 1 October.
    expect(workingDayDeadline(new Date('2026-09-30T16:30:00Z'), 1, '17:00', HOLIDAY_CALENDAR).toISOString()).toBe('2026-10-08T09:00:00.000Z')
  })
})
