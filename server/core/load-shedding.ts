import type { FastifyInstance } from 'fastify'
import underPressure from '@fastify/under-pressure'
import type { OpsConfig } from './ops-config'

/**
 * Sheds load when the event loop stalls (@fastify/under-pressure): past the configured delay every request
 * is answered at once with 503, a Chinese message and Retry-After, instead of queueing behind the stall
 * until it times out. The proxy can send the next request to another instance; the app retries later.
 * Liveness (/healthz) and /metrics are never shed: a busy instance is not a dead one, and operators need to see it.
 */
export async function registerLoadShedding(app: FastifyInstance, shedding: OpsConfig['shedding']) {
  if (shedding.maxEventLoopDelayMs === null) return
  await app.register(underPressure, {
    maxEventLoopDelay: shedding.maxEventLoopDelayMs,
    // The plugin sets 503 and Retry-After and raises FST_UNDER_PRESSURE, which the error handler words in Chinese.
    retryAfter: shedding.retryAfterSeconds,
  })
}

/** Route config for what is never shed. */
export const NEVER_SHED = { pressureHandler: () => undefined }
