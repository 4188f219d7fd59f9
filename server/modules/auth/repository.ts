import type { Queryable } from '../../core/db'

export interface SmsCodeRow {
  id: string
  code_hash: string
  sent_at: Date
  expires_at: Date
  attempts: number
  consumed_at: Date | null
}

/** The phone's latest code of this purpose (null: of any purpose, for the resend interval), locked. */
export const latestSmsCode = async (q: Queryable, phoneIndex: string, purpose: 'login' | 'phone_change' | null) =>
  (
    await q.query<SmsCodeRow>(
      `select id, code_hash, sent_at, expires_at, attempts, consumed_at from sms_codes
        where phone_index = $1 and ($2::text is null or purpose = $2) order by sent_at desc limit 1 for update`,
      [phoneIndex, purpose],
    )
  ).rows[0] ?? null

export const countSmsSentSince = async (q: Queryable, phoneIndex: string, since: Date) =>
  (await q.query<{ n: number }>('select count(*)::int as n from sms_codes where phone_index = $1 and sent_at >= $2', [phoneIndex, since])).rows[0].n

export async function insertSmsCode(
  q: Queryable,
  row: { phoneIndex: string; purpose: 'login' | 'phone_change'; codeHash: string; sentAt: Date; expiresAt: Date },
): Promise<string> {
  const inserted = await q.query<{ id: string }>(
    'insert into sms_codes (phone_index, purpose, code_hash, sent_at, expires_at) values ($1, $2, $3, $4, $5) returning id',
    [row.phoneIndex, row.purpose, row.codeHash, row.sentAt, row.expiresAt],
  )
  return inserted.rows[0].id
}

/** A code the gateway never delivered: it neither counts against the phone's limits nor can log anyone in. */
export async function deleteSmsCode(q: Queryable, id: string) {
  await q.query('delete from sms_codes where id = $1', [id])
}

export async function recordSmsAttempt(q: Queryable, id: string, consumedAt: Date | null) {
  await q.query('update sms_codes set attempts = attempts + 1, consumed_at = $2 where id = $1', [id, consumedAt])
}

/** Finds or creates the user for a verified phone; concurrent first logins end with one row. */
export async function upsertUserByPhone(q: Queryable, phoneIndex: string, phoneEnc: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into users (phone_index, phone_enc) values ($1, $2)
     on conflict (phone_index) do update set phone_index = excluded.phone_index returning id`,
    [phoneIndex, phoneEnc],
  )
  return rows[0].id
}

export async function upsertUserByOpenid(q: Queryable, openid: string, sessionKeyEnc: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into users (wechat_openid, wechat_session_key_enc) values ($1, $2)
     on conflict (wechat_openid) do update set wechat_session_key_enc = excluded.wechat_session_key_enc returning id`,
    [openid, sessionKeyEnc],
  )
  return rows[0].id
}

export async function insertSession(q: Queryable, row: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }) {
  await q.query('insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
    row.tokenHash,
    row.userId,
    row.createdAt,
    row.expiresAt,
  ])
}

export async function revokeSession(q: Queryable, tokenHash: string, at: Date) {
  await q.query('update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null', [tokenHash, at])
}

export const lastSessionStarts = async (q: Queryable, userIds: string[]) =>
  (
    await q.query<{ user_id: string; at: Date }>('select user_id, max(created_at) as at from sessions where user_id = any($1::uuid[]) group by user_id', [
      userIds,
    ])
  ).rows

/** The account holding this phone, if any. */
export const userByPhone = async (q: Queryable, phoneIndex: string) =>
  (await q.query<{ id: string }>('select id from users where phone_index = $1', [phoneIndex])).rows[0]?.id ?? null

/** Moves the account to a verified new phone; the unique index on phone_index refuses one another account holds. */
export async function setPhone(q: Queryable, userId: string, phoneIndex: string, phoneEnc: string): Promise<boolean> {
  return (
    ((await q.query('update users set phone_index = $2, phone_enc = $3 where id = $1 and deleted_at is null', [userId, phoneIndex, phoneEnc])).rowCount ?? 0) >
    0
  )
}
