import type { AppModule } from '../types'
import { catalogRoutes } from './routes'
import { seedCatalog } from './seed'

export const catalogModule: AppModule = { name: 'catalog', routes: catalogRoutes, seed: (ctx) => seedCatalog(ctx.db) }
