import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { checkBoundaries } from '../../scripts/check-boundaries'
import { writeTree } from './fake-tree'

const ROOT = path.resolve(__dirname, '..', '..')

/** A small tree shaped like the project (two modules, core, app, domain) plus `extra` files. */
function fakeTree(extra: Record<string, string>): string {
  const dir = writeTree('onetrip-boundaries-', {
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2020', module: 'commonjs', strict: true, esModuleInterop: true } }),
    'server/core/db.ts': 'export interface Queryable { query(sql: string): Promise<unknown> }\n',
    'server/modules/alpha/repository.ts': "import type { Queryable } from '../../core/db'\nexport const rows = (q: Queryable) => q.query('select 1')\n",
    'server/modules/alpha/service.ts': "import { rows } from './repository'\nexport const list = rows\nexport interface AlphaView { id: string }\n",
    'server/modules/alpha/schemas.ts': 'export const AlphaSchema = { type: "object" }\n',
    'server/modules/beta/service.ts':
      "import { list } from '../alpha/service'\nimport { AlphaSchema } from '../alpha/schemas'\nexport const both = [list, AlphaSchema]\n",
    'src/domain/rule.ts': 'export const isEven = (n: number) => n % 2 === 0\n',
    'src/pages/page.ts':
      "import type { AlphaView } from '../../server/modules/alpha/service'\nimport { isEven } from '../domain/rule'\nexport const view: AlphaView = { id: String(isEven(2)) }\n",
    ...extra,
  })
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return dir
}

describe('module boundaries (dependency-cruiser, run by npm test)', () => {
  it('passes a tree that keeps the rules', () => {
    const { ok, output } = checkBoundaries(fakeTree({}))
    expect(output).toContain('no dependency violations found')
    expect(ok).toBe(true)
  }, 120_000)

  it('fails on each kind of violation and names the rule and the import', () => {
    const { ok, output } = checkBoundaries(
      fakeTree({
        // another module's repository
        'server/modules/gamma/service.ts': "import { rows } from '../alpha/repository'\nexport const g = rows\n",
        // a cycle between two modules through their services
        'server/modules/delta/service.ts': "import { e } from '../epsilon/service'\nexport const d = () => e\n",
        'server/modules/epsilon/service.ts': "import { d } from '../delta/service'\nexport const e = () => d\n",
        // core depending on a module
        'server/core/bad.ts': "import { list } from '../modules/alpha/service'\nexport const b = list\n",
        // app code importing server code (not only its types)
        'src/pages/leak.ts': "import { list } from '../../server/modules/alpha/service'\nexport const l = list\n",
        // the pure domain importing Taro
        'src/domain/impure.ts': "import Taro from '@tarojs/taro'\nexport const t = Taro\n",
      }),
    )
    expect(ok).toBe(false)
    expect(output).toContain('module-public-api: server/modules/gamma/service.ts → server/modules/alpha/repository.ts')
    expect(output).toMatch(/no-module-cycles: server\/modules\/(delta|epsilon)\/service\.ts →\s+server\/modules\/(epsilon|delta)\/service\.ts/)
    expect(output).toContain('core-is-shared: server/core/bad.ts → server/modules/alpha/service.ts')
    expect(output).toContain('app-imports-server-types-only: src/pages/leak.ts → server/modules/alpha/service.ts')
    expect(output).toMatch(/domain-is-pure: src\/domain\/impure\.ts → \S*node_modules\/@tarojs\/taro\//)
    // The allowed imports of the base tree are not reported.
    expect(output).not.toContain('beta')
    expect(output).not.toContain('src/pages/page.ts')
  }, 120_000)

  it('holds for the project itself', () => {
    const { ok, output } = checkBoundaries()
    expect(output).toContain('no dependency violations found')
    expect(ok).toBe(true)
  }, 120_000)

  it('has one writer of the audit log (server/core/audit.ts)', () => {
    const writers = execFileSync('grep', ['-rl', '--include=*.ts', 'audit_log', 'server'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n')
    expect(writers).toEqual(['server/core/audit.ts'])
  })
})
