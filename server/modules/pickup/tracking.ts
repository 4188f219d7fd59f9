import type { AppContext } from '../../core/context'
import { notFound } from '../../core/errors'
import { EMS_DELIVERED_CODES, EMS_DELIVERY_REVOKED, ParcelTrackingError, emsTimestamp, type ParcelEvent } from '../../core/ems-tracking'
import { AUTHORIZATION_STATUS_LABELS } from '../../../src/domain/pickup-authorization'
import * as repo from './repository'
import type { TrackingView } from './schemas'
import { applyStep, deliveredStep } from './steps'

/** Parcels asked about per run (the job runs every minute), and failures in a row after which the run stops. */
const PARCELS_PER_RUN = 20
const FAILURES_BEFORE_PAUSE = 3

/** The scan that delivered the parcel, unless a later 743 withdrew it. */
export function deliveryOf(events: ParcelEvent[]): ParcelEvent | null {
  const ordered = [...events].sort((a, b) => a.opTime.getTime() - b.opTime.getTime())
  let delivery: ParcelEvent | null = null
  for (const event of ordered) {
    if (EMS_DELIVERED_CODES.has(event.opCode)) delivery = event
    else if (event.opCode === EMS_DELIVERY_REVOKED) delivery = null
  }
  return delivery
}

/** Stores the carrier's scans (each once) and, when they show delivery, moves the authorization to 已签收 and tells the applicant. */
async function recordTracking(ctx: AppContext, row: repo.AuthorizationRow, events: ParcelEvent[]) {
  const now = ctx.clock.now()
  const sealed = events.map((e) => ({ ...e, descriptionEnc: ctx.keys.cipher.encrypt(e.description) }))
  return ctx.db.tx(async (q) => {
    const recorded = await repo.insertTrackingEvents(q, row.id, row.ems_number!, sealed, now)
    const delivery = deliveryOf(events)
    // Null when a clerk recorded the delivery first: one 已签收 either way.
    const delivered = delivery
      ? await applyStep(q, row, { ...deliveredStep(row, `EMS：${delivery.opName}（${emsTimestamp(delivery.opTime)}）`), actor: null }, now)
      : null
    return { recorded, delivered: delivered !== null }
  })
}

export interface PollSummary {
  polled: number
  recorded: number
  delivered: number
  failed: number
}

/**
 * The pickup-ems-tracking job: asks the carrier about shipped parcels not asked about for EMS_POLL_MINUTES. A
 * failure (counted by the adapter for /metrics) leaves the parcel shipped until its next turn; throttling, or
 * several failures in a row, end the run so a struggling provider is not pressed harder.
 */
export async function pollShippedParcels(ctx: AppContext): Promise<PollSummary> {
  const summary: PollSummary = { polled: 0, recorded: 0, delivered: 0, failed: 0 }
  const tracker = ctx.parcels
  if (!tracker) return summary
  let failuresInRow = 0
  while (summary.polled < PARCELS_PER_RUN && failuresInRow < FAILURES_BEFORE_PAUSE) {
    const now = ctx.clock.now()
    const row = await repo.claimDueParcel(ctx.db, now, new Date(now.getTime() - tracker.pollMinutes * 60_000))
    if (!row) break
    summary.polled++
    let events: ParcelEvent[]
    try {
      events = await tracker.track(row.ems_number!)
    } catch (error) {
      summary.failed++
      failuresInRow++
      const code = error instanceof ParcelTrackingError ? error.code : 'unexpected'
      ctx.log.warn({ job: 'pickup-ems-tracking', authorization: row.id, code }, 'EMS tracking failed; the parcel is asked again on its next turn')
      if (error instanceof ParcelTrackingError && error.throttled) break
      continue
    }
    failuresInRow = 0
    const result = await recordTracking(ctx, row, events)
    summary.recorded += result.recorded
    if (result.delivered) summary.delivered++
  }
  if (summary.polled) ctx.log.info({ job: 'pickup-ems-tracking', ...summary }, 'EMS tracking polled')
  return summary
}

/** The parcel's timeline for its applicant, newest scan first; anyone else is told it does not exist. */
export async function trackingForPrincipal(ctx: AppContext, userId: string, id: string): Promise<TrackingView> {
  const row = await repo.findAuthorization(ctx.db, id)
  if (!row || row.user_id !== userId) throw notFound('委托书不存在')
  const events = row.method === 'ems' ? await repo.listTrackingEvents(ctx.db, row.id) : []
  return {
    method: row.method,
    emsNumber: row.ems_number,
    status: row.status,
    statusLabel: AUTHORIZATION_STATUS_LABELS[row.status],
    automatic: ctx.parcels !== null,
    checkedAt: row.tracking_checked_at?.toISOString() ?? null,
    events: events.map((e) => ({
      code: e.op_code,
      name: e.op_name,
      at: e.op_time.toISOString(),
      place: [e.org_city, e.org_name].filter(Boolean).join(' ') || null,
      description: ctx.keys.cipher.decrypt(e.description_enc),
    })),
  }
}
