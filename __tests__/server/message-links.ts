import { expireReservations } from '../../server/modules/name/service'
import { PAGE_PATHS, pageKeyOf, type PageKey } from '../../src/domain/page-routes'
import { inviteToRate } from '../../server/modules/rating/service'
import { api, staffLogin, type TestServer } from './harness'
import { LLC_ITEM, bookableDays, book, slotsOf } from './appointment-helpers'
import { reserveName } from './name-helpers'
import { EMS_ADDRESS, TIANFU_CLERK, TIANFU_WINDOW_STAFF, insertCase, signaturePng } from './pickup-helpers'
import { insertCitizens, takeAndCheckIn } from './queue-helpers'
import { createCase } from './review-helpers'

/** What a stack must offer to drive the flows: the test server, or the e2e stack seen the same way. */
export type FlowServer = Pick<TestServer, 'app' | 'runtime' | 'db'> & { clock: { now(): Date } }

export interface CollectedLink {
  /** Where the link came from: the message kind, or `subscribe:<template>` for a WeChat subscribe `page`. */
  source: string
  title: string
  /** As the app opens it: `/pages/…?…` (a subscribe `page` gets its slash back). */
  link: string
  key: PageKey | null
}

/** WeChat subscribe templates the flows below send; a grant of each lets the outbox carry its `page`. */
const TEMPLATES = ['queue_near', 'queue_called', 'appointment_reminder', 'case_result', 'licence_shipped']

/**
 * Drives every flow that puts a link in a message for one citizen — queue (called), appointment (booked,
 * then cancelled by a hall closure), pre-review (decision), name reservation (expired), certificate
 * pickup (licence issued, authorization signed), 好差评 (a 差评 visited) — with WeChat subscribe grants, and returns every
 * in-app message link and every subscribe `page` the BFF produced, with the citizen's phone.
 */
export async function driveMessageFlows(server: FlowServer): Promise<{ phone: string; token: string; links: CollectedLink[] }> {
  const ts = server as TestServer
  // Written straight into the database: no SMS is sent, so a browser can still sign in with the phone.
  const [{ userId, token, phone }] = await insertCitizens(ts, 1, { name: '王小明' })
  const now = server.clock.now()
  await server.db.query(`update users set wechat_openid = $2 where id = $1`, [userId, `links-${userId}`])
  for (const kind of TEMPLATES) {
    for (let i = 0; i < 3; i++)
      await server.db.query('insert into subscribe_grants (user_id, template_kind, granted_at) values ($1, $2, $3)', [userId, kind, now])
  }

  // Queue: a checked-in number called to window 1.
  const windowStaff = await staffLogin(ts, TIANFU_WINDOW_STAFF)
  await takeAndCheckIn(ts, token, windowStaff)
  const called = await api(ts, windowStaff).post('/api/v1/staff/windows/tianfu-w1/call-next')
  if (called.statusCode !== 200) throw new Error(`call-next failed: ${called.body}`)

  // Appointment: booked, then cancelled by a closure of the hall.
  const day = (await bookableDays(ts)).days.find((d) => d.status === 'available' || d.remaining > 0)
  if (!day) throw new Error('no bookable day')
  const slot = (await slotsOf(ts, day.date)).find((s) => s.remaining > 0)!
  const booked = await book(ts, token, slot.id, LLC_ITEM)
  if (booked.statusCode !== 201) throw new Error(`booking failed: ${booked.body}`)
  const closed = await api(ts, windowStaff).post('/api/v1/staff/halls/tianfu/appointment-closures', {
    date: day.date,
    start: slot.start,
    end: slot.end,
    reason: '系统维护',
  })
  if (closed.statusCode !== 201) throw new Error(`closure failed: ${closed.body}`)

  // Pre-review: a case refused at pre-review (the reviewer's decision is a message with a link).
  const reviewCase = await createCase(ts, token)
  await server.db.query(`update cases set status = 'reviewing', submitted_at = $2, first_submitted_at = $2 where id = $1`, [reviewCase.id, now])
  const reviewer = await staffLogin(ts, '13900000003')
  const decided = await api(ts, reviewer).post(`/api/v1/review/cases/${reviewCase.id}/decision`, {
    decision: 'reject',
    reason: '不属于本中心受理范围',
    competentAuthority: '户籍所在地社会保险经办机构',
  })
  if (decided.statusCode !== 200) throw new Error(`decision failed: ${decided.body}`)

  // 好差评: the decided pre-review is offered for rating; the 差评 is visited by the hall's administrator.
  await inviteToRate(server.runtime)
  const [offered] = (await api(ts, token).get('/api/v1/rating/services')).json().services as { id: string }[]
  const rated = await api(ts, token).post(`/api/v1/rating/services/${offered.id}/rating`, {
    level: 2,
    reasons: ['result_wrong'],
    comment: '没有说清楚去哪里办',
  })
  if (rated.statusCode !== 201) throw new Error(`rating failed: ${rated.body}`)
  const hallAdmin = await staffLogin(ts, '13900000005')
  const [followUp] = (await api(ts, hallAdmin).get('/api/v1/staff/rating/follow-ups?hallId=tianfu&status=open')).json().followUps as { ratingId: string }[]
  const visited = await api(ts, hallAdmin).post(`/api/v1/staff/rating/follow-ups/${followUp.ratingId}/visit`, { note: '已电话说明社保卡申领的办理机构' })
  if (visited.statusCode !== 200) throw new Error(`visit failed: ${visited.body}`)

  // 一件事: a freight-company application whose two items (market regulation, transport) both pass joint review.
  const created = await api(ts, token).post('/api/v1/theme-applications', { themeId: 'freight', hallId: 'tianfu', answers: {} })
  if (created.statusCode !== 201) throw new Error(`theme application failed: ${created.body}`)
  const application = created.json().application as { id: string; items: { itemId: string; caseId: string }[] }
  // Submitted without uploading (the uploads are review's own suites'): the state a submission leaves, written directly.
  await server.db.query(`update cases set status = 'submitted', submitted_at = $2, first_submitted_at = $2 where id = any($1::uuid[])`, [
    application.items.map((i) => i.caseId),
    now,
  ])
  await server.db.query(`update theme_application_items set status = 'reviewing', round = 1 where application_id = $1`, [application.id])
  await server.db.query(`update theme_applications set status = 'reviewing', round = 1, submitted_at = $2 where id = $1`, [application.id, now])
  for (const item of application.items) {
    const approved = await api(ts, reviewer).post(`/api/v1/staff/theme-applications/${application.id}/items/${item.itemId}/decision`, {
      decision: 'approve',
      problems: [],
    })
    if (approved.statusCode !== 200) throw new Error(`joint decision failed: ${approved.body}`)
  }
  // Name: a reservation that runs out.
  const reserved = await reserveName(ts, token, '成都翊澜晞信息技术有限公司', { riskConfirmed: true })
  if (reserved.statusCode !== 201) throw new Error(`reservation failed: ${reserved.body}`)
  await expireReservations({ db: server.db, clock: { now: () => new Date(now.getTime() + 400 * 86_400_000) } } as Parameters<typeof expireReservations>[0])

  // Certificate pickup: licence registered, then an EMS authorization signed.
  const caseNumber = await insertCase(ts, userId)
  const clerk = await staffLogin(ts, TIANFU_CLERK)
  const issued = await api(ts, clerk).post('/api/v1/staff/pickup/licences', { caseNumber })
  if (issued.statusCode !== 201) throw new Error(`licence failed: ${issued.body}`)
  const signed = await api(ts, token).post('/api/v1/authorizations', { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: await signaturePng() })
  if (signed.statusCode !== 201) throw new Error(`signing failed: ${signed.body}`)

  const messages = (await api(ts, token).get('/api/v1/me/messages')).json().messages as { kind: string; title: string; link: string | null }[]
  const outbox = await server.db.query<{ template_kind: string; payload: { page?: string } }>('select template_kind, payload from outbox where user_id = $1', [
    userId,
  ])
  const links: CollectedLink[] = [
    ...messages.filter((m) => m.link).map((m) => ({ source: m.kind, title: m.title, link: m.link!, key: pageKeyOf(m.link!) })),
    ...outbox.rows
      .filter((row) => row.payload.page !== undefined)
      .map((row) => ({ source: `subscribe:${row.template_kind}`, title: row.template_kind, link: `/${row.payload.page}`, key: pageKeyOf(row.payload.page!) })),
  ]
  return { phone, token, links }
}

/** One link per distinct URL shape (page + query names), so each page is opened once per kind of link. */
export function distinctLinks(links: CollectedLink[]): CollectedLink[] {
  const seen = new Map<string, CollectedLink>()
  for (const l of links) {
    const [path, query = ''] = l.link.split('?')
    const shape = `${path}?${query
      .split('&')
      .map((pair) => pair.split('=')[0])
      .sort()
      .join('&')}`
    if (!seen.has(shape)) seen.set(shape, l)
  }
  return [...seen.values()]
}

/** The navigation-bar title a page declares in its `index.config.ts` (what WeChat and H5 show on top). */
export function pageTitle(key: PageKey): string {
  const globals = globalThis as { definePageConfig?: (config: unknown) => unknown }
  globals.definePageConfig = (config) => config
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`../../src${PAGE_PATHS[key]}.config`).default as { navigationBarTitleText: string }).navigationBarTitleText
  } finally {
    delete globals.definePageConfig
  }
}

/** Text each linked page shows once it has loaded the object the flows above created. */
export const LOADED_TEXT: Partial<Record<PageKey, RegExp>> = {
  queueTicket: /号窗口/,
  appointmentDetail: /有限责任公司设立登记/,
  appointmentMine: /有限责任公司设立登记/,
  reviewCase: /社会保障卡申领/,
  nameNotice: /翊澜晞/,
  // The licence before signing; once signed, the page says so and leads to the authorization.
  pickupAuthorize: /营业执照|已签署取件委托书/,
  pickupDetail: /营业执照/,
  themeApplication: /我要开货运公司/,
  // Two services are offered for rating (the decided pre-review, the reserved name); the first link of the shape is
  // either: the visited 差评 shows its 回访, the other the five levels to choose from.
  ratingRate: /已电话说明社保卡申领的办理机构|非常满意/,
}
