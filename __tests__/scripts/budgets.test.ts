import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { KB, budgetFailures, budgetTable, h5HomeBudget, replaceSection, weappBudgets } from '../../scripts/budgets'

function fakeWeapp(files: Record<string, number>, subPackages: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-budget-test-'))
  fs.writeFileSync(
    path.join(dir, 'app.json'),
    JSON.stringify({ pages: ['pages/index/index'], subPackages: subPackages.map((root) => ({ root, pages: ['index'] })) }),
  )
  for (const [file, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), Buffer.alloc(bytes, 97))
  }
  return dir
}

describe('weapp size budgets', () => {
  it('counts subpackage folders apart from the main package and passes within budget', () => {
    const dir = fakeWeapp({ 'app.js': 100 * KB, 'taro.js': 120 * KB, 'pages/queue/index.js': 80 * KB, 'pages/name/index.js': 60 * KB }, [
      'pages/queue',
      'pages/name',
    ])
    const budgets = weappBudgets(dir)
    expect(budgets.map((b) => [b.name, Math.round(b.bytes / KB)])).toEqual([
      ['weapp main package', 220],
      ['weapp subpackage pages/queue', 80],
      ['weapp subpackage pages/name', 60],
      ['weapp total', 360],
    ])
    expect(budgetFailures(budgets)).toEqual([])
  })

  it('fails a temporary breach and names the package and its biggest files', () => {
    const dir = fakeWeapp({ 'app.js': 300 * KB, 'vendors.js': 200 * KB, 'pages/pickup/index.js': 260 * KB }, ['pages/pickup'])
    const failures = budgetFailures(weappBudgets(dir))
    expect(failures).toHaveLength(2)
    expect(failures[0]).toMatch(/^weapp main package is 500\.\d KB, over its 450\.0 KB budget\. Biggest: app\.js 300\.0 KB, vendors\.js 200\.0 KB/)
    expect(failures[1]).toMatch(/^weapp subpackage pages\/pickup is 260\.0 KB, over its 250\.0 KB budget\. Biggest: pages\/pickup\/index\.js/)
    expect(budgetTable(weappBudgets(dir))).toContain('**over by')
  })
})

describe('H5 home budget', () => {
  it('sums the gzip size of the scripts the home page loaded', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-h5-test-'))
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'js', 'app.js'), 'x'.repeat(100_000))
    const budget = h5HomeBudget(dir, ['js/app.js'])
    expect(budget.bytes).toBeGreaterThan(0)
    expect(budget.bytes).toBeLessThan(2_000)
    expect(budgetFailures([budget])).toEqual([])
  })
})

describe('benchmarks document sections', () => {
  it('replaces a marked section in place and keeps the rest', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-doc-')), 'b.md')
    replaceSection(file, 'budgets', 'first', 'Size budgets')
    fs.appendFileSync(file, '\nother text\n')
    replaceSection(file, 'budgets', 'second', 'Size budgets')
    const text = fs.readFileSync(file, 'utf8')
    expect(text).toContain('second')
    expect(text).not.toContain('first')
    expect(text).toContain('other text')
    expect(text.match(/## Size budgets/g)).toHaveLength(1)
  })
})
