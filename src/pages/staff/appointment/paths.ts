import { PAGE_PATHS } from '@/domain/page-routes'

/** Staff pages of the appointment feature (the table: src/domain/page-routes.ts). */
export const STAFF_APPOINTMENT_PAGES = {
  day: PAGE_PATHS.staffAppointmentDay,
  settings: PAGE_PATHS.staffAppointmentSettings,
} as const
