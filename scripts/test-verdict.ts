// The pass/fail decision of `npm test` over its jest runs (scripts/test-all.ts), kept apart so it is tested.

/** The parts of jest's `--json` output the verdict reads. */
export interface JestSummary {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests?: number
  numRuntimeErrorTestSuites: number
  testResults?: { name: string; assertionResults: { fullName: string; status: string }[] }[]
}

export interface JestRun {
  label: 'pglite' | 'postgres'
  /** jest's exit code. */
  code: number
  summary: JestSummary | null
}

export interface Verdict {
  exitCode: number
  passed: number
  failed: number
  skipped: number
  /** Why the run fails beyond failed tests, one line each. */
  problems: string[]
}

const skippedIn = (summary: JestSummary) => summary.numPendingTests + (summary.numTodoTests ?? 0)

function skippedNames(summary: JestSummary): string[] {
  return (summary.testResults ?? []).flatMap((file) =>
    file.assertionResults.filter((test) => test.status !== 'passed' && test.status !== 'failed').map((test) => test.fullName),
  )
}

/**
 * Every run must produce results and exit 0, and something must have passed. The PostgreSQL pass
 * exists to run what PGlite cannot (several instances on one database), so a test skipped there fails
 * the run; under CI a missing PostgreSQL pass fails it too, so CI cannot go green without them.
 */
export function verdict(runs: JestRun[], options: { ci: boolean }): Verdict {
  const result: Verdict = { exitCode: 0, passed: 0, failed: 0, skipped: 0, problems: [] }
  const fail = (problem: string) => {
    result.problems.push(problem)
    result.exitCode = result.exitCode || 1
  }
  for (const run of runs) {
    if (!run.summary) {
      fail(`jest (${run.label}) produced no results`)
      result.failed += 1
      continue
    }
    result.passed += run.summary.numPassedTests
    result.failed += run.summary.numFailedTests + run.summary.numRuntimeErrorTestSuites
    result.skipped += skippedIn(run.summary)
    if (run.code !== 0) result.exitCode = run.code
    if (run.label === 'postgres' && skippedIn(run.summary) > 0) {
      const names = skippedNames(run.summary)
      fail(`${skippedIn(run.summary)} test(s) skipped on PostgreSQL, where every server test must run:${names.map((name) => `\n  - ${name}`).join('')}`)
    }
  }
  if (options.ci && !runs.some((run) => run.label === 'postgres')) {
    fail('CI: TEST_DATABASE_URL is not set, so the server suites did not run on PostgreSQL (.ci/run starts PostgreSQL and sets it)')
  }
  if (result.passed === 0) fail('no test passed')
  return result
}
