/**
 * The guard against tests that rot with the calendar. Suites whose BFF clock runs in real time (every e2e
 * journey, and the suites that start a BFF process with CLOCK_START) share time with things that read the
 * real now: the browser, the database's now(), the operating system. A date written into such a suite is
 * right on the day it is written and wrong some weeks later — CI went red on 2026-12-01 that way. Their
 * clocks start from __tests__/support/test-clock.ts instead, and every date they expect is computed from that
 * start; this test fails when a literal date creeps back into one of them.
 *
 * Suites on a ManualClock (the server suites' TUESDAY_10AM) are not checked: there every date is relative to
 * a clock the test sets, and nothing compares it with the real now.
 */
import fs from 'node:fs'
import path from 'node:path'
import { dateLiteralsIn, realTimeSuites } from '../../scripts/fixture-dates'

const ROOT = path.resolve(__dirname, '../..')

it('finds real-time suites: every e2e journey and the suites that start a BFF with CLOCK_START', () => {
  const suites = realTimeSuites(ROOT).map((file) => path.relative(ROOT, file))
  expect(suites).toEqual(expect.arrayContaining(['e2e/harness.ts', 'e2e/queue.test.ts', '__tests__/server/crash-safety.test.ts']))
  expect(suites).not.toContain('__tests__/server/queue.test.ts')
})

it('no real-time suite holds a literal calendar date: its dates come from the test clock', () => {
  const found = realTimeSuites(ROOT).flatMap((file) =>
    dateLiteralsIn(fs.readFileSync(file, 'utf8')).map((hit) => `${path.relative(ROOT, file)}:${hit.line} ${hit.text}`),
  )
  expect(found).toEqual([])
})

it('catches the date forms a fixture uses, and leaves ID numbers and phone numbers alone', () => {
  const source = [
    "export const E2E_CLOCK_START = '2026-11-24T09:30:00+08:00'",
    "const emsCase = 'YS-20261124-900001'",
    'const reservation = /^MC20261124\\d{6}$/',
    "name: '保留期至：2027年1月24日（保留 2 个月）'",
    "const idNumber = '11010520001231002X'",
    "const phone = '13812345678'",
  ].join('\n')
  expect(dateLiteralsIn(source)).toEqual([
    { line: 1, text: '2026-11-24' },
    { line: 2, text: '20261124' },
    { line: 3, text: '20261124' },
    { line: 4, text: '2027年1月24日' },
  ])
})
