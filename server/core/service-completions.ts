import type { Db, Queryable } from './db'

export type ServiceKind = 'queue' | 'review' | 'pickup' | 'name'

/** A service a module finished for a citizen: what another module (the rating invitation) needs to know of it. */
export interface ServiceCompletion {
  kind: ServiceKind
  /** The finishing module's own id of the service (ticket, case, licence, name reservation). */
  serviceId: string
  userId: string
  hallId: string | null
  windowId?: string | null
  staffUserId?: string | null
  /** What the citizen recognises the service by, e.g. 取号 A012 · 综合窗口. */
  title: string
  completedAt: Date
}

/**
 * Records that a service was finished. Call it inside the transaction of the change that finished it, so the
 * fact commits with it or not at all; recording the same service twice keeps the first.
 */
export async function recordServiceCompletion(q: Queryable, c: ServiceCompletion): Promise<void> {
  await q.query(
    `insert into service_completions (kind, service_id, user_id, hall_id, window_id, staff_user_id, title, completed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (kind, service_id) do nothing`,
    [c.kind, c.serviceId, c.userId, c.hallId, c.windowId ?? null, c.staffUserId ?? null, c.title.slice(0, 120), c.completedAt],
  )
}

interface CompletionRow {
  kind: ServiceKind
  service_id: string
  user_id: string
  hall_id: string | null
  window_id: string | null
  staff_user_id: string | null
  title: string
  completed_at: Date
}

/**
 * Hands a batch of recorded completions, oldest first, to `handle` in one transaction and deletes them there:
 * two instances never take the same row (skip locked), and a failing handler leaves its rows for the next run.
 */
export async function consumeServiceCompletions(db: Db, handle: (q: Queryable, c: ServiceCompletion) => Promise<void>, batch = 50): Promise<number> {
  return db.tx(async (q) => {
    const { rows } = await q.query<CompletionRow>(
      `delete from service_completions where id in (select id from service_completions order by id limit ${batch} for update skip locked)
       returning kind, service_id, user_id, hall_id, window_id, staff_user_id, title, completed_at`,
    )
    rows.sort((a, b) => a.completed_at.getTime() - b.completed_at.getTime())
    for (const r of rows) {
      await handle(q, {
        kind: r.kind,
        serviceId: r.service_id,
        userId: r.user_id,
        hallId: r.hall_id,
        windowId: r.window_id,
        staffUserId: r.staff_user_id,
        title: r.title,
        completedAt: r.completed_at,
      })
    }
    return rows.length
  })
}
