import type { AppModule } from '../types'
import { nameRoutes } from './routes'
import { seedNameRegister } from './seed'
import { expireReservations } from './service'

export const nameModule: AppModule = {
  name: 'name',
  routes: nameRoutes,
  seed: async (ctx) => void (await seedNameRegister(ctx)),
  jobs: [{ name: 'name-reservation-expiry', everyMs: 60_000, run: async (ctx) => void (await expireReservations(ctx)) }],
}
