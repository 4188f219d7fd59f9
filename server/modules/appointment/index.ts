import type { AppModule } from '../types'
import { appointmentRoutes } from './routes'
import { seedAppointments } from './seed'
import { markNoShows, sendReminders } from './service'

export const appointmentModule: AppModule = {
  name: 'appointment',
  routes: appointmentRoutes,
  seed: seedAppointments,
  jobs: [
    { name: 'appointment-no-shows', everyMs: 60_000, run: async (ctx) => void (await markNoShows(ctx)) },
    { name: 'appointment-reminders', everyMs: 60_000, run: async (ctx) => void (await sendReminders(ctx)) },
  ],
}
