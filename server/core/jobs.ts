import crypto from 'node:crypto'
import type { AppContext } from './context'

/** A scheduled job. It must be idempotent; the lock only keeps two instances from running it at once. */
export interface Job {
  name: string
  everyMs: number
  run(ctx: AppContext): Promise<void>
}

const lockIdOf = (name: string) => crypto.createHash('sha256').update(`job:${name}`).digest().readInt32BE(0)

/** Runs the job unless another instance holds its lock right now; returns whether it ran. */
export async function runJobExclusively(ctx: AppContext, job: Job): Promise<boolean> {
  // PGlite belongs to this one process, so no other instance can run the job meanwhile.
  if (ctx.db.kind === 'pglite') {
    await job.run(ctx)
    return true
  }
  // The transaction-scoped lock lives on the transaction's connection until it ends, while the job
  // itself uses other pooled connections for its own short transactions.
  return ctx.db.tx(async (tx) => {
    const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [lockIdOf(job.name)])
    if (!rows[0]?.locked) return false
    await job.run(ctx)
    return true
  })
}

/** Per job, on this instance: when it last ended without error (ran, or another instance held its lock) and failures since start. */
export const jobHealth = new Map<string, { everyMs: number; lastOkAt: number; failures: number }>()

/** Starts every job on its interval; the returned stop clears them and waits for the runs in progress to end. */
export function startJobs(ctx: AppContext, jobs: Job[]): () => Promise<void> {
  const inFlight = new Set<Promise<void>>()
  const timers = jobs.map((job) => {
    const health = { everyMs: job.everyMs, lastOkAt: Date.now(), failures: 0 }
    jobHealth.set(job.name, health)
    let running = false
    return setInterval(() => {
      if (running) return
      running = true
      const run = runJobExclusively(ctx, job)
        .then(() => void (health.lastOkAt = Date.now()))
        .catch((error) => {
          health.failures++
          ctx.log.error({ err: error, job: job.name }, 'job failed')
        })
        .finally(() => {
          running = false
          inFlight.delete(run)
        })
      inFlight.add(run)
    }, job.everyMs)
  })
  return async () => {
    timers.forEach(clearInterval)
    await Promise.all(inFlight)
  }
}
