/** Staff pages of the appointment feature (in the `staff` subpackage). */
export const STAFF_APPOINTMENT_PAGES = {
  day: '/pages/staff/appointment/day/index',
  settings: '/pages/staff/appointment/settings/index',
} as const
