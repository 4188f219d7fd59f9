import type { AppModule } from '../types'
import { meRoutes } from './routes'

export const meModule: AppModule = { name: 'me', routes: meRoutes }
