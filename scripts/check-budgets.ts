// Size budgets, run by `npm test` after the builds (so by CI on every change): WeChat main package,
// each subpackage and the total; the JavaScript the H5 home page loads (gzip). Prints a table, keeps
// the same table in docs/benchmarks.md, and fails naming the package and its biggest files.
import http from 'node:http'
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { ROOT } from './lib'
import { budgetFailures, budgetTable, h5HomeBudget, replaceSection, weappBudgets } from './budgets'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Serves dist/h5 as files, opens the home page in Chromium and lists the scripts it loaded. */
async function scriptsLoadedByHome(h5Dir: string): Promise<string[]> {
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent((request.url ?? '/').split('?')[0])
    const file = path.join(h5Dir, urlPath === '/' ? 'index.html' : urlPath)
    if (!file.startsWith(h5Dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end()
      return
    }
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.css')
        ? 'text/css'
        : file.endsWith('.html')
          ? 'text/html'
          : 'application/octet-stream'
    response.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-budget-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 375, height: 667 },
  })
  const scripts = new Set<string>()
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('response', (response) => {
      const url = new URL(response.url())
      if (url.port === String(port) && url.pathname.endsWith('.js') && response.ok()) scripts.add(url.pathname.slice(1))
    })
    await page.goto(`http://127.0.0.1:${port}/#/pages/index/index`, { waitUntil: 'networkidle' })
  } finally {
    await context.close()
    server.close()
    fs.rmSync(profile, { recursive: true, force: true })
  }
  return [...scripts]
}

async function main() {
  const budgets = weappBudgets(path.join(ROOT, 'dist', 'weapp'))
  const homeScripts = await scriptsLoadedByHome(path.join(ROOT, 'dist', 'h5'))
  if (homeScripts.length === 0) throw new Error('the H5 home page loaded no script: is dist/h5 built?')
  budgets.push(h5HomeBudget(path.join(ROOT, 'dist', 'h5'), homeScripts))
  const table = budgetTable(budgets)
  console.log(`\nSize budgets\n${table}\n`)
  const failures = budgetFailures(budgets)
  const benchmarksFile = path.join(ROOT, 'docs', 'benchmarks.md')
  const recorded = fs.existsSync(benchmarksFile) && fs.readFileSync(benchmarksFile, 'utf8').includes(table)
  if (!recorded) {
    replaceSection(
      benchmarksFile,
      'budgets',
      `Measured by \`scripts/check-budgets.ts\` on ${new Date().toISOString().slice(0, 10)} (run by \`npm test\`).\n\n${table}`,
      'Size budgets',
    )
  }
  if (failures.length) {
    for (const failure of failures) console.error(`✗ ${failure}`)
    process.exit(1)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
