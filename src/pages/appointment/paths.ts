/** Pages of the appointment subpackage (registered in app.config.ts). */
export const APPOINTMENT_PAGES = {
  book: '/pages/appointment/book/index',
  mine: '/pages/appointment/mine/index',
  detail: '/pages/appointment/detail/index',
  checkin: '/pages/appointment/checkin/index',
} as const
