import type { FastifyRequest } from 'fastify'
import { requireStaffAt, requireUser } from '../../core/auth'
import { HOLIDAY_CALENDAR } from '../../core/calendar'
import type { AppContext } from '../../core/context'
import { randomToken, sha256Hex } from '../../core/crypto'
import type { Queryable } from '../../core/db'
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../core/errors'
import { notify } from '../../core/notify'
import { consumeServiceCompletions, type ServiceCompletion } from '../../core/service-completions'
import { maskName, maskPhone } from '../../../src/domain/mask'
import { pageLink } from '../../../src/domain/page-routes'
import {
  FOLLOW_UP_RECTIFY_WORKING_DAYS,
  FOLLOW_UP_VISIT_WORKING_DAYS,
  RATING_CHANGE_HOURS,
  RATING_LEVEL_LABEL,
  SERVICE_KIND_LABEL,
  isBadRating,
  ratingReasonLabel,
  type RatingLevel,
} from '../../../src/domain/rating'
import { shanghaiDate } from '../../../src/domain/time'
import { addDays, workingDayDeadline } from '../../../src/domain/working-days'
import { hallAdministrators, requireHallAdmin } from '../admin/service'
import * as repo from './repository'
import type { NationalRatingRecord, RatedService, RatingInput, StaffFollowUp } from './schemas'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'keys'>

/** A follow-up's deadlines count working days on the hall's calendar and end at its closing time (17:30 without a hall). */
const DEFAULT_CLOSE_TIME = '17:30'
/** The window tablet offers the last finished ticket for this long after 办结. */
export const KIOSK_OFFER_MINUTES = 10

// ---------------------------------------------------------------- invitations

/** The invitation job: every recorded completion becomes one rateable service and one in-app invitation. */
export async function inviteToRate(ctx: Ctx): Promise<number> {
  return consumeServiceCompletions(ctx.db, (q, completion) => invite(q, ctx.clock.now(), completion))
}

async function invite(q: Queryable, now: Date, c: ServiceCompletion) {
  const id = await repo.insertService(q, c, now)
  if (!id) return
  await notify(q, now, {
    userId: c.userId,
    dedupeKey: `rating:${c.kind}:${c.serviceId}:invite`,
    kind: 'rating_invite',
    title: '请您评价本次服务',
    body: `${c.title} 已办结，欢迎对本次服务作出评价（好差评），您的评价将帮助我们改进服务。`,
    link: pageLink('ratingRate', { id }),
  })
}

// ---------------------------------------------------------------- citizen

const open = (ctx: Ctx, sealed: string | null) => (sealed ? ctx.keys.cipher.decrypt(sealed) : null)
const seal = (ctx: Ctx, plain: string | null) => (plain ? ctx.keys.cipher.encrypt(plain) : null)

function ratingView(ctx: Ctx, r: repo.RatingRow, f: repo.FollowUpRow | null, now: Date) {
  return {
    level: r.level,
    reasons: r.reasons,
    comment: open(ctx, r.comment_enc),
    channel: r.channel,
    ratedAt: r.rated_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    changeableUntil: r.changeable_until.toISOString(),
    changeable: now < r.changeable_until && (!f || f.status === 'open' || f.status === 'withdrawn'),
    followUp: f
      ? {
          status: f.status,
          visitDueAt: f.visit_due_at.toISOString(),
          rectifyDueAt: f.rectify_due_at.toISOString(),
          visitedAt: f.visited_at?.toISOString() ?? null,
          visitNote: open(ctx, f.visit_note_enc),
          rectifiedAt: f.rectified_at?.toISOString() ?? null,
          rectifyNote: open(ctx, f.rectify_note_enc),
        }
      : null,
  }
}

async function servicesView(ctx: Ctx, q: Queryable, services: repo.ServiceRow[]): Promise<RatedService[]> {
  const ratings = await repo.ratingsOf(q, services)
  const followUps = await repo.followUpsOf(
    q,
    ratings.map((r) => r.id),
  )
  const now = ctx.clock.now()
  return services.map((s) => {
    const rating = ratings.find((r) => r.kind === s.kind && r.service_id === s.service_id)
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      hallName: s.hall_name,
      completedAt: s.completed_at.toISOString(),
      rating: rating ? ratingView(ctx, rating, followUps.find((f) => f.rating_id === rating.id) ?? null, now) : null,
    }
  })
}

export async function myRatedServices(ctx: Ctx, userId: string) {
  return { services: await servicesView(ctx, ctx.db, await repo.listServicesOfUser(ctx.db, userId)) }
}

/** The caller's own rateable service; anyone else's is "not found". */
async function ownService(q: Queryable, userId: string, id: string) {
  const service = await repo.findService(q, id)
  if (!service || service.user_id !== userId) throw notFound('没有找到这项服务')
  return service
}

export async function myRatedService(ctx: Ctx, userId: string, id: string) {
  const [view] = await servicesView(ctx, ctx.db, [await ownService(ctx.db, userId, id)])
  return view
}

function checkInput(input: { level: number; reasons: string[]; comment?: string }) {
  const comment = input.comment?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() || null
  // A 差评 states why (domain-rules §7): a reason from the list or in the citizen's own words.
  if (isBadRating(input.level) && !input.reasons.length && !comment) throw badRequest('REASON_REQUIRED', '请选择不满意的原因或填写评价内容')
  return { level: input.level, reasons: [...input.reasons], comment }
}

/** The follow-up deadlines of a bad rating given at `now` (docs/rating.md): 回访 and 整改 in working days. */
async function followUpDeadlines(q: Queryable, hallId: string | null, now: Date) {
  const close = (await repo.hallCloseTime(q, hallId)) ?? DEFAULT_CLOSE_TIME
  return {
    visitDueAt: workingDayDeadline(now, FOLLOW_UP_VISIT_WORKING_DAYS, close, HOLIDAY_CALENDAR),
    rectifyDueAt: workingDayDeadline(now, FOLLOW_UP_RECTIFY_WORKING_DAYS, close, HOLIDAY_CALENDAR),
  }
}

async function openFollowUpFor(q: Queryable, now: Date, rating: repo.RatingRow, service: repo.ServiceRow) {
  await repo.openFollowUp(q, { ratingId: rating.id, hallId: rating.hall_id, now, ...(await followUpDeadlines(q, rating.hall_id, now)) })
  for (const admin of await hallAdministrators(q, rating.hall_id, false)) {
    await notify(q, now, {
      userId: admin,
      dedupeKey: `rating:${rating.id}:follow-up:${admin}:${now.getTime()}`,
      kind: 'rating_follow_up',
      title: '收到差评，请及时回访',
      body: `${SERVICE_KIND_LABEL[service.kind]}“${service.title}”收到${RATING_LEVEL_LABEL[rating.level as RatingLevel]}评价，请在期限内回访并整改。`,
      link: pageLink('ratingFollowUps', service.hall_id ? { hallId: service.hall_id } : {}),
    })
  }
}

/** Records the one rating of a service (app or window tablet); a second one is refused (409), also when concurrent. */
async function rate(ctx: Ctx, q: Queryable, service: repo.ServiceRow, input: { level: number; reasons: string[]; comment?: string }, channel: 'app' | 'kiosk') {
  const checked = checkInput(input)
  const now = ctx.clock.now()
  const rating = await repo.insertRating(q, {
    service,
    level: checked.level,
    reasons: checked.reasons,
    commentEnc: seal(ctx, checked.comment),
    channel,
    now,
    changeableUntil: new Date(now.getTime() + RATING_CHANGE_HOURS * 3_600_000),
  })
  if (!rating) throw conflict('ALREADY_RATED', '这项服务已经评价过了（一事一评），可在评价后 24 小时内修改')
  if (isBadRating(rating.level)) await openFollowUpFor(q, now, rating, service)
}

export async function rateService(ctx: Ctx, userId: string, id: string, input: RatingInput) {
  await ctx.db.tx(async (q) => rate(ctx, q, await ownService(q, userId, id), input, 'app'))
  return myRatedService(ctx, userId, id)
}

/** Changes the rating within its change window, while no 回访 was recorded; a bad rating opens, a good one withdraws, the follow-up. */
export async function changeRating(ctx: Ctx, userId: string, id: string, input: RatingInput) {
  await ctx.db.tx(async (q) => {
    const service = await ownService(q, userId, id)
    const rating = await repo.findRating(q, service.kind, service.service_id, true)
    if (!rating) throw notFound('这项服务还没有评价')
    const now = ctx.clock.now()
    if (now >= rating.changeable_until) throw conflict('CHANGE_WINDOW_CLOSED', `评价已超过 ${RATING_CHANGE_HOURS} 小时，不能再修改`)
    const followUp = await repo.findFollowUp(q, rating.id, true)
    if (followUp && (followUp.status === 'visited' || followUp.status === 'rectified'))
      throw conflict('FOLLOW_UP_STARTED', '工作人员已回访这条评价，不能再修改')
    const checked = checkInput(input)
    const updated = await repo.updateRating(q, rating.id, { level: checked.level, reasons: checked.reasons, commentEnc: seal(ctx, checked.comment), now })
    if (isBadRating(updated.level) && (!followUp || followUp.status === 'withdrawn')) await openFollowUpFor(q, now, updated, service)
    if (!isBadRating(updated.level) && followUp?.status === 'open') await repo.withdrawFollowUp(q, rating.id)
  })
  return myRatedService(ctx, userId, id)
}

// ---------------------------------------------------------------- hall manager

/** A follow-up's hall (null: a service without a hall, the platform administrators') must be the caller's to manage. */
async function requireFollowUpManager(ctx: Ctx, request: FastifyRequest, hallId: string | null) {
  if (hallId) return requireHallAdmin(ctx, request, hallId)
  const user = requireUser(request)
  if (!user.platformAdmin) throw forbidden('该评价不属于服务中心，仅限平台管理员处理')
  return { userId: user.id, platform: true }
}

function staffFollowUpView(ctx: Ctx, f: repo.StaffFollowUpRow): StaffFollowUp {
  const iso = (d: Date | null) => d?.toISOString() ?? null
  const name = open(ctx, f.real_name_enc)
  const phone = open(ctx, f.phone_enc)
  return {
    ratingId: f.rating_id,
    hallId: f.hall_id,
    kind: f.kind,
    title: f.title,
    completedAt: f.completed_at.toISOString(),
    raterName: name ? maskName(name) : '未实名用户',
    raterPhone: phone ? maskPhone(phone) : '—',
    level: f.level,
    reasons: f.reasons,
    comment: open(ctx, f.comment_enc),
    ratedAt: f.rated_at.toISOString(),
    status: f.status,
    visitDueAt: f.visit_due_at.toISOString(),
    rectifyDueAt: f.rectify_due_at.toISOString(),
    visitedAt: iso(f.visited_at),
    visitNote: open(ctx, f.visit_note_enc),
    rectifiedAt: iso(f.rectified_at),
    rectifyNote: open(ctx, f.rectify_note_enc),
    visitOverdueAt: iso(f.visit_overdue_at),
    rectifyOverdueAt: iso(f.rectify_overdue_at),
  }
}

export async function listFollowUps(ctx: Ctx, request: FastifyRequest, hallId: string | null, status: repo.FollowUpRow['status'] | null) {
  await requireFollowUpManager(ctx, request, hallId)
  return { followUps: (await repo.listFollowUps(ctx.db, hallId, status)).map((f) => staffFollowUpView(ctx, f)) }
}

/** 回访 (contact the citizen) or 整改 (rectify and feed back): each once, in order; the citizen is told the outcome. */
export async function recordFollowUpStep(ctx: Ctx, request: FastifyRequest, ratingId: string, step: 'visit' | 'rectify', noteInput: string) {
  const found = await repo.findStaffFollowUp(ctx.db, ratingId)
  if (!found) throw notFound('没有找到这条差评')
  const manager = await requireFollowUpManager(ctx, request, found.hall_id)
  const note = noteInput.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  if ([...note].length < 2) throw badRequest('NOTE_REQUIRED', '请填写处理情况')
  await ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    const done =
      step === 'visit'
        ? await repo.recordVisit(q, ratingId, manager.userId, ctx.keys.cipher.encrypt(note), now)
        : await repo.recordRectification(q, ratingId, manager.userId, ctx.keys.cipher.encrypt(note), now)
    if (!done) {
      throw conflict('FOLLOW_UP_STATE', step === 'visit' ? '这条差评已回访或已撤回' : '请先回访，再填写整改情况（已整改的不能重复填写）')
    }
    await notify(q, now, {
      userId: found.user_id,
      dedupeKey: `rating:${ratingId}:${step}`,
      kind: 'rating_follow_up',
      title: step === 'visit' ? '您的评价已回访' : '您的评价已整改反馈',
      body: `${found.title}：${note}`,
      link: pageLink('ratingRate', { id: found.service_ref }),
    })
  })
  return staffFollowUpView(ctx, (await repo.findStaffFollowUp(ctx.db, ratingId))!)
}

/**
 * The escalation job: a 回访 or 整改 whose deadline passed undone is marked overdue once, and the hall's administrators
 * (and those above it) and the platform administrators are told.
 */
export async function escalateOverdueFollowUps(ctx: Ctx): Promise<number> {
  return ctx.db.tx(async (q) => {
    const now = ctx.clock.now()
    const overdue = await repo.markOverdue(q, now)
    for (const f of overdue) {
      const what = f.step === 'visit' ? '回访' : '整改'
      for (const admin of await hallAdministrators(q, f.hall_id, true)) {
        await notify(q, now, {
          userId: admin,
          dedupeKey: `rating:${f.rating_id}:${f.step}-overdue:${admin}`,
          kind: 'rating_overdue',
          title: `差评${what}已超期`,
          body: `一条差评的${what}已超过期限仍未完成，请督促处理。`,
          link: pageLink('ratingFollowUps', f.hall_id ? { hallId: f.hall_id } : {}),
        })
      }
    }
    return overdue.length
  })
}

// ---------------------------------------------------------------- export

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`)

/** The hall's ratings given in the date range (default: the last 30 days), through the adapter of the national 好差评 system's data shape. */
export async function exportRatings(
  ctx: Ctx,
  request: FastifyRequest,
  hallId: string,
  range: { from?: string; to?: string },
  adapter: NationalRatingAdapter = GOV_SERVICE_ADAPTER,
) {
  await requireHallAdmin(ctx, request, hallId)
  const to = range.to ?? shanghaiDate(ctx.clock.now())
  const from = range.from ?? addDays(to, -29)
  if (from > to) throw badRequest('DATE_RANGE', '开始日期不能晚于结束日期')
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) throw badRequest('DATE_RANGE', '导出范围不能超过一年')
  const rows = await repo.ratingsOfHall(ctx.db, hallId, dayStart(from), new Date(dayStart(to).getTime() + 86_400_000))
  return {
    format: adapter.format,
    hallId,
    from,
    to,
    generatedAt: ctx.clock.now().toISOString(),
    records: rows.map((row) => adapter.toRecord(row, (sealed) => open(ctx, sealed))),
  }
}

// ---------------------------------------------------------------- window tablet

/** Binds a tablet to a window: staff of the window's hall (window staff only to their own window); the answer's token is shown once. */
export async function bindKiosk(ctx: Ctx, request: FastifyRequest, windowId: string) {
  const window = await repo.findWindow(ctx.db, windowId)
  if (!window) throw notFound('窗口不存在')
  const assignment = requireStaffAt(request, 'staff', window.hall_id)
  if (assignment.role === 'staff' && assignment.windowId && assignment.windowId !== window.id) throw forbidden('您只能绑定本人所在的窗口')
  const token = randomToken()
  await ctx.db.tx(async (q) => {
    // The window's row serialises two bindings of the same window.
    await q.query('select id from hall_windows where id = $1 for update', [window.id])
    await repo.bindKiosk(q, { tokenHash: sha256Hex(token), hallId: window.hall_id, windowId: window.id, by: requireUser(request).id, now: ctx.clock.now() })
  })
  return { token, hallId: window.hall_id, hallName: window.hall_name, windowId: window.id, windowNumber: window.number }
}

export const KIOSK_HEADER = 'x-kiosk-token'

async function requireKiosk(ctx: Ctx, request: FastifyRequest) {
  const token = request.headers[KIOSK_HEADER]
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) throw unauthorized('评价器未绑定窗口，请工作人员登录绑定')
  const kiosk = await repo.findKiosk(ctx.db, sha256Hex(token))
  if (!kiosk) throw unauthorized('评价器的绑定已失效，请工作人员重新绑定')
  return kiosk
}

/** The window's last finished ticket, offered for KIOSK_OFFER_MINUTES after 办结 while it is not rated. */
async function kioskService(ctx: Ctx, q: Queryable, kiosk: repo.KioskRow) {
  const since = new Date(ctx.clock.now().getTime() - KIOSK_OFFER_MINUTES * 60_000)
  const service = await repo.lastServiceAtWindow(q, kiosk.window_id, since)
  if (!service || (await repo.findRating(q, service.kind, service.service_id))) return null
  return service
}

export async function kioskCurrent(ctx: Ctx, request: FastifyRequest) {
  const kiosk = await requireKiosk(ctx, request)
  const service = await kioskService(ctx, ctx.db, kiosk)
  return {
    hallName: kiosk.hall_name,
    windowNumber: kiosk.window_number,
    service: service ? { id: service.id, title: service.title, completedAt: service.completed_at.toISOString() } : null,
  }
}

/** A rating given on the window's tablet: only for the service the tablet offers right now (the citizen at the window). */
export async function kioskRate(ctx: Ctx, request: FastifyRequest, input: { serviceId: string; level: number; reasons: string[] }) {
  const kiosk = await requireKiosk(ctx, request)
  await ctx.db.tx(async (q) => {
    const service = await repo.findService(q, input.serviceId)
    const offered = await kioskService(ctx, q, kiosk)
    if (!service || offered?.id !== service.id) {
      if (service && (await repo.findRating(q, service.kind, service.service_id))) throw conflict('ALREADY_RATED', '这项服务已经评价过了，谢谢您')
      throw conflict('NOT_OFFERED', '本窗口当前没有待评价的服务')
    }
    await rate(ctx, q, service, { level: input.level, reasons: input.reasons }, 'kiosk')
  })
  return kioskCurrent(ctx, request)
}

// ---------------------------------------------------------------- the national system's shape

/** Maps a rating to the record of a national 好差评 system (docs/rating.md); one adapter per target format. */
export interface NationalRatingAdapter {
  format: string
  toRecord(row: repo.ExportRow, open: (sealed: string | null) => string | null): NationalRatingRecord
}

/** The evaluation record of the national 一体化政务服务平台 好差评 system (docs/rating.md: each field's source). */
export const GOV_SERVICE_ADAPTER: NationalRatingAdapter = {
  format: 'gov-service-haochaping/1',
  toRecord(row, openSealed) {
    const name = openSealed(row.real_name_enc)
    return {
      evaluationId: row.id,
      projectNo: row.service_id,
      serviceType: row.kind,
      serviceName: row.title,
      orgCode: row.hall_id,
      orgName: row.hall_name,
      satisfaction: row.level,
      satisfactionName: RATING_LEVEL_LABEL[row.level as RatingLevel],
      channel: row.channel === 'kiosk' ? '2' : '1',
      reasonCodes: row.reasons,
      reasonNames: row.reasons.map(ratingReasonLabel),
      writingEvaluation: openSealed(row.comment_enc),
      raterName: name ? maskName(name) : '未实名用户',
      evaluateTime: row.rated_at.toISOString(),
      serviceTime: row.completed_at.toISOString(),
      rectification: row.status
        ? {
            status: row.status,
            visitTime: row.visited_at?.toISOString() ?? null,
            visitNote: openSealed(row.visit_note_enc),
            rectifyTime: row.rectified_at?.toISOString() ?? null,
            rectifyNote: openSealed(row.rectify_note_enc),
          }
        : null,
    }
  },
}
