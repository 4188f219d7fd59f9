import { unprocessable } from '../../core/errors'
import type { CheckinMethod, ReportedLocation } from '../../../src/domain/queue'
import { distanceMeters } from './rules'

export type { CheckinMethod, ReportedLocation }

/**
 * What a location check-in proves, and what it does not (docs/security.md, issue #13 item 8). The
 * position comes from the citizen's phone, and any HTTP client can send the hall's published
 * coordinates: it proves nothing the citizen could not type. So every check-in records its method
 * (window staff see 定位签到（未核验）), a location must come with the accuracy the phone reported, and
 * it is accepted only where a false claim gains little:
 * - a remote ticket: only when at most LOCATION_MAX_AHEAD people would be ahead of it. It is then called
 *   within minutes, and a citizen who is not actually there misses the call (过号: back after three
 *   numbers, void the second time), so claiming presence from afar buys a few places at most; with a
 *   longer line the hall screen's QR code is the way in;
 * - a booking: only from LOCATION_LEAD_MINUTES before the slot start (the QR code and the window from the
 *   start of the booking's check-in window, 15 minutes by default), so the priority ticket a false claim
 *   yields starts at about the booked time, which the citizen was given anyway.
 */
export const LOCATION_MAX_AHEAD = 5
export const LOCATION_LEAD_MINUTES = 5
/** Coarser fixes (cell towers, IP) cannot tell the hall from the streets around it. */
export const LOCATION_MAX_ACCURACY_METERS = 100

/** Refuses a reported position that is too coarse to place the citizen, or outside the hall's geofence. */
export function assertLocationInHall(location: ReportedLocation, hall: { name: string; lat: number; lng: number; geofence_meters: number }) {
  const allowed = Math.min(LOCATION_MAX_ACCURACY_METERS, hall.geofence_meters)
  if (!(location.accuracy > 0 && location.accuracy <= allowed)) {
    throw unprocessable(
      'LOCATION_INACCURATE',
      `定位误差约 ${Math.round(location.accuracy)} 米，超过 ${allowed} 米，无法确认您已到达服务中心；请打开手机定位服务后重试，或扫描大厅签到二维码签到`,
    )
  }
  const distance = distanceMeters(location, hall)
  if (distance > hall.geofence_meters) {
    throw unprocessable('OUT_OF_GEOFENCE', `您距离${hall.name}约 ${Math.round(distance)} 米，请到达大厅（${hall.geofence_meters} 米内）后再签到`)
  }
}
