/**
 * The BFF's time as this device sees it. Every BFF answer carries `X-Server-Time`; the offset to the
 * device's clock is kept, so "剩余 2 小时", "today" and the hall QR's rotation follow the BFF's clock even when
 * the phone's clock is wrong or a demo BFF runs on another day (CLOCK_START).
 */
let offsetMs = 0

/** Records the BFF's time from an answer's header (ignored when missing or unreadable). */
export function noteServerTime(header: string | undefined | null, receivedAt = Date.now()): void {
  const serverMs = header ? Date.parse(header) : Number.NaN
  if (!Number.isNaN(serverMs)) offsetMs = serverMs - receivedAt
}

/** Now, by the BFF's clock. */
export const serverNow = (): Date => new Date(Date.now() + offsetMs)
