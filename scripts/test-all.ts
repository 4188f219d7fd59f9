// `npm test`: builds both targets once, lints and format-checks the sources, runs every jest project (domain, app, server, weapp, e2e) on
// PGlite, then the server suites again on PostgreSQL when TEST_DATABASE_URL is set, and prints one
// closing line "N passed, N failed".
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, buildIsStale, mustRun, npxBin, run } from './lib'
import { verdict, type JestRun, type JestSummary } from './test-verdict'

const LINTED = ['src', 'server', 'scripts', '__tests__', 'e2e', 'bench', 'config']
const resultsDir = path.join(ROOT, '.test-results')
fs.mkdirSync(resultsDir, { recursive: true })

for (const target of ['h5', 'weapp'] as const) {
  if (process.env.CI || buildIsStale(target)) mustRun(npxBin('taro'), ['build', '--type', target])
}
if (fs.existsSync(path.join(ROOT, 'scripts', 'check-budgets.ts'))) mustRun(npxBin('tsx'), ['scripts/check-budgets.ts'])
// Module boundaries (.dependency-cruiser.cjs) before any test: a violation stops the run.
mustRun(npxBin('tsx'), ['scripts/check-boundaries.ts'])
// WeChat's own rules on dist/weapp (declared APIs, privacy flow, links, sitemap, preload, budgets).
mustRun(npxBin('tsx'), ['scripts/weapp-conformance.ts'])
// Lint (typescript-eslint, react-hooks) and formatting (Prettier) over every source folder.
mustRun(npxBin('eslint'), LINTED)
mustRun(npxBin('prettier'), ['--check', ...LINTED.map((dir) => `${dir}/**/*.{ts,tsx,js,scss}`)])

function jest(label: string, args: string[], env: NodeJS.ProcessEnv): { code: number; summary: JestSummary | null } {
  const outputFile = path.join(resultsDir, `${label}.json`)
  fs.rmSync(outputFile, { force: true })
  // --forceExit: pools and PGlite handles some suites leave open must not hang CI after the results are in.
  const code = run(npxBin('jest'), [...args, '--json', '--forceExit', `--outputFile=${outputFile}`], env)
  const summary = fs.existsSync(outputFile) ? (JSON.parse(fs.readFileSync(outputFile, 'utf8')) as JestSummary) : null
  return { code, summary }
}

const { TEST_DATABASE_URL, ...envWithoutPostgres } = process.env
const runs: JestRun[] = [{ label: 'pglite', ...jest('pglite', [], envWithoutPostgres) }]
if (TEST_DATABASE_URL) {
  console.log(`\nServer suites again on PostgreSQL (${TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})…`)
  runs.push({ label: 'postgres', ...jest('postgres', ['--selectProjects', 'server'], { ...process.env, TEST_DATABASE_URL }) })
} else {
  console.log('\nTEST_DATABASE_URL is not set: the server suites ran on PGlite only.')
}

const { exitCode, passed, failed, skipped, problems } = verdict(runs, { ci: Boolean(process.env.CI) && process.env.CI !== 'false' })
for (const problem of problems) console.error(`\n✗ ${problem}`)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(exitCode)
