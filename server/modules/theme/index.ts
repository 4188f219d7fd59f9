import type { AppModule } from '../types'
import { themeRoutes } from './routes'
import { seedThemeReviewers } from './seed'

export const themeModule: AppModule = {
  name: 'theme',
  routes: themeRoutes,
  seed: seedThemeReviewers,
}
