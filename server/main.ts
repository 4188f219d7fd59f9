import { buildApp } from './app'
import { loadConfig } from './config'
import { startJobs } from './core/jobs'
import { ALL_JOBS, openRuntime, seedAll } from './runtime'

async function main() {
  const config = loadConfig()
  const runtime = await openRuntime(config)
  if (process.env.SEED !== 'off') await seedAll(runtime)
  const app = await buildApp(runtime)
  const stopJobs = process.env.JOBS === 'off' ? () => undefined : startJobs({ ...runtime, log: app.log }, ALL_JOBS)
  await app.listen({ port: config.port, host: config.host })
  const base = `http://localhost:${config.port}`
  console.log(`\nOneTrip BFF   ${base}/api/v1   (OpenAPI: ${base}/docs, database: ${runtime.db.kind})`)
  if (config.h5Dir) console.log(`OneTrip H5    ${base}/   (open in a phone-sized browser window)\n`)

  const shutdown = async () => {
    stopJobs()
    await app.close()
    await runtime.db.close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
