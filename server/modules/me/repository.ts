import type { StaffAssignment } from '../../core/auth'
import type { Queryable } from '../../core/db'
import type { IdentityStrength } from '../../core/identity'
import type { ConsentChannel, LegalDocument } from '../../../src/domain/legal'

/** The account's own data (`users` is a foundation table; this module owns the identity columns). */
export interface UserRow {
  id: string
  phone_enc: string | null
  wechat_openid: string | null
  real_name_enc: string | null
  id_number_enc: string | null
  birth_date: string | null
  sex: 'male' | 'female' | null
  elder_mode: boolean | null
  staff: StaffAssignment[] | null
}

export const findUser = async (q: Queryable, userId: string) =>
  (
    await q.query<UserRow>(
      `select u.id, u.phone_enc, u.wechat_openid, u.real_name_enc, u.id_number_enc, to_char(u.birth_date, 'YYYY-MM-DD') as birth_date, u.sex, u.elder_mode,
              (select json_agg(json_build_object('role', r.role, 'hallId', r.hall_id, 'windowId', r.window_id) order by r.hall_id, r.role)
                 from staff_roles r where r.user_id = u.id and r.disabled_at is null) as staff
         from users u where u.id = $1`,
      [userId],
    )
  ).rows[0] ?? null

export interface BindingRow {
  id: string
  real_name_enc: string | null
  id_number_index: string | null
  real_name_strength: IdentityStrength | null
}

export const findBinding = async (q: Queryable, where: 'id' | 'id_number_index', value: string, lock: boolean) =>
  (
    await q.query<BindingRow>(`select id, real_name_enc, id_number_index, real_name_strength from users where ${where} = $1${lock ? ' for update' : ''}`, [
      value,
    ])
  ).rows[0] ?? null

/** Claims on one ID number run one at a time (transaction-scoped advisory lock on its index). */
export async function lockIdNumber(q: Queryable, idIndex: string): Promise<void> {
  await q.query('select pg_advisory_xact_lock(hashtext($1))', [idIndex])
}

/** Binds a verified identity to an account that has none (the condition keeps a concurrent bind out). */
export async function bindIdentity(
  q: Queryable,
  userId: string,
  b: {
    nameEnc: string
    idNumberEnc: string
    idIndex: string
    birthDate: string
    sex: 'male' | 'female'
    at: Date
    strength: IdentityStrength
    verifier: string
  },
): Promise<void> {
  await q.query(
    `update users set real_name_enc = $2, id_number_enc = $3, id_number_index = $4, birth_date = $5, sex = $6,
            real_name_verified_at = $7, real_name_strength = $8, real_name_verifier = $9
      where id = $1 and id_number_index is null`,
    [userId, b.nameEnc, b.idNumberEnc, b.idIndex, b.birthDate, b.sex, b.at, b.strength, b.verifier],
  )
}

/** Removes an account's identity (displaced by a verified claim of the holder, or consent withdrawn); false when it had none. */
export async function clearIdentity(q: Queryable, userId: string): Promise<boolean> {
  const cleared = await q.query(
    `update users set real_name_enc = null, id_number_enc = null, id_number_index = null, birth_date = null, sex = null,
            real_name_verified_at = null, real_name_strength = null, real_name_verifier = null
      where id = $1 and (real_name_enc is not null or id_number_enc is not null or id_number_index is not null)`,
    [userId],
  )
  return (cleared.rowCount ?? 0) > 0
}

export const findIdentity = async (q: Queryable, userId: string) =>
  (
    await q.query<{ real_name_enc: string | null; id_number_enc: string | null; phone_enc: string | null; birth_date: string | null }>(
      `select real_name_enc, id_number_enc, phone_enc, to_char(birth_date, 'YYYY-MM-DD') as birth_date from users where id = $1`,
      [userId],
    )
  ).rows[0] ?? null

/** Records the reading mode the user chose (长辈版 or the standard one); false when the user does not exist. */
export const setElderMode = async (q: Queryable, userId: string, elderMode: boolean) =>
  ((await q.query('update users set elder_mode = $2 where id = $1', [userId, elderMode])).rowCount ?? 0) > 0

export const lockUser = async (q: Queryable, userId: string) => q.query('select id from users where id = $1 for update', [userId])

/** One live consent per person, document and version (partial unique index): a repeated consent changes nothing. */
export async function insertConsent(q: Queryable, c: { userId: string; document: LegalDocument; version: string; channel: ConsentChannel; at: Date }) {
  await q.query(
    `insert into consent_records (user_id, document, version, accepted_at, channel) values ($1, $2, $3, $4, $5)
     on conflict (user_id, document, version) where withdrawn_at is null do nothing`,
    [c.userId, c.document, c.version, c.at, c.channel],
  )
}

export interface ConsentRow {
  id: string
  document: LegalDocument
  version: string
  accepted_at: Date
  channel: ConsentChannel
  withdrawn_at: Date | null
}

export const consentRecords = async (q: Queryable, userId: string) =>
  (
    await q.query<ConsentRow>(
      'select id, document, version, accepted_at, channel, withdrawn_at from consent_records where user_id = $1 order by accepted_at desc, document',
      [userId],
    )
  ).rows

/** The person's live consents, and whether an identity is bound (which makes the ID-number consent necessary). */
export async function liveConsents(q: Queryable, userId: string) {
  const { rows } = await q.query<{ document: LegalDocument | null; version: string | null; identity_bound: boolean }>(
    `select c.document, c.version, u.id_number_index is not null as identity_bound
       from users u left join consent_records c on c.user_id = u.id and c.withdrawn_at is null
      where u.id = $1`,
    [userId],
  )
  return {
    identityBound: rows[0]?.identity_bound ?? false,
    live: rows.filter((r): r is typeof r & { document: LegalDocument; version: string } => r.document !== null && r.version !== null),
  }
}

export async function withdrawConsents(q: Queryable, userId: string, document: LegalDocument, at: Date): Promise<number> {
  return (
    (await q.query('update consent_records set withdrawn_at = $3 where user_id = $1 and document = $2 and withdrawn_at is null', [userId, document, at]))
      .rowCount ?? 0
  )
}
