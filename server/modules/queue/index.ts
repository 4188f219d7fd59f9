import type { AppModule } from '../types'
import { expireTicketsJob } from './jobs'
import { queueRoutes } from './routes'

/** 排队叫号 (issue #3): remote numbers, check-in, window calling and the hall screen. */
export const queueModule: AppModule = { name: 'queue', routes: queueRoutes, jobs: [expireTicketsJob] }
