import type { AppContext } from '../../core/context'
import { DEFAULT_SETTINGS } from './rules'
import * as repo from './repository'

/** Demo capacity: places per slot for each queue category of every hall. */
export const DEMO_CAPACITY = 10

/** Gives every hall the §4 default settings and the demo capacity, leaving staff changes alone. */
export async function seedAppointments(ctx: Pick<AppContext, 'db'>): Promise<void> {
  await ctx.db.tx(async (q) => {
    const halls = await q.query<{ id: string }>('select id from halls order by id')
    for (const hall of halls.rows) await repo.upsertSettings(q, hall.id, DEFAULT_SETTINGS, { userId: null, at: null }, true)
    const categories = await q.query<{ hall_id: string; code: string }>('select hall_id, code from queue_categories order by hall_id, code')
    for (const c of categories.rows) await repo.upsertCapacity(q, c.hall_id, c.code, DEMO_CAPACITY, true)
  })
}
