import type { Job } from '../../core/jobs'
import { notify } from '../../core/notify'
import { shanghaiDate, shanghaiTime } from '../../../src/domain/time'
import { publish } from './repository'
import { ticketLink } from './service'

/**
 * Remote tickets not checked in by their deadline expire (§3), and tickets still in line from an
 * earlier day are closed. One conditional update: running it twice, or on two instances, changes nothing more.
 */
export const expireTicketsJob: Job = {
  name: 'queue-expire',
  everyMs: 30_000,
  async run(ctx) {
    const now = ctx.clock.now()
    await ctx.db.tx(async (q) => {
      const { rows } = await q.query<{ id: string; hall_id: string; user_id: string; number: string; checkin_deadline: Date | null }>(
        `update queue_tickets set status = 'expired', ended_at = $1
          where (status = 'waiting_checkin' and checkin_deadline <= $1) or (status = 'waiting' and service_date < $2)
          returning id, hall_id, user_id, number, checkin_deadline`,
        [now, shanghaiDate(now)],
      )
      for (const row of rows) {
        const body =
          row.checkin_deadline && row.checkin_deadline <= now
            ? `您的号 ${row.number} 未在 ${shanghaiTime(row.checkin_deadline)} 前到厅签到，已失效，如需办理请重新取号`
            : `您的号 ${row.number} 当日未办理，已失效`
        await notify(q, now, {
          userId: row.user_id,
          dedupeKey: `queue:${row.id}:expired`,
          kind: 'queue_expired',
          title: '排队号已失效',
          body,
          link: ticketLink(row.id),
        })
      }
      for (const hallId of new Set(rows.map((row) => row.hall_id))) {
        await publish(q, { hallId, ticketIds: rows.filter((row) => row.hall_id === hallId).map((row) => row.id) })
      }
    })
  },
}
