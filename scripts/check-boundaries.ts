// Module boundaries (.dependency-cruiser.cjs for imports, table-ownership.ts for SQL): `npm test` runs this before jest
// and stops on a violation.
// Usage: tsx scripts/check-boundaries.ts   (exit code 0 = no violation; the violations are printed otherwise)
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ROOT, npxBin } from './lib'
import { checkTableOwnership } from './table-ownership'

export const BOUNDARY_CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')

/** Cruises `src` and `server` under `root` with the boundary rules; `ok` is false on any violation. */
export function checkBoundaries(root = ROOT): { ok: boolean; output: string } {
  const result = spawnSync(npxBin('depcruise'), ['--config', BOUNDARY_CONFIG, '--output-type', 'err', 'src', 'server'], { cwd: root, encoding: 'utf8' })
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() }
}

if (require.main === module) {
  const imports = checkBoundaries()
  const tables = checkTableOwnership()
  console.log(`${imports.output}\n${tables.output}`)
  const ok = imports.ok && tables.ok
  if (!ok) console.error('\n✗ module boundaries: see the violations above and docs/architecture.md ("Module boundaries")')
  process.exit(ok ? 0 : 1)
}
