/** Queue ticket states and their names (domain README §3), shared by the BFF's messages and the pages. */
export type TicketStatus = 'waiting_checkin' | 'waiting' | 'called' | 'serving' | 'done' | 'missed' | 'cancelled' | 'expired'

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  waiting_checkin: '待签到',
  waiting: '排队中',
  called: '叫号中',
  serving: '办理中',
  done: '已完成',
  missed: '过号',
  cancelled: '已取消',
  expired: '已失效',
}

export type TicketPriority = 'appointment' | 'elderly'

export const PRIORITY_LABELS: Record<TicketPriority, string> = { appointment: '预约优先', elderly: '老年人优先' }

/**
 * How a ticket or booking was checked in: the hall screen's rotating QR code, a position the phone
 * reported (client-asserted, so shown as unverified), or staff at the window.
 */
export type CheckinMethod = 'qr' | 'location' | 'window'

export const CHECKIN_METHOD_LABELS: Record<CheckinMethod, string> = { qr: '扫码签到', location: '定位签到（未核验）', window: '窗口签到' }

/** A position the phone reports for a location check-in (GCJ-02, as WeChat gives it), with its accuracy radius in metres. */
export interface ReportedLocation {
  lat: number
  lng: number
  accuracy: number
}

export const isActiveStatus = (status: TicketStatus) => status === 'waiting_checkin' || status === 'waiting' || status === 'called' || status === 'serving'

/** What the citizen is told when a window calls the ticket. */
export const goToWindowText = (windowNumber: number) => `请到 ${windowNumber} 号窗口`

/**
 * The check-in token inside whatever a scanner read from the hall screen's QR code: the H5 link
 * (…/pages/queue/checkin/index?token=…) or the bare token. Format: `<hall>.<window>.<mac>`; null if it is not one.
 */
export function checkinTokenFromScan(scanned: string): string | null {
  const match = /[?&]token=([^&#]+)/.exec(scanned)
  let token = scanned.trim()
  if (match) {
    try {
      token = decodeURIComponent(match[1])
    } catch {
      return null
    }
  }
  return /^[a-z0-9-]+\.[0-9a-z]+\.[A-Za-z0-9_-]+$/.test(token) ? token : null
}

/** The hall a check-in token belongs to. */
export const hallOfCheckinToken = (token: string) => token.split('.')[0]
