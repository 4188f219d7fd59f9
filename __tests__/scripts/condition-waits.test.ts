import fs from 'node:fs'
import path from 'node:path'

// Tests wait for conditions; a deadline only turns a hang into a message. A short explicit deadline on a
// condition wait fails on a busy 2-core machine (the first-page weapp suite timed out at 5 s under load and
// took the whole jest run down with it), so explicit deadlines below this floor are refused.
const FLOOR_MS = 20_000
const ROOTS = ['__tests__', 'e2e']
const WAIT_WITH_DEADLINE = [
  /\b(?:waitFor|waitForSelector|waitForFunction|waitForURL|waitForResponse|waitForEvent|findBy\w+|findAllBy\w+)\([^\n]*?\{\s*timeout:\s*([\d_]+)\s*\}/g,
  /\bwaitUntil\([^\n]*?,\s*([\d_]+)\s*\)/g,
]

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(file)
    return /\.(ts|tsx)$/.test(entry.name) ? [file] : []
  })
}

export function shortWaits(text: string): number[] {
  return WAIT_WITH_DEADLINE.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => Number(match[1].replace(/_/g, '')))).filter((ms) => ms < FLOOR_MS)
}

it('finds a short deadline on a condition wait (the check itself works)', () => {
  expect(shortWaits("await page.getByText('已叫号').waitFor({ timeout: 5000 })")).toEqual([5000])
  expect(shortWaits("await waitUntil('the sheet never showed', () => shown(), 5000)")).toEqual([5000])
  expect(shortWaits("expect(await screen.findByText('已签到', undefined, { timeout: 4000 })).toBeTruthy()")).toEqual([4000])
  expect(shortWaits('await waitFor(() => expect(loads).toBe(2), { timeout: 30_000 })')).toEqual([])
})

it('no test waits for a condition with a deadline shorter than 20 s', () => {
  const root = path.join(__dirname, '..', '..')
  const offenders = ROOTS.flatMap((dir) => sources(path.join(root, dir)))
    .filter((file) => !file.endsWith('condition-waits.test.ts'))
    .flatMap((file) => shortWaits(fs.readFileSync(file, 'utf8')).map((ms) => `${path.relative(root, file)}: ${ms} ms`))
  expect(offenders).toEqual([])
})
