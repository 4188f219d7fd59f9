/**
 * Name check load (企业名称自主申报): loads 1,000,000 generated register names, then measures
 * POST /api/v1/names/check for a mixed set of names — identical to an existing one, homophones, new
 * 字号, names breaking rules, several cities — next to GET /healthz in the same run, and prints the query
 * plans of the collision lookups. `npx tsx bench/name.ts` (PGlite) or with BENCH_DATABASE_URL (PostgreSQL).
 */
import { seedNameRegister } from '../server/modules/name/seed'
import { healthBaseline, load, startBenchServer, type LoadResult } from './lib'

const REGISTER_SIZE = 1_000_000
// One client shows the latency of a check; ten show it under concurrent load.
const CONNECTION_LEVELS = [1, 10]
const DURATION_SECONDS = 10
const CITY_OF_LOCATION: Record<string, string> = {
  '510100': '510107',
  '510700': '510703',
  '110100': '110108',
  '310100': '310115',
  '440100': '440106',
  '440300': '440305',
  '330100': '330106',
}
// Characters with the same toneless pinyin as one in the generator's lists: 宏→鸿, 欣→鑫, 兴→星 …
const HOMOPHONES: Record<string, string> = {
  宏: '鸿',
  鸿: '宏',
  鑫: '欣',
  欣: '鑫',
  兴: '星',
  星: '兴',
  达: '大',
  华: '桦',
  泰: '太',
  瑞: '睿',
  辉: '晖',
  源: '元',
  元: '源',
}

interface Body {
  locationCode: string
  entityType: 'llc'
  name: string
}

/** Names to check: a quarter identical to existing ones, a quarter homophones, a quarter new, a quarter broken. */
function mixedNames(sample: { name: string; city_code: string; zihao: string }[]): Body[] {
  const bodies: Body[] = []
  sample.forEach((row, i) => {
    const locationCode = CITY_OF_LOCATION[row.city_code]
    const kind = i % 4
    if (kind === 0) bodies.push({ locationCode, entityType: 'llc', name: row.name })
    else if (kind === 1) {
      const swapped = [...row.zihao].map((c) => HOMOPHONES[c] ?? c).join('')
      bodies.push({ locationCode, entityType: 'llc', name: row.name.replace(row.zihao, swapped) })
    } else if (kind === 2) bodies.push({ locationCode, entityType: 'llc', name: row.name.replace(row.zihao, `墨${String.fromCharCode(0x6c00 + i)}`) })
    else bodies.push({ locationCode, entityType: 'llc', name: `北京${row.zihao}A公司` })
  })
  return bodies
}

/** EXPLAIN ANALYZE of the lookup inside name_collision_candidates, read from the function itself. */
async function explainCollisionQueries(bench: Awaited<ReturnType<typeof startBenchServer>>, zihao: string, cityCode: string) {
  const { db } = bench.runtime
  const { rows } = await db.query<{ prosrc: string }>(`select prosrc from pg_proc where proname = 'name_collision_candidates'`)
  const body = /return query([\s\S]*);\s*end/.exec(rows[0].prosrc)![1]
  const names = ['p_city', 'p_zihaos', 'p_pinyin', 'p_zihao', 'p_now', 'p_year_ago', 'p_user']
  const sql = names.reduce((text, name, i) => text.replace(new RegExp(`\\b${name}\\b`, 'g'), `$${i + 1}`), body)
  const casts = ['::text', '::text[]', '::text', '::text', '::timestamptz', '::date', '::uuid']
  const typed = casts.reduce((text, cast, i) => text.replace(new RegExp(`\\$${i + 1}(?![0-9])`, 'g'), `$${i + 1}${cast}`), sql)
  const plan = await db.query<Record<string, string>>(`explain (analyze, costs off, summary on) ${typed}`, [
    cityCode,
    [zihao],
    'x',
    zihao,
    new Date(),
    '2025-11-24',
    null,
  ])
  console.log(
    `\nEXPLAIN ANALYZE of the collision lookup for 字号 ${zihao} in ${cityCode} (${bench.database}):\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}\n`,
  )
}

export async function run(options: { databaseUrl?: string | null }): Promise<LoadResult[]> {
  const bench = await startBenchServer(options)
  try {
    const started = Date.now()
    await seedNameRegister(bench.runtime, REGISTER_SIZE)
    const { rows: counted } = await bench.runtime.db.query<{ n: number }>('select count(*)::int as n from name_register')
    const loadSeconds = ((Date.now() - started) / 1000).toFixed(0)
    console.log(`register: ${counted[0].n} names loaded in ${loadSeconds} s (${bench.database})`)
    await bench.runtime.db.query('analyze name_register')
    const { rows: sample } = await bench.runtime.db.query<{ name: string; city_code: string; zihao: string }>(
      `select name, city_code, zihao from name_register tablesample system (1) where status = 'registered' limit 400`,
    )
    const bodies = mixedNames(sample)
    await explainCollisionQueries(bench, sample[0].zihao, sample[0].city_code)
    const results: LoadResult[] = []
    let k = 0
    for (const connections of CONNECTION_LEVELS) {
      results.push(await healthBaseline(bench.baseUrl, connections, DURATION_SECONDS))
      results.push(
        await load(`POST /names/check (${connections} connections), mixed names, ${counted[0].n} names in the register`, {
          url: `${bench.baseUrl}/api/v1/names/check`,
          connections,
          duration: DURATION_SECONDS,
          requests: [
            {
              method: 'POST',
              setupRequest: (request) => ({ ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodies[k++ % bodies.length]) }),
            },
          ],
        }),
      )
    }
    return results
  } finally {
    await bench.close()
  }
}

if (require.main === module) {
  run({ databaseUrl: process.env.BENCH_DATABASE_URL || null }).then(
    (results) => {
      console.log(JSON.stringify(results, null, 2))
      process.exit(0)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
