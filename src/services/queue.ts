import Taro from '@tarojs/taro'
import type { Static } from '@sinclair/typebox'
import type { CheckinCodeSchema, HallQueueStatusSchema, HallScreenSchema, TicketSchema, WindowViewSchema } from '../../server/modules/queue/schemas'
import type { ReportedLocation } from '../domain/queue'
import { BFF_BASE_URL } from './config'
import { http, sessionToken } from './http'

export type Ticket = Static<typeof TicketSchema>
export type HallQueueStatus = Static<typeof HallQueueStatusSchema>

export type CheckinProof = { token: string } | { location: ReportedLocation }

const ticketPath = (id: string) => `/api/v1/queue/tickets/${encodeURIComponent(id)}`

export const getHallQueueStatus = (hallId: string) => http.get<HallQueueStatus>(`/api/v1/queue/halls/${encodeURIComponent(hallId)}/status`)
export const takeTicket = (hallId: string, categoryId: string) => http.post<Ticket>('/api/v1/queue/tickets', { hallId, categoryId })
export const getTicket = (id: string) => http.get<Ticket>(ticketPath(id))
export const listMyTickets = () => http.get<{ tickets: Ticket[] }>('/api/v1/queue/tickets').then((r) => r.tickets)
export const checkInTicket = (id: string, proof: CheckinProof) => http.post<Ticket>(`${ticketPath(id)}/check-in`, proof)
export const cancelTicket = (id: string) => http.post<Ticket>(`${ticketPath(id)}/cancel`)

// Staff side
export type WindowView = Static<typeof WindowViewSchema>
export type StaffTicket = NonNullable<WindowView['current']>
export type HallScreen = Static<typeof HallScreenSchema>
export type CheckinCode = Static<typeof CheckinCodeSchema>

export type WindowAction = 'recall' | 'start' | 'finish' | 'miss'

const windowPath = (windowId: string) => `/api/v1/staff/windows/${encodeURIComponent(windowId)}`

export const getWindow = (windowId: string) => http.get<WindowView>(windowPath(windowId))
export const callNext = (windowId: string) => http.post<WindowView>(`${windowPath(windowId)}/call-next`)
export const actOnTicket = (windowId: string, ticketId: string, action: WindowAction) =>
  http.post<WindowView>(`${windowPath(windowId)}/tickets/${encodeURIComponent(ticketId)}/${action}`)
export const transferTicket = (windowId: string, ticketId: string, categoryCode: string) =>
  http.post<WindowView>(`${windowPath(windowId)}/tickets/${encodeURIComponent(ticketId)}/transfer`, { categoryCode })
export const getHallScreen = (hallId: string) => http.get<HallScreen>(`/api/v1/staff/halls/${encodeURIComponent(hallId)}/screen`)
export const getCheckinCode = (hallId: string) => http.get<CheckinCode>(`/api/v1/staff/halls/${encodeURIComponent(hallId)}/checkin-code`)

// Live updates
/** While the live connection is down, what is on screen is re-read this often. */
export const POLL_MS = 2000
/** Reconnecting backs off from the first to the last delay (a BFF restart, a hall's flaky network), with jitter. */
const RECONNECT_FIRST_MS = 1000
const RECONNECT_LAST_MS = 30_000

const reconnectDelay = (failures: number) => Math.min(RECONNECT_FIRST_MS * 2 ** failures, RECONNECT_LAST_MS) * (0.75 + Math.random() / 2)

function liveUrl(hallId: string): string {
  const base = BFF_BASE_URL || (typeof location !== 'undefined' ? location.origin : '')
  return `${base.replace(/^http/, 'ws')}/api/v1/queue/live?hallId=${encodeURIComponent(hallId)}`
}

/**
 * Calls `onChange` whenever the hall's queue changes: pushed over a WebSocket (Taro.connectSocket on
 * both targets), or — while the socket is not connected — every POLL_MS. A dropped socket is reopened with
 * backoff and re-reads everything on 'ready', so a BFF restart needs no reload. Returns the stop function.
 */
export function watchHall(hallId: string, onChange: () => void): () => void {
  let stopped = false
  let live = false
  let failures = 0
  let task: Taro.SocketTask | null = null
  let retry: ReturnType<typeof setTimeout> | undefined
  const poll = setInterval(() => {
    if (!live) onChange()
  }, POLL_MS)
  const reconnect = () => {
    live = false
    task = null
    if (!stopped) retry = setTimeout(connect, reconnectDelay(failures++))
  }
  async function connect() {
    const token = sessionToken()
    if (!token) return
    try {
      const socket = await Taro.connectSocket({ url: liveUrl(hallId) })
      if (stopped) return void socket.close({})
      task = socket
      socket.onOpen(() => void socket.send({ data: JSON.stringify({ type: 'auth', token }) }))
      socket.onMessage(({ data }) => {
        let message: { type?: string }
        try {
          message = JSON.parse(String(data))
        } catch {
          return
        }
        if (message.type === 'ready') {
          live = true
          failures = 0
        }
        // On 'ready' too: catch up with what changed while connecting.
        if (message.type === 'ready' || message.type === 'changed') onChange()
      })
      socket.onClose(reconnect)
      socket.onError(() => {
        live = false
      })
    } catch {
      reconnect()
    }
  }
  void connect()
  return () => {
    stopped = true
    clearInterval(poll)
    clearTimeout(retry)
    task?.close({})
  }
}
