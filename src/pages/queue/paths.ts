/** Pages of the queue subpackage (registered in app.config.ts). */
export const QUEUE_PAGES = {
  take: '/pages/queue/take/index',
  ticket: '/pages/queue/ticket/index',
  checkin: '/pages/queue/checkin/index',
  mine: '/pages/queue/mine/index',
} as const
