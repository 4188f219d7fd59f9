import { addDays, describeDay, isCalendarKnown, isWorkingDay, nextWorkingDays, weekdayOf, type HolidayCalendar } from '../../src/domain/working-days'

// A small hand-made calendar: 2030 with one three-day holiday (Thu–Sat) and a Sunday make-up day.
const CALENDAR: HolidayCalendar = {
  holidays: new Set(['2030-05-02', '2030-05-03', '2030-05-04']),
  workdays: new Set(['2030-05-05']),
  years: new Set([2030]),
  names: new Map([['2030-05-02', '劳动节']]),
}

describe('working days', () => {
  it('knows weekdays and calendar arithmetic across months and leap years', () => {
    expect(weekdayOf('2030-05-01')).toBe(3)
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28')
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01')
  })

  it('is Monday to Friday, minus holidays, plus make-up days', () => {
    expect(isWorkingDay('2030-05-01', CALENDAR)).toBe(true) // Wednesday
    expect(isWorkingDay('2030-05-02', CALENDAR)).toBe(false) // Thursday, holiday
    expect(isWorkingDay('2030-05-04', CALENDAR)).toBe(false) // Saturday, holiday
    expect(isWorkingDay('2030-05-05', CALENDAR)).toBe(true) // Sunday, make-up day
    expect(isWorkingDay('2030-05-11', CALENDAR)).toBe(false) // ordinary Saturday
  })

  it('describes a day with its kind and holiday name', () => {
    expect(describeDay('2030-05-02', CALENDAR)).toEqual({ date: '2030-05-02', working: false, kind: 'holiday', calendarKnown: true, holidayName: '劳动节' })
    expect(describeDay('2030-05-05', CALENDAR)).toMatchObject({ working: true, kind: 'makeup' })
    expect(describeDay('2030-05-12', CALENDAR)).toMatchObject({ working: false, kind: 'weekend' })
  })

  it('falls back to Monday–Friday for a year without data, and says so', () => {
    expect(isCalendarKnown('2031-05-01', CALENDAR)).toBe(false)
    expect(describeDay('2031-05-01', CALENDAR)).toEqual({ date: '2031-05-01', working: true, kind: 'workday', calendarKnown: false, holidayName: null })
    expect(describeDay('2031-05-03', CALENDAR)).toMatchObject({ working: false, kind: 'weekend', calendarKnown: false })
  })

  it('lists the next working days after a date, skipping holidays and including make-up days', () => {
    expect(nextWorkingDays('2030-04-30', 4, CALENDAR)).toEqual(['2030-05-01', '2030-05-05', '2030-05-06', '2030-05-07'])
    expect(nextWorkingDays('2030-12-30', 3, CALENDAR)).toEqual(['2030-12-31', '2031-01-01', '2031-01-02'])
    expect(nextWorkingDays('2030-04-30', 0, CALENDAR)).toEqual([])
  })

  it('refuses something that is not a calendar date', () => {
    expect(() => isWorkingDay('2030-02-30', CALENDAR)).toThrow(RangeError)
    expect(() => isWorkingDay('tomorrow', CALENDAR)).toThrow(RangeError)
  })
})
