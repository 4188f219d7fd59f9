import type { AppModule } from './types'
import { adminModule } from './admin'
import { appointmentModule } from './appointment'
import { authModule } from './auth'
import { catalogModule } from './catalog'
import { meModule } from './me'
import { nameModule } from './name'
import { pickupModule } from './pickup'
import { privacyModule } from './privacy'
import { queueModule } from './queue'
import { ratingModule } from './rating'
import { reviewModule } from './review'
import { themeModule } from './theme'

/** Every feature module, in seed order (later seeds may use earlier ones' rows). */
export const MODULES: AppModule[] = [
  catalogModule,
  authModule,
  adminModule,
  meModule,
  queueModule,
  appointmentModule,
  pickupModule,
  reviewModule,
  themeModule,
  nameModule,
  privacyModule,
  ratingModule,
]
