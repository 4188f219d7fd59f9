/**
 * Take-number load (网上取号): POST /api/v1/queue/tickets from distinct citizens at 100 and 500
 * connections, each next to GET /healthz measured in the same run. Every load runs on a fresh service
 * day, and afterwards the numbers of that day are checked: no duplicates, no gaps, one per person and
 * category. `npx tsx bench/queue.ts` (PGlite) or with BENCH_DATABASE_URL (PostgreSQL).
 */
import { healthBaseline, load, makeCitizens, startBenchServer, type BenchServer, type LoadResult } from './lib'

const CONNECTION_LEVELS = [100, 500]
const DURATION_SECONDS = 5
const CITIZENS = 500
const HALLS = ['tianfu', 'kexuecheng']
const CODES = ['A', 'B', 'C', 'D', 'E', 'F']
const CATEGORIES = HALLS.flatMap((hall) => CODES.map((code) => ({ hallId: hall, categoryId: `${hall}-${code}` })))
const DAY_MS = 86_400_000

/** Moves the BFF's clock (and so the service day) forward by whole days: a day's numbers and per-person rules start afresh. */
function advanceDays(bench: BenchServer, days: number) {
  const clock = bench.runtime.clock
  const now = clock.now.bind(clock)
  clock.now = () => new Date(now().getTime() + days * DAY_MS)
}

/**
 * Checks a day's tickets: each series numbered 1..n without a gap or a duplicate, one ticket per person
 * and category; returns how many there are (requests still in flight when the load stopped may add a few).
 */
async function checkNumbering(bench: BenchServer, answered: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const { rows } = await bench.runtime.db.query<{ tickets: number; series_bad: number; doubled: number }>(
    `with today as (select * from queue_tickets where service_date = (select max(service_date) from queue_tickets))
     select (select count(*)::int from today) as tickets,
            (select count(*)::int from (select hall_id, left(number, 1) as series, count(*) as n, count(distinct number) as d,
                                               max(substr(number, 2)::int) as top
                                          from today group by 1, 2) s where n <> d or top <> n) as series_bad,
            (select count(*)::int from (select 1 from today group by user_id, category_id having count(*) > 1) d) as doubled`,
  )
  const result = rows[0]
  if (result.tickets < answered || result.series_bad > 0 || result.doubled > 0)
    throw new Error(`numbering invariant broken: ${JSON.stringify({ ...result, answered })}`)
  return result.tickets
}

/**
 * k-th request: category k mod 12, citizen ⌊k/12⌋ mod N — spread over the categories as a hall's
 * morning is, and no (person, category) pair repeats before every pair was used.
 */
function takeLoad(bench: BenchServer, tokens: string[], connections: number) {
  let k = 0
  return load(`POST /queue/tickets (${connections} connections)`, {
    url: `${bench.baseUrl}/api/v1/queue/tickets`,
    connections,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = k++
          const category = CATEGORIES[n % CATEGORIES.length]
          const token = tokens[Math.floor(n / CATEGORIES.length) % tokens.length]
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(category),
          }
        },
      },
    ],
  })
}

export async function run(options: { databaseUrl?: string | null }): Promise<LoadResult[]> {
  const bench = await startBenchServer(options)
  try {
    const tokens = await makeCitizens(bench.baseUrl, CITIZENS, 15200000000)
    // Numbers have three digits: the highest quota lets each of the 500 citizens take one number in every category.
    await bench.runtime.db.query('update queue_categories set daily_quota = 999')
    const results: LoadResult[] = []
    for (const connections of CONNECTION_LEVELS) {
      advanceDays(bench, 1)
      results.push(await healthBaseline(bench.baseUrl, connections, DURATION_SECONDS))
      const taken = await takeLoad(bench, tokens, connections)
      const issued = await checkNumbering(bench, taken.requests - taken.non2xx)
      results.push({ ...taken, name: `${taken.name}: ${issued} numbers issued, ${taken.non2xx} refused` })
    }
    return results
  } finally {
    await bench.close()
  }
}

if (require.main === module) {
  run({ databaseUrl: process.env.BENCH_DATABASE_URL || null })
    .then((results) => console.log(JSON.stringify(results, null, 2)))
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}
