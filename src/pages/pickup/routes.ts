import { withQuery } from '../../routes'

/** The pages of the pickup subpackage and the clerk's pages in the staff subpackage. */
export const PICKUP_PAGES = {
  list: '/pages/pickup/index',
  authorize: (caseNumber: string) => withQuery('/pages/pickup/authorize/index', { caseNumber }),
  detail: (id: string) => withQuery('/pages/pickup/detail/index', { id }),
  staffHome: '/pages/staff/pickup/index',
  staffDetail: (id: string) => withQuery('/pages/staff/pickup/detail/index', { id }),
  staffAgentCheck: '/pages/staff/pickup/agent-check/index',
}
