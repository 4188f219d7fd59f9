import { verdict, type JestRun, type JestSummary } from '../../scripts/test-verdict'

const summary = (passed: number, pending = 0, skippedName = 'two instances share the queue'): JestSummary => ({
  numPassedTests: passed,
  numFailedTests: 0,
  numPendingTests: pending,
  numTodoTests: 0,
  numRuntimeErrorTestSuites: 0,
  testResults: [
    {
      name: '/repo/__tests__/server/queue-concurrency.test.ts',
      assertionResults: [
        { fullName: 'queue takes a ticket', status: 'passed' },
        ...Array.from({ length: pending }, () => ({ fullName: skippedName, status: 'pending' })),
      ],
    },
  ],
})
const pglite = (pending = 0): JestRun => ({ label: 'pglite', code: 0, summary: summary(500, pending) })
const postgres = (pending = 0): JestRun => ({ label: 'postgres', code: 0, summary: summary(200, pending) })

describe('npm test verdict', () => {
  it('passes with both passes green; tests skipped on PGlite (they need PostgreSQL) are fine', () => {
    const result = verdict([pglite(3), postgres()], { ci: true })
    expect(result).toMatchObject({ exitCode: 0, passed: 700, skipped: 3, problems: [] })
  })

  it('fails when a test is skipped in the PostgreSQL pass, naming it', () => {
    const result = verdict([pglite(), postgres(2)], { ci: false })
    expect(result.exitCode).toBe(1)
    expect(result.problems).toEqual([expect.stringContaining('2 test(s) skipped on PostgreSQL')])
    expect(result.problems[0]).toContain('- two instances share the queue')
  })

  it('under CI, fails without a PostgreSQL pass (TEST_DATABASE_URL not set); outside CI that is allowed', () => {
    const ci = verdict([pglite(3)], { ci: true })
    expect(ci.exitCode).toBe(1)
    expect(ci.problems).toEqual([expect.stringContaining('TEST_DATABASE_URL is not set')])
    expect(verdict([pglite(3)], { ci: false }).exitCode).toBe(0)
  })

  it('keeps the older rules: jest’s own exit code, a run without results, nothing passed', () => {
    expect(verdict([{ ...pglite(), code: 1 }, postgres()], { ci: true }).exitCode).toBe(1)
    expect(verdict([pglite(), { label: 'postgres', code: 1, summary: null }], { ci: true })).toMatchObject({ exitCode: 1, failed: 1 })
    expect(verdict([{ label: 'pglite', code: 0, summary: summary(0) }], { ci: false }).exitCode).toBe(1)
  })
})
