// Proof that the BFF's TypeBox schemas are the one contract with the app: in a temporary copy of the
// repository, rename one response field in one schema and show that (1) the app no longer type-checks
// and (2) the app's test fixtures no longer validate. Run by __tests__/scripts/contract.test.ts; by hand:
// `npx tsx scripts/contract-check.ts` (prints what failed, exits 0 when both failed as they must).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './lib'

/** The change: the hall list's `shortName` (shown on the home page and the hall pickers) is renamed. */
export const CHANGE = {
  file: 'server/modules/catalog/schemas.ts',
  from: 'shortName: Type.String(),',
  to: 'shortTitle: Type.String(),',
  field: 'shortName',
}

export interface ContractCheck {
  /** Loading the fixtures before the change: they must match, or the check proves nothing. */
  baseline: { status: number; output: string }
  /** tsc's exit code and the lines of its report that name the renamed field. */
  typecheck: { status: number; errors: string[] }
  /** Loading the app's fixtures (validated against the schemas as they are built). */
  fixtures: { status: number; output: string }
}

const COPIED = ['src', 'server', '__tests__/app', 'tsconfig.json', 'package.json', 'babel.config.js']

/** A throwaway copy of what the app's type check and fixtures need, sharing node_modules by symlink. */
function copyRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-contract-'))
  for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true })
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')) as { include: string[] }
  tsconfig.include = ['src', 'server', '__tests__/app']
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
  return dir
}

function applyChange(dir: string): void {
  const file = path.join(dir, CHANGE.file)
  const text = fs.readFileSync(file, 'utf8')
  if (text.split(CHANGE.from).length !== 2) throw new Error(`${CHANGE.file} no longer has exactly one "${CHANGE.from}": update scripts/contract-check.ts`)
  fs.writeFileSync(file, text.replace(CHANGE.from, CHANGE.to))
}

const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

/** Loads the fixtures module the app tests share; it checks every fixture it builds against its schema. */
const LOAD_FIXTURES = `require('./__tests__/app/support/fixtures'); console.log('fixtures match the schemas')`

export function runContractCheck(): ContractCheck {
  const dir = copyRepository()
  const loadFixtures = () => {
    const run = spawnSync(bin('tsx'), ['-e', LOAD_FIXTURES], { cwd: dir, encoding: 'utf8' })
    return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}` }
  }
  try {
    const baseline = loadFixtures()
    applyChange(dir)
    const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
    const report = `${tsc.stdout}${tsc.stderr}`
    return {
      baseline,
      typecheck: { status: tsc.status ?? 1, errors: report.split('\n').filter((line) => line.includes(CHANGE.field)) },
      fixtures: loadFixtures(),
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  const result = runContractCheck()
  console.log(`Renamed ${CHANGE.field} in ${CHANGE.file} (a temporary copy).`)
  console.log(`tsc: exit ${result.typecheck.status}, ${result.typecheck.errors.length} errors naming ${CHANGE.field}`)
  for (const line of result.typecheck.errors.slice(0, 10)) console.log(`  ${line}`)
  const fixtureLines = result.fixtures.output.split('\n').filter((line) => /fixture|Expected|shortTitle|shortName/.test(line))
  console.log(`fixtures: exit ${result.fixtures.status}`)
  for (const line of fixtureLines.slice(0, 6)) console.log(`  ${line.trim()}`)
  console.log(`fixtures before the change: exit ${result.baseline.status}`)
  const caught = result.baseline.status === 0 && result.typecheck.status !== 0 && result.typecheck.errors.length > 0 && result.fixtures.status !== 0
  console.log(caught ? '✓ the change breaks the type check and the fixtures' : '✗ the change was NOT caught')
  process.exit(caught ? 0 : 1)
}
