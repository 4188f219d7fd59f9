import type { StaffAssignment } from '../../core/auth'
import type { Queryable } from '../../core/db'
import type { IdentityStrength } from '../../core/identity'

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

/** Removes an account's identity (a verified claim by the ID number's holder displaced it). */
export async function clearIdentity(q: Queryable, userId: string): Promise<void> {
  await q.query(
    `update users set real_name_enc = null, id_number_enc = null, id_number_index = null, birth_date = null, sex = null,
            real_name_verified_at = null, real_name_strength = null, real_name_verifier = null
      where id = $1`,
    [userId],
  )
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
