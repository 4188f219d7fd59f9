import type { AppModule } from '../types'
import { pickupRoutes } from './routes'
import { resealAuthorizationRecords } from './reseal'
import { expireAuthorizations } from './service'
import { pollShippedParcels } from './tracking'

export const pickupModule: AppModule = {
  name: 'pickup',
  routes: pickupRoutes,
  jobs: [
    { name: 'pickup-expire', everyMs: 60_000, run: async (ctx) => void (await expireAuthorizations(ctx)) },
    // EMS_TRACKING=ems: China Post's scans of shipped parcels, 已签收 when they show delivery (tracking.ts).
    { name: 'pickup-ems-tracking', everyMs: 60_000, run: async (ctx) => void (await pollShippedParcels(ctx)) },
    // After a DATA_KEY rotation, signed records are re-sealed under the new key.
    { name: 'pickup-reseal-records', everyMs: 60 * 60_000, run: async (ctx) => void (await resealAuthorizationRecords(ctx)) },
  ],
}
