import type { AppModule } from '../types'
import { pickupRoutes } from './routes'
import { expireAuthorizations } from './service'

export const pickupModule: AppModule = {
  name: 'pickup',
  routes: pickupRoutes,
  jobs: [{ name: 'pickup-expire', everyMs: 60_000, run: async (ctx) => void (await expireAuthorizations(ctx)) }],
}
