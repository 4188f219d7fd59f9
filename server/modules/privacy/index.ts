import type { AppModule } from '../types'
import { privacyRoutes } from './routes'
import { applyRetention, carryOutDueDeletions, prepareExports } from './service'

export const privacyModule: AppModule = {
  name: 'privacy',
  routes: privacyRoutes,
  jobs: [
    { name: 'privacy-exports', everyMs: 10_000, run: async (ctx) => void (await prepareExports(ctx)) },
    { name: 'privacy-account-deletions', everyMs: 10 * 60_000, run: async (ctx) => void (await carryOutDueDeletions(ctx)) },
    { name: 'privacy-retention', everyMs: 60 * 60_000, run: async (ctx) => void (await applyRetention(ctx)) },
  ],
}
