import type { AppModule } from '../types'
import { pickupRoutes } from './routes'
import { resealAuthorizationRecords } from './reseal'
import { expireAuthorizations } from './service'

export const pickupModule: AppModule = {
  name: 'pickup',
  routes: pickupRoutes,
  jobs: [
    { name: 'pickup-expire', everyMs: 60_000, run: async (ctx) => void (await expireAuthorizations(ctx)) },
    // After a DATA_KEY rotation, signed records are re-sealed under the new key.
    { name: 'pickup-reseal-records', everyMs: 60 * 60_000, run: async (ctx) => void (await resealAuthorizationRecords(ctx)) },
  ],
}
