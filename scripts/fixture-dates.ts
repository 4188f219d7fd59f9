import fs from 'node:fs'
import path from 'node:path'

/**
 * Test files whose BFF clock runs in real time: everything under e2e/, and any other test file that starts a
 * BFF with CLOCK_START or a running clock (clockFrom). See __tests__/scripts/fixture-dates.test.ts.
 */
export function realTimeSuites(root: string): string[] {
  const e2e = listTs(path.join(root, 'e2e'))
  const startsRunningClock = /\bCLOCK_START:|\bclockFrom\(/
  const others = listTs(path.join(root, '__tests__')).filter((file) => startsRunningClock.test(fs.readFileSync(file, 'utf8')))
  return [...e2e, ...others]
}

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : listTs(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

// 2026-11-24, 20261124 or 2026年11月24日, standing alone (not inside a longer run of digits such as an ID number).
const DATE_LITERAL = /(?<!\d)(20\d\d)(?:-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])|年(1[0-2]|[1-9])月(3[01]|[12]\d|[1-9])日)(?!\d)/g

/**
 * Literal calendar dates in `source`, with their line numbers. In a suite whose clock runs in real time every
 * such date is a fixture that rots: one in the past is wrong today, one in the future is wrong on its day.
 */
export function dateLiteralsIn(source: string): { line: number; text: string }[] {
  return source.split('\n').flatMap((text, i) => [...text.matchAll(DATE_LITERAL)].map((match) => ({ line: i + 1, text: match[0] })))
}
