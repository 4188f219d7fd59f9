import type { AppModule } from '../types'
import { adminRoutes } from './routes'
import { seedPlatformAdmin } from './seed'

export const adminModule: AppModule = { name: 'admin', routes: adminRoutes, seed: seedPlatformAdmin }
