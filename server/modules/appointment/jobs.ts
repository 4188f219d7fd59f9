import { notify } from '../../core/notify'
import { shanghaiDate, shanghaiTime } from '../../../src/domain/time'
import { addDays } from '../../../src/domain/working-days'
import { pageLink, subscribePage } from '../../../src/domain/page-routes'
import * as repo from './repository'
import * as noShows from './no-show-repository'
import { checkinWindow, DAY_BEFORE_REMINDER_TIME, chineseDate } from './rules'
import { type Ctx, appointmentLink } from './shared'

/** Scheduled appointment jobs: no-shows and day-before reminders. */

/** §4: a booking not checked in by the end of its window is a no-show; too many within the window days block booking. */
export async function markNoShows(ctx: Ctx, batch = 200): Promise<number> {
  const now = ctx.clock.now()
  let marked = 0
  for (const id of await noShows.overdueBookingIds(ctx.db, now, batch)) {
    await ctx.db.tx(async (q) => {
      const changed = await noShows.markNoShow(q, id, now)
      if (!changed) return
      marked++
      const row = (await repo.findAppointment(q, { id }))!
      const settings = (await repo.findSettings(q, row.hall_id))!
      const today = shanghaiDate(now)
      const count = await noShows.countNoShows(q, row.user_id, row.hall_id, new Date(now.getTime() - settings.noShowWindowDays * 86_400_000))
      const what = `${chineseDate(row.service_date)} ${row.start_time} 的「${row.item_name}」预约未按时签到，已记爽约一次`
      if (count >= settings.noShowLimit && !(await noShows.activeBlock(q, row.user_id, row.hall_id, today))) {
        const until = addDays(today, settings.blockDays - 1)
        await noShows.insertBlock(q, { userId: row.user_id, hallId: row.hall_id, until, noShows: count, at: now })
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `appointment:${id}:no_show`,
          kind: 'appointment_blocked',
          title: '预约功能已暂停',
          body: `${what}。您近${settings.noShowWindowDays}天内在${row.hall_name}爽约${count}次，预约已暂停至${chineseDate(until)}；期间仍可到大厅现场取号办理。`,
          link: pageLink('appointmentMine'),
        })
      } else {
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `appointment:${id}:no_show`,
          kind: 'appointment_no_show',
          title: '预约爽约提醒',
          body: `${what}。${settings.noShowWindowDays}天内爽约${settings.noShowLimit}次将暂停预约${settings.blockDays}天。`,
          link: pageLink('appointmentMine'),
        })
      }
    })
  }
  return marked
}

/** §4 and the issue: a reminder the day before (from 18:00) and one hour before, each sent once (stamp + dedupe key). */
export async function sendReminders(ctx: Ctx, batch = 200): Promise<number> {
  const now = ctx.clock.now()
  let sent = 0
  const dues: Parameters<typeof repo.claimReminders>[1][] = [{ kind: 'hour_before' }]
  if (shanghaiTime(now) >= DAY_BEFORE_REMINDER_TIME) dues.push({ kind: 'day_before', tomorrow: addDays(shanghaiDate(now), 1) })
  for (const due of dues) {
    await ctx.db.tx(async (q) => {
      for (const row of await repo.claimReminders(q, due, now, batch)) {
        const when = due.kind === 'day_before' ? '明天' : '1小时后'
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `appointment:${row.id}:remind:${due.kind}`,
          kind: 'appointment_reminder',
          title: `预约提醒：${when}办理`,
          body: `${row.hall_name} ${chineseDate(row.service_date)} ${row.start_time}–${row.end_time}，${row.item_name}。请在${shanghaiTime(checkinWindow(row.starts_at, { checkinBeforeMinutes: row.checkin_before_minutes, checkinAfterMinutes: 0 }).opensAt)}后到大厅签到，带齐材料。`,
          link: appointmentLink(row.id),
          wechat: {
            templateKind: 'appointment_reminder',
            page: subscribePage(appointmentLink(row.id)),
            data: {
              thing1: { value: row.item_name.slice(0, 20) },
              time2: { value: `${row.service_date} ${row.start_time}` },
              thing3: { value: row.hall_name.slice(0, 20) },
            },
          },
        })
        sent++
      }
    })
  }
  return sent
}
