// `npm run lighthouse`: Lighthouse (mobile preset) with Debian's chromium against the production H5 build
// served by the BFF, for the home page and one page of each feature; writes the scores and the Core Web
// Vitals into docs/benchmarks.md.
import path from 'node:path'
import { buildIsStale, mustRun, npxBin } from './lib'
import { replaceSection } from './budgets'

/** The home page and the entry page of each feature (what a citizen opens first). */
export const LIGHTHOUSE_PAGES: { name: string; route: string }[] = [
  { name: '首页 home', route: 'pages/index/index' },
  { name: '登录 login', route: 'pages/login/index' },
  { name: '办事指南 item', route: 'pages/guide/item/index?id=company-llc-establishment' },
  { name: '网上取号 queue', route: 'pages/queue/take/index' },
  { name: '预约办 appointment', route: 'pages/appointment/book/index' },
  { name: '名称申报 name', route: 'pages/name/declare/index' },
  { name: '材料预审 review', route: 'pages/review/start/index' },
  { name: '证照快递 pickup', route: 'pages/pickup/index' },
]

interface Scores {
  name: string
  performance: number
  accessibility: number
  bestPractices: number
  lcpMs: number
  tbtMs: number
  cls: number
}

async function main() {
  if (buildIsStale('h5')) mustRun(npxBin('taro'), ['build', '--type', 'h5'])
  const { startStack } = await import('../e2e/harness')
  const stack = await startStack()
  const { launch } = await import('chrome-launcher')
  const lighthouse = (await import('lighthouse')).default
  const chrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const rows: Scores[] = []
  try {
    for (const target of LIGHTHOUSE_PAGES) {
      const result = await lighthouse(`${stack.baseUrl}/#/${target.route}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      })
      const lhr = result!.lhr
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100)
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN
      rows.push({
        name: target.name,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        lcpMs: Math.round(audit('largest-contentful-paint')),
        tbtMs: Math.round(audit('total-blocking-time')),
        cls: Number(audit('cumulative-layout-shift').toFixed(3)),
      })
      console.log(rows.at(-1))
    }
  } finally {
    await chrome.kill()
    await stack.close()
  }
  const table = [
    '| page | performance | accessibility | best practices | LCP ms | TBT ms | CLS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.lcpMs} | ${r.tbtMs} | ${r.cls} |`),
  ].join('\n')
  replaceSection(
    path.join(__dirname, '..', 'docs', 'benchmarks.md'),
    'lighthouse',
    `Run by \`npm run lighthouse\` on ${new Date().toISOString().slice(0, 10)}: Lighthouse mobile preset (simulated 4G throttling, 4× CPU slowdown), Debian chromium, production H5 build served by the BFF on loopback. Targets: performance ≥ 90, accessibility ≥ 95.\n\n${table}`,
    'Lighthouse (H5, mobile preset)',
  )
  const misses = rows.filter((r) => r.performance < 90 || r.accessibility < 95)
  if (misses.length) console.warn(`Below target: ${misses.map((r) => r.name).join(', ')}`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
