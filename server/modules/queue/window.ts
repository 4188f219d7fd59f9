import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { conflict, notFound } from '../../core/errors'
import { notify } from '../../core/notify'
import { recordServiceCompletion } from '../../core/service-completions'
import { goToWindowText, type CheckinMethod } from '../../../src/domain/queue'
import { maskName } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import * as repo from './repository'
import { MAX_PRIORITY_STREAK, MAX_RECALLS, REQUEUE_AFTER_CALLS } from './rules'
import { notifyNear, ticketLink } from './service'
import { subscribePage } from '../../../src/domain/page-routes'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'keys'>

export interface StaffTicket {
  id: string
  number: string
  status: 'called' | 'serving'
  categoryCode: string
  categoryName: string
  nameMasked: string
  priority: repo.TicketRow['priority']
  /** How the citizen checked in; 'location' is what their phone reported, unverified. */
  checkinMethod: CheckinMethod
  recalls: number
  misses: number
  calledAt: string | null
  servingAt: string | null
}

async function maskedNameOf(ctx: Ctx, q: Queryable, userId: string) {
  const { rows } = await q.query<{ real_name_enc: string | null }>('select real_name_enc from users where id = $1', [userId])
  return rows[0]?.real_name_enc ? maskName(ctx.keys.cipher.decrypt(rows[0].real_name_enc)) : '*'
}

/** The window's workbench: its current ticket, the lines it serves and today's finished count. */
export async function windowView(ctx: Ctx, window: repo.WindowRow) {
  const q = ctx.db
  const day = shanghaiDate(ctx.clock.now())
  const current = (
    await q.query<repo.TicketRow & { category_code: string; category_name: string; checkin_method: CheckinMethod }>(
      `select t.id, t.number, t.status, t.user_id, t.priority, t.checkin_method, t.recalls, t.misses, t.called_at, t.serving_at, c.code as category_code, c.name as category_name
         from queue_tickets t join queue_categories c on c.id = t.category_id
        where t.window_id = $1 and t.status in ('called', 'serving') order by t.called_at limit 1`,
      [window.id],
    )
  ).rows[0]
  const lines = await q.query<{ code: string; name: string; waiting: number; waiting_checkin: number }>(
    `select c.code, c.name,
            count(t.id) filter (where t.status = 'waiting')::int as waiting,
            count(t.id) filter (where t.status = 'waiting_checkin')::int as waiting_checkin
       from queue_categories c left join queue_tickets t on t.category_id = c.id and t.service_date = $3
      where c.hall_id = $1 and c.code = any($2) group by c.code, c.name order by c.code`,
    [window.hall_id, window.category_codes, day],
  )
  const finished = await q.query<{ n: number }>(`select count(*)::int as n from queue_tickets where window_id = $1 and service_date = $2 and status = 'done'`, [
    window.id,
    day,
  ])
  const hall = await q.query<{ name: string }>('select name from halls where id = $1', [window.hall_id])
  return {
    window: { id: window.id, number: window.number, name: window.name, hallId: window.hall_id, hallName: hall.rows[0].name },
    current: current
      ? ({
          id: current.id,
          number: current.number,
          status: current.status as StaffTicket['status'],
          categoryCode: current.category_code,
          categoryName: current.category_name,
          nameMasked: await maskedNameOf(ctx, q, current.user_id),
          priority: current.priority,
          checkinMethod: current.checkin_method,
          recalls: current.recalls,
          misses: current.misses,
          calledAt: current.called_at?.toISOString() ?? null,
          servingAt: current.serving_at?.toISOString() ?? null,
        } satisfies StaffTicket)
      : null,
    lines: lines.rows.map((line) => ({ code: line.code, name: line.name, waiting: line.waiting, waitingCheckin: line.waiting_checkin })),
    finishedToday: finished.rows[0].n,
  }
}

export async function loadWindow(q: Queryable, windowId: string) {
  const window = await repo.findWindow(q, windowId)
  if (!window) throw notFound('窗口不存在')
  return window
}

/**
 * The next checked-in ticket of the window's categories (§3): priority tickets first while the window
 * has called fewer than MAX_PRIORITY_STREAK of them in a row, otherwise an ordinary one first, then by
 * check-in time. Tickets re-queued after a 过号 wait until three more numbers of their category have
 * been called. Rows another window is taking right now are skipped, so two windows never get one ticket.
 */
async function pickNext(q: Queryable, window: repo.WindowRow, day: string, preferPriority: boolean, honourHolds: boolean) {
  const { rows } = await q.query<{ id: string; priority: string | null; category_id: string }>(
    `select t.id, t.priority, t.category_id from queue_tickets t
       join queue_categories c on c.id = t.category_id
       left join queue_category_days d on d.category_id = t.category_id and d.service_date = t.service_date
      where t.hall_id = $1 and t.service_date = $2 and t.status = 'waiting' and c.code = any($3)
        and (not $5::boolean or t.requeue_at_calls is null or coalesce(d.calls, 0) >= t.requeue_at_calls)
      order by ((t.priority is not null) = $4::boolean) desc, t.queued_at, t.number
      limit 1 for update of t skip locked`,
    [window.hall_id, day, window.category_codes, preferPriority, honourHolds],
  )
  return rows[0] ?? null
}

async function notifyCalled(q: Queryable, now: Date, window: repo.WindowRow, ticket: { id: string; user_id: string; number: string }, attempt: number) {
  const body = `您的号 ${ticket.number} 已叫到，${goToWindowText(window.number)}办理`
  await notify(q, now, {
    userId: ticket.user_id,
    dedupeKey: `queue:${ticket.id}:called:${now.getTime()}:${attempt}`,
    kind: 'queue_called',
    title: '叫号通知',
    body,
    link: ticketLink(ticket.id),
    wechat: {
      templateKind: 'queue_called',
      data: { character_string1: { value: ticket.number }, thing2: { value: `${window.number}号窗口` } },
      page: subscribePage(ticketLink(ticket.id)),
    },
  })
}

async function finishAction(
  q: Queryable,
  now: Date,
  actorUserId: string,
  window: repo.WindowRow,
  ticket: { id: string; number: string },
  action: string,
  detail: Record<string, unknown> = {},
) {
  await audit(q, {
    actor: actorUserId,
    hallId: window.hall_id,
    action: `queue.${action}`,
    target: { kind: 'queue_ticket', id: ticket.id },
    detail: { number: ticket.number, windowId: window.id, ...detail },
    at: now,
  })
  await repo.publish(q, { hallId: window.hall_id, ticketIds: [ticket.id] })
}

/** 叫号: the window calls the next ticket; refused while its current ticket is unresolved. */
export async function callNext(ctx: Ctx, actorUserId: string, window: repo.WindowRow) {
  const now = ctx.clock.now()
  const day = shanghaiDate(now)
  await ctx.db.tx(async (q) => {
    // The window's row serialises its own calls (a double tap calls once).
    await q.query('insert into queue_window_days (window_id, service_date) values ($1, $2) on conflict do nothing', [window.id, day])
    const state = await q.query<{ priority_streak: number }>(
      'select priority_streak from queue_window_days where window_id = $1 and service_date = $2 for update',
      [window.id, day],
    )
    // Shares the window's row with a concurrent 暂停服务, so a paused window never calls.
    const paused = await q.query<{ paused: boolean }>('select paused_at is not null as paused from hall_windows where id = $1 for share', [window.id])
    if (paused.rows[0]?.paused) throw conflict('WINDOW_PAUSED', '本窗口已暂停服务，请管理员恢复后再叫号')
    const busy = await q.query<{ number: string }>(`select number from queue_tickets where window_id = $1 and status in ('called', 'serving')`, [window.id])
    if (busy.rowCount) throw conflict('WINDOW_BUSY', `请先办结或过号当前的 ${busy.rows[0].number} 号，再叫下一位`)
    const preferPriority = state.rows[0].priority_streak < MAX_PRIORITY_STREAK
    // Held (re-queued) tickets are only passed over while someone else is waiting: a window never idles.
    const next = (await pickNext(q, window, day, preferPriority, true)) ?? (await pickNext(q, window, day, preferPriority, false))
    if (!next) throw conflict('QUEUE_EMPTY', '当前没有已签到的排队号（未签到的网上取号不会被叫到）')
    const called = await q.query<{ id: string; user_id: string; number: string }>(
      `update queue_tickets set status = 'called', window_id = $2, called_at = $3, recalls = 0, requeue_at_calls = null
        where id = $1 returning id, user_id, number`,
      [next.id, window.id, now],
    )
    await q.query(
      `update queue_window_days set priority_streak = case when $3::boolean then priority_streak + 1 else 0 end, last_call_at = $4
        where window_id = $1 and service_date = $2`,
      [window.id, day, next.priority !== null, now],
    )
    await q.query(
      `insert into queue_category_days (category_id, service_date, calls) values ($1, $2, 1)
       on conflict (category_id, service_date) do update set calls = queue_category_days.calls + 1`,
      [next.category_id, day],
    )
    await notifyCalled(q, now, window, called.rows[0], 0)
    await notifyNear(q, now, next.category_id, day)
    await finishAction(q, now, actorUserId, window, called.rows[0], 'call', { priority: next.priority })
  })
  return windowView(ctx, window)
}

/** The window's own called/serving ticket, locked; another window's ticket is "not found" here. */
async function ticketAtWindow(q: Queryable, window: repo.WindowRow, ticketId: string) {
  const ticket = await repo.findTicket(q, ticketId, { forUpdate: true })
  if (!ticket || ticket.window_id !== window.id || (ticket.status !== 'called' && ticket.status !== 'serving')) throw notFound('该号不在本窗口')
  return ticket
}

type Action = 'recall' | 'start' | 'finish' | 'miss'

/** 重呼 / 开始办理 / 办结 / 过号 on the window's current ticket. */
export async function actOnTicket(ctx: Ctx, actorUserId: string, window: repo.WindowRow, ticketId: string, action: Action) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    const ticket = await ticketAtWindow(q, window, ticketId)
    const expect = (status: 'called' | 'serving', message: string) => {
      if (ticket.status !== status) throw conflict('WRONG_TICKET_STATE', message)
    }
    if (action === 'recall') {
      expect('called', '该号已在办理中，无需重呼')
      if (ticket.recalls >= MAX_RECALLS) throw conflict('RECALL_LIMIT', `该号已重呼 ${MAX_RECALLS} 次，请开始办理或标记过号`)
      await q.query('update queue_tickets set recalls = recalls + 1, called_at = $2 where id = $1', [ticket.id, now])
      await notifyCalled(q, now, window, ticket, ticket.recalls + 1)
    } else if (action === 'start') {
      expect('called', '该号已在办理中')
      await q.query(`update queue_tickets set status = 'serving', serving_at = $2 where id = $1`, [ticket.id, now])
    } else if (action === 'finish') {
      expect('serving', '请先开始办理，再办结')
      await q.query(`update queue_tickets set status = 'done', ended_at = $2 where id = $1`, [ticket.id, now])
      // 办结 invites the citizen to rate the service (好差评), also on the window's rating tablet.
      await recordServiceCompletion(q, {
        kind: 'queue',
        serviceId: ticket.id,
        userId: ticket.user_id,
        hallId: window.hall_id,
        windowId: window.id,
        staffUserId: actorUserId,
        title: `取号 ${ticket.number} · ${window.number}号窗口`,
        completedAt: now,
      })
    } else {
      expect('called', '正在办理的号不能标记过号')
      await markMissed(q, now, ticket)
    }
    await finishAction(q, now, actorUserId, window, ticket, action)
  })
  return windowView(ctx, window)
}

/** 过号 (§3): the first time the ticket goes back in line behind the next three numbers; the second time it is void. */
async function markMissed(q: Queryable, now: Date, ticket: repo.TicketRow) {
  let body: string
  if (ticket.misses === 0) {
    await q.query(
      `update queue_tickets set status = 'waiting', window_id = null, misses = 1, near_notified = false,
              requeue_at_calls = coalesce((select calls from queue_category_days where category_id = $2 and service_date = $3), 0) + $4
        where id = $1`,
      [ticket.id, ticket.category_id, ticket.service_date, REQUEUE_AFTER_CALLS],
    )
    body = `您的号 ${ticket.number} 叫号未到已过号，已重新排在 ${REQUEUE_AFTER_CALLS} 个号之后，再次过号将作废`
  } else {
    await q.query(`update queue_tickets set status = 'missed', misses = 2, ended_at = $2 where id = $1`, [ticket.id, now])
    body = `您的号 ${ticket.number} 再次过号，已作废，如需办理请重新取号`
  }
  await notify(q, now, {
    userId: ticket.user_id,
    dedupeKey: `queue:${ticket.id}:missed:${ticket.misses + 1}`,
    kind: 'queue_missed',
    title: '过号提醒',
    body,
    link: ticketLink(ticket.id),
  })
}

/** 转类别: the citizen needs another line; they keep their check-in time, so they do not queue from the back again. */
export async function transferTicket(ctx: Ctx, actorUserId: string, window: repo.WindowRow, ticketId: string, categoryCode: string) {
  const now = ctx.clock.now()
  await ctx.db.tx(async (q) => {
    const ticket = await ticketAtWindow(q, window, ticketId)
    const target = await repo.findCategory(q, `${window.hall_id}-${categoryCode}`)
    if (!target || target.hall_id !== window.hall_id) throw notFound('本服务中心没有这个业务类别')
    if (target.category_id === ticket.category_id) throw conflict('SAME_CATEGORY', '该号已在这个业务类别，无需转出')
    await repo.lockPersonDay(q, ticket.user_id, target.category_id, ticket.service_date)
    const other = await repo.findActiveTicket(q, ticket.user_id, target.category_id, ticket.service_date)
    if (other) throw conflict('TRANSFER_TARGET_ACTIVE', `该群众在「${target.category_name}」已有排队号 ${other.number}，请直接为其叫该号`)
    await q.query(
      `update queue_tickets set category_id = $2, status = 'waiting', window_id = null, recalls = 0, requeue_at_calls = null, near_notified = false
        where id = $1`,
      [ticket.id, target.category_id],
    )
    await notify(q, now, {
      userId: ticket.user_id,
      dedupeKey: `queue:${ticket.id}:transfer:${target.category_id}:${now.getTime()}`,
      kind: 'queue_transferred',
      title: '转办提醒',
      body: `您的号 ${ticket.number} 已转至「${target.category_name}」，保留原排队时间，请留意叫号`,
      link: ticketLink(ticket.id),
    })
    await notifyNear(q, now, target.category_id, ticket.service_date)
    await finishAction(q, now, actorUserId, window, ticket, 'transfer', { from: ticket.category_id, to: target.category_id })
  })
  return windowView(ctx, window)
}

/** The hall screen: the latest calls with their windows and masked names (张*), and the lines' lengths. */
export async function hallScreen(ctx: Ctx, hallId: string) {
  const day = shanghaiDate(ctx.clock.now())
  const hall = await ctx.db.query<{ name: string }>('select name from halls where id = $1', [hallId])
  if (!hall.rowCount) throw notFound('服务中心不存在')
  const calls = await ctx.db.query<{ number: string; status: string; user_id: string; window_number: number; called_at: Date }>(
    `select t.number, t.status, t.user_id, w.number as window_number, t.called_at
       from queue_tickets t join hall_windows w on w.id = t.window_id
      where t.hall_id = $1 and t.service_date = $2 and t.status in ('called', 'serving')
      order by t.called_at desc limit 10`,
    [hallId, day],
  )
  const lines = await ctx.db.query<{ code: string; name: string; waiting: number }>(
    `select c.code, c.name, count(t.id) filter (where t.status = 'waiting')::int as waiting
       from queue_categories c left join queue_tickets t on t.category_id = c.id and t.service_date = $2
      where c.hall_id = $1 group by c.code, c.name order by c.code`,
    [hallId, day],
  )
  return {
    hall: { id: hallId, name: hall.rows[0].name },
    calls: await Promise.all(
      calls.rows.map(async (call) => ({
        number: call.number,
        status: call.status as 'called' | 'serving',
        windowNumber: call.window_number,
        nameMasked: await maskedNameOf(ctx, ctx.db, call.user_id),
        calledAt: call.called_at.toISOString(),
      })),
    ),
    lines: lines.rows,
  }
}
