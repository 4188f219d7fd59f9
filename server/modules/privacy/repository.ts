import type { Queryable } from '../../core/db'

export interface RetentionPolicyRow {
  kind: string
  label: string
  retention_days: number | null
  counted_from: string
  legal_basis: string
  action: 'delete' | 'keep'
}

export const retentionPolicies = async (q: Queryable) =>
  (await q.query<RetentionPolicyRow>('select kind, label, retention_days, counted_from, legal_basis, action from retention_policies order by kind')).rows

export interface ExportRow {
  id: string
  user_id: string
  status: 'pending' | 'ready' | 'failed'
  requested_at: Date
  ready_at: Date | null
  expires_at: Date | null
  size_bytes: string | null
}

const EXPORT_COLUMNS = 'id, user_id, status, requested_at, ready_at, expires_at, size_bytes'

export const latestExports = async (q: Queryable, userId: string) =>
  (await q.query<ExportRow>(`select ${EXPORT_COLUMNS} from privacy_exports where user_id = $1 order by requested_at desc limit 5`, [userId])).rows

export const findExport = async (q: Queryable, id: string) =>
  (await q.query<ExportRow>(`select ${EXPORT_COLUMNS} from privacy_exports where id = $1`, [id])).rows[0] ?? null

/** One pending export per person (partial unique index): a second request while one is prepared gets null. */
export const insertExport = async (q: Queryable, userId: string, now: Date) =>
  (
    await q.query<ExportRow>(
      `insert into privacy_exports (user_id, status, requested_at) values ($1, 'pending', $2) on conflict do nothing returning ${EXPORT_COLUMNS}`,
      [userId, now],
    )
  ).rows[0] ?? null

/** Claims the oldest pending export; `skip locked` lets several instances share the work. */
export const claimPendingExport = async (q: Queryable) =>
  (await q.query<ExportRow>(`select ${EXPORT_COLUMNS} from privacy_exports where status = 'pending' order by requested_at limit 1 for update skip locked`))
    .rows[0] ?? null

export async function finishExport(q: Queryable, id: string, result: { readyAt: Date; expiresAt: Date; sizeBytes: number } | 'failed') {
  if (result === 'failed') await q.query(`update privacy_exports set status = 'failed' where id = $1 and status = 'pending'`, [id])
  else
    await q.query(`update privacy_exports set status = 'ready', ready_at = $2, expires_at = $3, size_bytes = $4 where id = $1 and status = 'pending'`, [
      id,
      result.readyAt,
      result.expiresAt,
      result.sizeBytes,
    ])
}

export interface DeletionRow {
  id: string
  user_id: string
  status: 'requested' | 'cancelled' | 'completed'
  requested_at: Date
  effective_at: Date
  cancelled_at: Date | null
  completed_at: Date | null
}

const DELETION_COLUMNS = 'id, user_id, status, requested_at, effective_at, cancelled_at, completed_at'

export const latestDeletion = async (q: Queryable, userId: string) =>
  (await q.query<DeletionRow>(`select ${DELETION_COLUMNS} from account_deletions where user_id = $1 order by requested_at desc limit 1`, [userId])).rows[0] ??
  null

export const insertDeletion = async (q: Queryable, userId: string, requestedAt: Date, effectiveAt: Date) =>
  (
    await q.query<DeletionRow>(
      `insert into account_deletions (user_id, status, requested_at, effective_at) values ($1, 'requested', $2, $3) on conflict do nothing returning ${DELETION_COLUMNS}`,
      [userId, requestedAt, effectiveAt],
    )
  ).rows[0] ?? null

export const cancelDeletion = async (q: Queryable, userId: string, at: Date) =>
  (
    await q.query<DeletionRow>(
      `update account_deletions set status = 'cancelled', cancelled_at = $2 where user_id = $1 and status = 'requested' returning ${DELETION_COLUMNS}`,
      [userId, at],
    )
  ).rows[0] ?? null

export const dueDeletions = async (q: Queryable, now: Date) =>
  (
    await q.query<{ id: string; user_id: string }>(
      `select id, user_id from account_deletions where status = 'requested' and effective_at <= $1 order by effective_at`,
      [now],
    )
  ).rows

/**
 * Marks a due request carried out (conditional: a sign-in that cancelled it first wins) and keeps the
 * blind index of the person's ID number, so staff can still find the kept records by verified identity.
 */
export const completeDeletion = async (q: Queryable, id: string, now: Date) =>
  (
    await q.query<{ user_id: string }>(
      `update account_deletions d set status = 'completed', completed_at = $2,
              id_number_index = (select u.id_number_index from users u where u.id = d.user_id)
        where d.id = $1 and d.status = 'requested' and d.effective_at <= $2 returning d.user_id`,
      [id, now],
    )
  ).rows[0] ?? null

/** The account becomes a tombstone: no identifier, no sign-in; kept records still reference its id. */
export async function tombstoneUser(q: Queryable, userId: string, now: Date) {
  await q.query(
    `update users set phone_index = null, phone_enc = null, wechat_openid = null, wechat_session_key_enc = null,
            real_name_enc = null, id_number_enc = null, id_number_index = null, birth_date = null, sex = null,
            real_name_verified_at = null, real_name_strength = null, real_name_verifier = null, deleted_at = $2
      where id = $1`,
    [userId, now],
  )
}

export const revokeSessions = async (q: Queryable, userId: string, at: Date) =>
  q.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [userId, at])

export const lockUser = async (q: Queryable, userId: string) => q.query('select id from users where id = $1 for update', [userId])
