import { PAGE_PATHS } from '@/domain/page-routes'

/** Pages of the appointment subpackage (the table: src/domain/page-routes.ts). */
export const APPOINTMENT_PAGES = {
  book: PAGE_PATHS.appointmentBook,
  mine: PAGE_PATHS.appointmentMine,
  detail: PAGE_PATHS.appointmentDetail,
  checkin: PAGE_PATHS.appointmentCheckin,
} as const
