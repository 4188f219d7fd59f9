import { buildApp } from './app'
import { loadConfig } from './config'
import { startJobs } from './core/jobs'
import { exitGracefullyOnSignal } from './core/shutdown'
import { startMetricsListener } from './metrics'
import { ALL_JOBS, openRuntime, seedAll } from './runtime'

async function main() {
  const config = loadConfig()
  const runtime = await openRuntime(config)
  if (process.env.SEED !== 'off') await seedAll(runtime)
  const app = await buildApp(runtime)
  const stopJobs = process.env.JOBS === 'off' ? async () => undefined : startJobs({ ...runtime, log: app.log }, ALL_JOBS)
  await app.listen({ port: config.port, host: config.host })
  const { metrics } = config.ops
  const metricsServer = metrics.port ? await startMetricsListener(metrics.host, metrics.port, () => app.scrapeMetrics()) : null
  const base = `http://localhost:${config.port}`
  console.log(`\nOneTrip BFF   ${base}/api/v1   (OpenAPI: ${base}/docs, database: ${runtime.db.kind})`)
  if (config.h5Dir) console.log(`OneTrip H5    ${base}/   (open in a phone-sized browser window)\n`)
  if (metricsServer) console.log(`Metrics       http://${metrics.host}:${metrics.port}/metrics (internal)`)

  // Stop listening (new connections are refused), let requests in flight and running jobs finish (their
  // transactions commit), tell WebSocket clients to reconnect (1012), then close the database.
  exitGracefullyOnSignal(
    async (signal) => {
      app.log.info({ signal }, 'shutting down: refusing new connections, finishing requests and jobs in flight')
      metricsServer?.close()
      await Promise.all([app.close(), stopJobs()])
      await runtime.db.close()
      app.log.info('shut down')
    },
    config.ops.shutdownTimeoutMs,
    (message) => app.log.error(message),
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
