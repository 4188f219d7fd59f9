import type { AppModule } from '../types'
import { ratingRoutes } from './routes'
import { escalateOverdueFollowUps, inviteToRate } from './service'

export const ratingModule: AppModule = {
  name: 'rating',
  routes: ratingRoutes,
  jobs: [
    { name: 'rating-invitations', everyMs: 2000, run: async (ctx) => void (await inviteToRate(ctx)) },
    { name: 'rating-follow-up-escalation', everyMs: 60_000, run: async (ctx) => void (await escalateOverdueFollowUps(ctx)) },
  ],
}
