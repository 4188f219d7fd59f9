/** Staff pages of the queue feature and the workbench (in the `staff` subpackage). */
export const STAFF_PAGES = {
  window: '/pages/staff/queue/window/index',
  screen: '/pages/staff/queue/screen/index',
} as const
