import type { FastifyInstance } from 'fastify'

/** WebSocket close code 1012 "service restart": the client reconnects (to another instance, or to this one once back). */
export const SERVICE_RESTART = 1012

/**
 * @fastify/websocket's preClose: every live socket is told the service restarts, instead of a bare close,
 * and no new upgrade is accepted while the HTTP server drains.
 */
export function closeSocketsForRestart(this: FastifyInstance, done: () => void) {
  const sockets = this.websocketServer
  for (const socket of sockets.clients) socket.close(SERVICE_RESTART, 'service restart, reconnect')
  this.server.removeAllListeners('upgrade')
  sockets.close(() => done())
}

/**
 * Runs `stop` once on SIGTERM or SIGINT and exits 0 when it completes; if it takes longer than
 * `timeoutMs` (a request or job that never ends), exits 1 so the orchestrator's restart is not held up.
 */
export function exitGracefullyOnSignal(stop: (signal: string) => Promise<void>, timeoutMs: number, log: (message: string) => void) {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    setTimeout(() => {
      log(`shutdown did not finish within ${timeoutMs} ms: exiting`)
      process.exit(1)
    }, timeoutMs).unref()
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${(error as Error).stack ?? error}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}
