import type { AppModule } from '../types'
import { reviewRoutes } from './routes'
import { expireCases } from './service'
import { storageFor } from './storage-for'

/** A staged upload older than this was left by a crash between commit and rename (real uploads take seconds). */
const STALE_STAGING_MS = 60 * 60 * 1000

export const reviewModule: AppModule = {
  name: 'review',
  routes: reviewRoutes,
  jobs: [
    { name: 'review-expire-cases', everyMs: 60_000, run: async (ctx) => void (await expireCases(ctx)) },
    // File ages are real time on the disk, not the business clock.
    { name: 'review-sweep-staging', everyMs: 10 * 60_000, run: async (ctx) => void (await storageFor(ctx).sweepStaging(STALE_STAGING_MS)) },
    // After a DATA_KEY rotation, file keys wrapped by the previous key are rewrapped (the routes also do it at start).
    { name: 'review-rewrap-files', everyMs: 60 * 60_000, run: async (ctx) => void (await storageFor(ctx).rewrapAll()) },
  ],
}
