import { audit } from '../../core/audit'
import type { Queryable } from '../../core/db'
import { conflict } from '../../core/errors'
import { notify } from '../../core/notify'
import { recordServiceCompletion } from '../../core/service-completions'
import type { AuthorizationStatus } from '../../../src/domain/pickup-authorization'
import { subscribePage } from '../../../src/domain/page-routes'
import * as repo from './repository'
import { authorizationLink } from './service'

/** One status change of an authorization: by a clerk (`actor`), or by the tracking job (`actor` null). */
export interface Step {
  from: AuthorizationStatus
  to: AuthorizationStatus
  event: repo.EventKind
  note?: string | null
  actor: string | null
  set?: { emsNumber?: string; agentVerified?: boolean }
  handOver?: boolean
  message: { title: string; body: string; wechat?: boolean }
}

/** 已签收, whoever learnt it first: the clerk from the hall's records or the tracking job from the carrier. */
export const deliveredStep = (row: repo.AuthorizationRow, note: string | null): Omit<Step, 'actor'> => ({
  from: 'shipped',
  to: 'delivered',
  event: 'delivered',
  note,
  handOver: true,
  message: { title: '证照已签收', body: `EMS ${row.ems_number} 已签收，委托书 ${row.number} 办结。`, wechat: true },
})

/**
 * Applies a step inside the caller's transaction: the conditional update decides, then the event, the licence's
 * hand-over, the audit entry (a person's action) and the applicant's message follow. Null when the authorization
 * was no longer in `from` (someone else acted first).
 */
export async function applyStep(q: Queryable, row: repo.AuthorizationRow, step: Step, now: Date) {
  let updated: repo.AuthorizationRow | null
  try {
    updated = await repo.transition(q, row.id, [step.from], step.to, now, step.set)
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('EMS_NUMBER_USED', '该EMS单号已登记在其他委托上，请核对面单')
    throw error
  }
  if (!updated) return null
  const eventId = await repo.insertEvent(q, { authorizationId: row.id, kind: step.event, note: step.note, actor: step.actor, now })
  if (step.handOver) {
    await repo.handOverLicence(q, row.licence_id, now)
    // The licence reached the citizen (delivered or collected): they are invited to rate it (好差评).
    await recordServiceCompletion(q, {
      kind: 'pickup',
      serviceId: row.licence_id,
      userId: row.user_id,
      hallId: row.hall_id,
      staffUserId: step.actor,
      title: `证照领取 · 委托书 ${row.number}`,
      completedAt: now,
    })
  }
  if (step.actor) {
    await audit(q, {
      actor: step.actor,
      hallId: row.hall_id,
      action: `pickup.${step.event}`,
      target: { kind: 'authorization', id: row.id },
      detail: { number: row.number },
      at: now,
    })
  }
  await notify(q, now, {
    userId: row.user_id,
    dedupeKey: `authorization:${row.id}:event:${eventId}`,
    kind: 'pickup',
    title: step.message.title,
    body: step.message.body,
    link: authorizationLink(row.id),
    wechat: step.message.wechat
      ? {
          templateKind: 'licence_shipped',
          data: { character_string1: { value: updated.ems_number ?? row.number }, thing2: { value: step.message.title.slice(0, 20) } },
          page: subscribePage(authorizationLink(row.id)),
        }
      : undefined,
  })
  return updated
}
