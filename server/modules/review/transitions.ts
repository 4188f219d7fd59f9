import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { conflict } from '../../core/errors'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import { shanghaiDate } from '../../../src/domain/time'
import { addWorkingDays, isCalendarKnown } from '../../../src/domain/working-days'
import { CASE_STATUS_LABEL, TRANSITIONS, canApply, type CaseAction, type CaseStatus } from '../../../src/domain/review'
import * as repo from './repository'

/** Case state changes shared by single pre-review (service.ts) and the cases of 一件事 applications (joint.ts). */
export function refuseTransition(action: CaseAction, status: CaseStatus): never {
  const verb: Record<CaseAction, string> = {
    submit: '提交',
    withdraw: '撤回',
    open: '开始预审',
    approve: '作出预审决定',
    needs_fix: '作出预审决定',
    defer_approve: '作出预审决定',
    reject: '作出预审决定',
    expire: '过期',
  }
  throw conflict('CASE_STATE', `办件当前为“${CASE_STATUS_LABEL[status]}”，不能${verb[action]}`)
}

/** Applies `action` to a locked case: refuses what the transition table does not allow. */
export async function move(
  q: Queryable,
  found: repo.CaseRow,
  action: CaseAction,
  c: { now: Date; actorUserId: string | null; note?: string | null; set?: Record<string, unknown> },
): Promise<void> {
  if (!canApply(action, found.status)) refuseTransition(action, found.status)
  const { to, by } = TRANSITIONS[action]
  const moved = await repo.transition(q, { caseId: found.id, from: found.status, to, actor: by, ...c })
  if (!moved) refuseTransition(action, found.status)
}

export function dueDateAfter(ctx: AppContext, from: Date, workingDays: number): string {
  const due = addWorkingDays(shanghaiDate(from), workingDays, HOLIDAY_CALENDAR)
  if (!isCalendarKnown(due, HOLIDAY_CALENDAR)) ctx.log.warn({ due }, 'holiday calendar has no data for this year: counted Monday–Friday')
  return due
}
