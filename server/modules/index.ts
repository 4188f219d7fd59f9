import type { AppModule } from './types'
import { authModule } from './auth'
import { catalogModule } from './catalog'
import { meModule } from './me'

/** Every feature module, in seed order (later seeds may use earlier ones' rows). */
export const MODULES: AppModule[] = [catalogModule, authModule, meModule]
