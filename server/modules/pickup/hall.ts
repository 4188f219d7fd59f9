import type { FastifyRequest } from 'fastify'
import { audit } from '../../core/audit'
import { requireStaffAt, requireUser } from '../../core/auth'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, notFound, unprocessable } from '../../core/errors'
import { notify } from '../../core/notify'
import { parseEmsNumber } from '../../../src/domain/ems'
import { parseIdCard } from '../../../src/domain/id-card'
import { AUTHORIZATION_STATUS_LABELS, type AuthorizationStatus } from '../../../src/domain/pickup-authorization'
import { shanghaiDate } from '../../../src/domain/time'
import { pageLink, subscribePage } from '../../../src/domain/page-routes'
import type { CaseStatus } from '../review/schemas'
import { caseByNumber } from '../review/service'
import { readPickupCode } from './pickup-code'
import * as repo from './repository'
import { applyStep, deliveredStep, type Step } from './steps'
import { clerkView, licenceView, pendingView } from './views'

/**
 * The hall side of certificate pickup (role clerk, own hall only): 出证登记, shipping by EMS with its
 * status events, and handing a licence to a verified agent (docs/domain-rules.md §6).
 */

const NOT_APPROVED_MESSAGES: Record<Exclude<CaseStatus, 'approved'>, [code: string, message: string]> = {
  draft: ['CASE_NOT_APPROVED', '该办件尚未提交预审，预审通过后才能出证登记'],
  submitted: ['CASE_NOT_APPROVED', '该办件已提交，正在等待预审，预审通过后才能出证登记'],
  reviewing: ['CASE_NOT_APPROVED', '该办件正在预审中，预审通过后才能出证登记'],
  needs_fix: ['CASE_NOT_APPROVED', '该办件需补正，补正后预审通过才能出证登记'],
  deferred_approved: ['CASE_NOT_APPROVED', '该办件为容缺通过，容缺材料补齐并预审通过后才能出证登记'],
  withdrawn: ['CASE_CLOSED', '该办件已撤回，不能出证登记'],
  rejected: ['CASE_CLOSED', '该办件不予受理，不能出证登记'],
  expired: ['CASE_CLOSED', '该办件已过期，不能出证登记'],
}

/**
 * 出证登记: only for an approved case of the clerk's hall whose item yields a licence. The case row is
 * locked for the transaction (through review's service), so its status and hall cannot change before the
 * insert; trigger licences_case_approved (080) refuses a licence for a case that is not approved in any case.
 */
export async function issueLicence(ctx: AppContext, request: FastifyRequest, caseNumber: string) {
  const clerk = requireUser(request)
  const now = ctx.clock.now()
  return ctx.db.tx(async (q) => {
    const found = await caseByNumber(q, caseNumber, true)
    if (!found) throw notFound('未找到该办件，请核对办件编号')
    requireStaffAt(request, 'clerk', found.hall_id)
    if (!found.result_licence) throw unprocessable('NO_LICENCE', `「${found.item_name}」办结后不出具证照，无需出证登记`)
    if (found.status !== 'approved') {
      const [code, message] = NOT_APPROVED_MESSAGES[found.status as Exclude<CaseStatus, 'approved'>] ?? [
        'CASE_NOT_APPROVED',
        '该办件尚未预审通过，不能出证登记',
      ]
      throw conflict(code, message)
    }
    const licenceId = await repo.insertLicence(q, {
      caseId: found.id,
      name: found.result_licence,
      copies: found.licence_copies ?? '1份',
      issuedAt: now,
      issuedBy: clerk.id,
    })
    if (!licenceId) throw conflict('LICENCE_EXISTS', '该办件已出证登记，请勿重复登记')
    await audit(q, {
      actor: clerk.id,
      hallId: found.hall_id,
      action: 'pickup.licence_issued',
      target: { kind: 'licence', id: licenceId },
      detail: { caseNumber },
      at: now,
    })
    const link = pageLink('pickupAuthorize', { caseNumber: found.case_number })
    await notify(q, now, {
      userId: found.user_id,
      dedupeKey: `licence:${licenceId}:issued`,
      kind: 'pickup',
      title: '证照已出证，可申请寄递',
      body: `办件 ${found.case_number} 的${found.result_licence}已出证。可在线签署取件委托书，免费EMS寄递到家或委托他人代领。`,
      link,
      wechat: {
        templateKind: 'case_result',
        data: { character_string1: { value: found.case_number }, thing2: { value: `${found.result_licence}已出证`.slice(0, 20) } },
        page: subscribePage(link),
      },
    })
    return licenceView(ctx, (await repo.findLicenceOfCase(q, found.id))!)
  })
}

const PENDING_LIMIT = 200

/**
 * 待出证: the hall's approved cases whose licence is not registered yet. `q` is matched against the case
 * number, or, when it is not one, against the applicant's masked name (姓 + *), the only part of a name
 * the clerk's screens show.
 */
export async function pendingCases(ctx: AppContext, request: FastifyRequest, hallId: string, query?: string) {
  requireStaffAt(request, 'clerk', hallId)
  const text = query?.trim() ?? ''
  const byNumber = /^[A-Za-z0-9-]+$/.test(text)
  const rows = await repo.listPendingCases(ctx.db, hallId, { caseNumber: byNumber ? text : undefined, limit: PENDING_LIMIT })
  const views = rows.map((row) => pendingView(ctx, row))
  if (!text || byNumber) return views
  return views.filter((view) => (text.includes('*') ? view.applicantNameMasked === text : view.applicantNameMasked.startsWith(text)))
}

export async function hallLicences(ctx: AppContext, request: FastifyRequest, hallId: string, state: repo.HallLicenceState) {
  requireStaffAt(request, 'clerk', hallId)
  return (await repo.listLicencesOfHall(ctx.db, hallId, state)).map((row) => licenceView(ctx, row))
}

/** The authorization for a clerk of its hall: 404 if unknown, 403 for a clerk of another hall. */
async function hallAuthorization(ctx: AppContext, request: FastifyRequest, id: string) {
  const row = await repo.findAuthorization(ctx.db, id)
  if (!row) throw notFound('委托书不存在')
  requireStaffAt(request, 'clerk', row.hall_id)
  return row
}

export async function authorizationForClerk(ctx: AppContext, request: FastifyRequest, id: string) {
  return clerkView(ctx, ctx.db, await hallAuthorization(ctx, request, id))
}

const isOverdue = (ctx: AppContext, row: repo.AuthorizationRow) => row.valid_until < shanghaiDate(ctx.clock.now())

function refuseUnlessLive(ctx: AppContext, row: repo.AuthorizationRow, expected: AuthorizationStatus) {
  if (row.status === 'expired' || ((row.status === 'awaiting_shipment' || row.status === 'awaiting_pickup') && isOverdue(ctx, row))) {
    throw conflict('AUTHORIZATION_EXPIRED', '该委托书已过有效期，需申请人重新签署')
  }
  if (row.status !== expected) throw conflict('WRONG_STATUS', `该委托当前状态为「${AUTHORIZATION_STATUS_LABELS[row.status]}」，不能进行此操作`)
}

/** Runs a clerk's status change in one transaction (steps.ts); someone else acting first is a conflict. */
async function change(ctx: AppContext, row: repo.AuthorizationRow, step: Step & { actor: string }) {
  return ctx.db.tx(async (q: Queryable) => {
    const updated = await applyStep(q, row, step, ctx.clock.now())
    if (!updated) throw conflict('STATUS_CHANGED', '该委托的状态刚刚已被更新，请刷新后再试')
    return clerkView(ctx, q, updated)
  })
}

export async function recordShipment(ctx: AppContext, request: FastifyRequest, id: string, emsInput: string) {
  const row = await hallAuthorization(ctx, request, id)
  const ems = parseEmsNumber(emsInput)
  if (!ems.ok) throw badRequest('INVALID_EMS_NUMBER', ems.message)
  refuseUnlessLive(ctx, row, 'awaiting_shipment')
  return change(ctx, row, {
    from: 'awaiting_shipment',
    to: 'shipped',
    event: 'shipped',
    note: `EMS单号 ${ems.value}`,
    actor: requireUser(request).id,
    set: { emsNumber: ems.value },
    message: { title: '证照已寄出', body: `委托书 ${row.number} 的证照已交邮政EMS寄出，单号 ${ems.value}。`, wechat: true },
  })
}

export async function recordDeliveryEvent(ctx: AppContext, request: FastifyRequest, id: string, kind: 'transit' | 'delivered', noteInput?: string) {
  const row = await hallAuthorization(ctx, request, id)
  const note = noteInput?.replace(/[\u0000-\u001f\u007f]/g, '').trim() || null
  if (kind === 'transit' && (!note || [...note].length < 2)) throw badRequest('NOTE_REQUIRED', '请填写寄递进度，如“已到达成都邮件处理中心”')
  refuseUnlessLive(ctx, row, 'shipped')
  const actor = requireUser(request).id
  if (kind === 'transit') {
    return change(ctx, row, {
      from: 'shipped',
      to: 'shipped',
      event: 'transit',
      note,
      actor,
      message: { title: '证照寄递进度', body: `EMS ${row.ems_number}：${note}` },
    })
  }
  return change(ctx, row, { ...deliveredStep(row, note), actor })
}

/** At the window: the agent shows the signed code and their ID card; the number must match the one signed for. */
export async function checkAgent(ctx: AppContext, request: FastifyRequest, code: string, idNumberInput: string) {
  const id = readPickupCode(ctx.keys, code)
  if (!id) throw unprocessable('PICKUP_CODE_INVALID', '取件码无效，请让代领人出示委托人手机上的取件码')
  const row = await hallAuthorization(ctx, request, id)
  if (row.method !== 'agent') throw unprocessable('NOT_AGENT_PICKUP', '该委托为EMS寄递，不能窗口代领')
  if (row.status === 'collected') throw conflict('ALREADY_COLLECTED', '该证照已由代领人领取')
  refuseUnlessLive(ctx, row, 'awaiting_pickup')
  const parsed = parseIdCard(idNumberInput, shanghaiDate(ctx.clock.now()))
  if (!parsed.ok) throw badRequest('INVALID_ID_NUMBER', parsed.message)
  const actor = requireUser(request).id
  if (ctx.keys.cipher.blindIndex(`id:${parsed.value.normalized}`) !== row.agent_id_index) {
    await audit(ctx.db, {
      actor,
      hallId: row.hall_id,
      action: 'pickup.agent_mismatch',
      target: { kind: 'authorization', id: row.id },
      detail: { number: row.number },
      at: ctx.clock.now(),
    })
    throw unprocessable('AGENT_MISMATCH', '身份证号与委托书中的代领人不一致，不能代领')
  }
  if (row.agent_verified_at) return clerkView(ctx, ctx.db, row)
  return change(ctx, row, {
    from: 'awaiting_pickup',
    to: 'awaiting_pickup',
    event: 'agent_verified',
    actor,
    set: { agentVerified: true },
    message: { title: '代领人身份已核验', body: `委托书 ${row.number} 的代领人已在窗口核验身份，正在领取证照。` },
  })
}

export async function markCollected(ctx: AppContext, request: FastifyRequest, id: string) {
  const row = await hallAuthorization(ctx, request, id)
  refuseUnlessLive(ctx, row, 'awaiting_pickup')
  if (!row.agent_verified_at) throw conflict('AGENT_NOT_VERIFIED', '请先扫描取件码并核验代领人身份证件')
  return change(ctx, row, {
    from: 'awaiting_pickup',
    to: 'collected',
    event: 'collected',
    actor: requireUser(request).id,
    handOver: true,
    message: { title: '证照已由代领人领取', body: `委托书 ${row.number} 的证照已由代领人在窗口领取。` },
  })
}
