// `npm run bench`: every load benchmark the features define, on PGlite and — when BENCH_DATABASE_URL
// is set — on PostgreSQL, each next to the BFF's /healthz throughput measured in the same run; writes
// the results with the machine and date into docs/benchmarks.md.
import os from 'node:os'
import path from 'node:path'
import type { LoadResult } from './lib'
import { replaceSection } from '../scripts/budgets'

const FEATURES = ['queue', 'appointment', 'name', 'review'] as const

interface Row extends LoadResult {
  feature: string
  database: string
  ratioToHealthz: number | null
}

async function main() {
  const only = process.argv.slice(2)
  const databases: { label: string; url: string | null }[] = [{ label: 'PGlite', url: null }]
  if (process.env.BENCH_DATABASE_URL) databases.push({ label: 'PostgreSQL', url: process.env.BENCH_DATABASE_URL })
  const rows: Row[] = []
  for (const feature of FEATURES.filter((f) => only.length === 0 || only.includes(f))) {
    const { run } = (await import(`./${feature}`)) as { run(options: { databaseUrl?: string | null }): Promise<LoadResult[]> }
    for (const database of databases) {
      console.log(`▶ ${feature} on ${database.label}`)
      const results = await run({ databaseUrl: database.url })
      const baselines = results.filter((r) => r.name.startsWith('GET /healthz'))
      for (const result of results) {
        const baseline = baselines.find((b) => b.connections === result.connections) ?? baselines[0]
        rows.push({
          ...result,
          feature,
          database: database.label,
          ratioToHealthz: baseline && !result.name.startsWith('GET /healthz') ? result.throughputRps / baseline.throughputRps : null,
        })
      }
      console.table(
        results.map((r) => ({ name: r.name, rps: r.throughputRps, p50: r.latencyMs.p50, p99: r.latencyMs.p99, errors: r.errors, non2xx: r.non2xx })),
      )
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const header = `Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}. The BFF runs in the benchmark's process with logging at warn and rate limits off; load comes from autocannon over loopback.`
  const table = [
    '| feature | database | request | connections | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | vs /healthz |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.feature} | ${r.database} | ${r.name} | ${r.connections} | ${r.throughputRps} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} | ${r.non2xx} | ${r.ratioToHealthz === null ? '—' : `${(r.ratioToHealthz * 100).toFixed(1)} %`} |`,
    ),
  ].join('\n')
  replaceSection(
    path.join(__dirname, '..', 'docs', 'benchmarks.md'),
    only.length ? `load-${only.join('-')}` : 'load',
    `${header}\n\n${table}`,
    only.length ? `Load benchmarks (${only.join(', ')})` : 'Load benchmarks',
  )
  console.log('\nWritten to docs/benchmarks.md')
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
