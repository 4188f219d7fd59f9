import type { AppModule } from '../types'
import { authRoutes } from './routes'
import { seedDemoStaff } from './seed'

export const authModule: AppModule = { name: 'auth', routes: authRoutes, seed: seedDemoStaff }
