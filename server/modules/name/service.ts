import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, notFound, unprocessable } from '../../core/errors'
import { notify } from '../../core/notify'
import { recordServiceCompletion } from '../../core/service-completions'
import { collisionFindings, innerZihaos } from '../../../src/domain/enterprise-name/collisions'
import { checkNameRules, verdictOf, type NameInput } from '../../../src/domain/enterprise-name/rules'
import { COMMITMENT, reservationPeriod } from '../../../src/domain/enterprise-name/reservation'
import type { Finding, LocationContext, NameParts, Verdict } from '../../../src/domain/enterprise-name/types'
import { shanghaiDate } from '../../../src/domain/time'
import { divisionData } from '../../core/divisions'
import { admitDeclaration, type StatedApproval } from './grades'
import * as repo from './repository'
import { ruleDataFor, zihaoPinyin } from './rule-data'
import { pageLink } from '../../../src/domain/page-routes'

export interface CheckRequest extends NameInput {
  locationCode: string
}

export interface CheckOutcome {
  verdict: Verdict
  name: string
  parts: NameParts
  findings: Finding[]
  location: LocationContext
  industryGroup: string | null
  zihaoPinyin: string
}

export function locationOf(code: string): LocationContext {
  const location = divisionData().location(code)
  if (!location) throw badRequest('UNKNOWN_LOCATION', '所在地不正确，请重新选择省、市、区县')
  return location
}

const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`

/** Every finding of §1.1–1.6 for one declaration; `userId`'s own reservations do not collide with it. */
export async function checkName(q: Queryable, now: Date, request: CheckRequest, userId: string | null): Promise<CheckOutcome> {
  if ((request.name === undefined) === (request.parts === undefined)) throw badRequest('NAME_OR_PARTS', '请提交完整名称或名称各组成部分（二者选一）')
  const location = locationOf(request.locationCode)
  const rules = checkNameRules(request, ruleDataFor(location))
  const { parts } = rules
  const pinyin = zihaoPinyin(parts.zihao)
  const subject = {
    name: rules.name,
    zihao: parts.zihao,
    zihaoPinyin: pinyin,
    industry: parts.industry,
    industryGroup: rules.industryGroup?.id ?? null,
    division: parts.division,
    form: parts.form,
  }
  const scope = { cityCode: location.scopeCode, now, yearAgo: yearBefore(shanghaiDate(now)), userId }
  const isBranch = request.entityType === 'branch'
  const candidates = isBranch
    ? await repo.findSameName(q, { ...scope, name: rules.name })
    : parts.zihao
      ? await repo.findCandidates(q, { ...scope, zihao: parts.zihao, zihaoAndInner: [parts.zihao, ...innerZihaos(parts.zihao)], pinyin })
      : []
  const findings = [...rules.findings, ...collisionFindings(subject, candidates, isBranch)]
  return { verdict: verdictOf(findings), name: rules.name, parts, findings, location, industryGroup: subject.industryGroup, zihaoPinyin: pinyin }
}

export interface ReserveRequest extends CheckRequest {
  preApproval: boolean
  riskConfirmed?: boolean
  /** 限用: the approval documents the applicant holds, by the key of the finding that asks for each. */
  approvals?: StatedApproval[]
  commitmentAccepted: boolean
  commitmentVersion: string
}

const nameKeyOf = (outcome: CheckOutcome, entityType: string) =>
  entityType === 'branch' ? `branch:${outcome.name}` : `${outcome.parts.zihao}|${outcome.parts.industry}`

/**
 * Reserves a name for its holder (Reg 18). The check runs again inside the transaction after a lock on
 * the 字号 in its city, so of two applicants declaring colliding names at once the second sees the first;
 * the unique index on active reservations backs that up for the very same name.
 */
export async function reserveName(ctx: AppContext, userId: string, request: ReserveRequest) {
  if (request.commitmentAccepted !== true) throw unprocessable('COMMITMENT_REQUIRED', '请阅读并确认《企业名称自主申报承诺书》后再申报')
  if (request.commitmentVersion !== COMMITMENT.version) throw conflict('COMMITMENT_CHANGED', '承诺书内容已更新，请重新阅读并确认')
  const now = ctx.clock.now()
  const id = await ctx.db.tx(async (tx) => {
    const location = locationOf(request.locationCode)
    // Every name identical to this one shares its 字号 (a branch: its whole name) in this city.
    const parsed = checkNameRules(request, ruleDataFor(location))
    const lockKey = request.entityType === 'branch' ? parsed.name : parsed.parts.zihao
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`name:${location.scopeCode}:${lockKey}`])
    const outcome = await checkName(tx, now, request, userId)
    const admitted = admitDeclaration(outcome.findings, request)
    const nameKey = nameKeyOf(outcome, request.entityType)
    await repo.expireStaleReservation(tx, location.scopeCode, nameKey, now)
    const holder = await repo.activeReservationHolder(tx, location.scopeCode, nameKey)
    if (holder === userId) throw conflict('ALREADY_RESERVED', '您已保留该名称，可在“我的名称”中查看')
    const today = shanghaiDate(now)
    const reservationId = await repo.insertReservation(tx, {
      userId,
      locationCode: location.code,
      cityCode: location.scopeCode,
      entityType: request.entityType,
      foreignInvested: request.foreignInvested ?? false,
      name: outcome.name,
      nameKey,
      parts: outcome.parts,
      zihaoPinyin: outcome.zihaoPinyin,
      industryGroup: outcome.industryGroup,
      preApproval: request.preApproval,
      reservedAt: now,
      expiresAt: reservationPeriod(today, request.preApproval).expiresAt,
      numberPrefix: `MC${today.replace(/-/g, '')}`,
      commitmentVersion: COMMITMENT.version,
      commitmentText: COMMITMENT.text.join('\n'),
      riskConfirmed: admitted.riskConfirmed,
      findings: admitted.findings,
    })
    // The name is reserved: the online service is done and the applicant is invited to rate it (好差评).
    await recordServiceCompletion(tx, {
      kind: 'name',
      serviceId: reservationId,
      userId,
      hallId: null,
      title: `名称自主申报 · ${outcome.name}`,
      completedAt: now,
    })
    return reservationId
  })
  return (await repo.findReservation(ctx.db, id, userId, now))!
}

export async function releaseName(ctx: AppContext, userId: string, id: string) {
  const now = ctx.clock.now()
  if (!(await repo.releaseReservation(ctx.db, id, userId, now))) {
    if (!(await repo.findReservation(ctx.db, id, userId, now))) throw notFound('名称保留记录不存在')
    throw conflict('NOT_ACTIVE', '该名称保留已到期或已释放')
  }
  return (await repo.findReservation(ctx.db, id, userId, now))!
}

/** Ends reservations past their expiry and tells their holders (in the same transaction). */
export async function expireReservations(ctx: Pick<AppContext, 'db' | 'clock'>) {
  const now = ctx.clock.now()
  return ctx.db.tx(async (tx) => {
    const expired = await repo.expireReservations(tx, now)
    for (const r of expired) {
      await notify(tx, now, {
        userId: r.user_id,
        dedupeKey: `name-reservation:${r.id}:expired`,
        kind: 'name_reservation_expired',
        title: '名称保留已到期',
        body: `您保留的企业名称“${r.name}”保留期已满，名称已自动失效。如仍需使用，请重新申报。`,
        link: pageLink('nameNotice', { id: r.id }),
      })
    }
    return expired.length
  })
}
