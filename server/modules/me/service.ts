import type { AppContext } from '../../core/context'
import { badRequest, conflict, notFound } from '../../core/errors'
import { ageOn, parseIdCard } from '../../../src/domain/id-card'
import { maskIdNumber, maskName, maskPhone } from '../../../src/domain/mask'
import { shanghaiDate } from '../../../src/domain/time'
import type { StaffAssignment } from '../../core/auth'

export interface MeView {
  id: string
  phoneMasked: string | null
  wechatBound: boolean
  realName: { nameMasked: string; idNumberMasked: string; sex: 'male' | 'female'; age: number } | null
  staff: StaffAssignment[]
}

interface UserRow {
  id: string
  phone_enc: string | null
  wechat_openid: string | null
  real_name_enc: string | null
  id_number_enc: string | null
  birth_date: string | null
  sex: 'male' | 'female' | null
  staff: StaffAssignment[] | null
}

export async function loadMe(ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>, userId: string): Promise<MeView> {
  const { rows } = await ctx.db.query<UserRow>(
    `select u.id, u.phone_enc, u.wechat_openid, u.real_name_enc, u.id_number_enc, to_char(u.birth_date, 'YYYY-MM-DD') as birth_date, u.sex,
            (select json_agg(json_build_object('role', r.role, 'hallId', r.hall_id, 'windowId', r.window_id) order by r.hall_id, r.role)
               from staff_roles r where r.user_id = u.id) as staff
       from users u where u.id = $1`,
    [userId],
  )
  const row = rows[0]
  if (!row) throw notFound('用户不存在')
  const { cipher } = ctx.keys
  return {
    id: row.id,
    phoneMasked: row.phone_enc ? maskPhone(cipher.decrypt(row.phone_enc)) : null,
    wechatBound: row.wechat_openid !== null,
    realName:
      row.real_name_enc && row.id_number_enc && row.birth_date && row.sex
        ? {
            nameMasked: maskName(cipher.decrypt(row.real_name_enc)),
            idNumberMasked: maskIdNumber(cipher.decrypt(row.id_number_enc)),
            sex: row.sex,
            age: ageOn(row.birth_date, shanghaiDate(ctx.clock.now())),
          }
        : null,
    staff: row.staff ?? [],
  }
}

const CHINESE_NAME = /^[\u4e00-\u9fa5·]{2,20}$/

/**
 * Binds a real name once. The ID number is checked (GB 11643) and may belong to one account only.
 * A production deployment verifies name + number against the public-security identity service here.
 */
export async function bindRealName(ctx: AppContext, userId: string, nameInput: string, idNumberInput: string) {
  const name = nameInput.trim()
  if (!CHINESE_NAME.test(name)) throw badRequest('INVALID_NAME', '请输入与身份证一致的中文姓名')
  const parsed = parseIdCard(idNumberInput, shanghaiDate(ctx.clock.now()))
  if (!parsed.ok) throw badRequest('INVALID_ID_NUMBER', parsed.message)
  const { cipher } = ctx.keys
  const idIndex = cipher.blindIndex(`id:${parsed.value.normalized}`)
  await ctx.db.tx(async (tx) => {
    const current = await tx.query<{ id_number_index: string | null }>('select id_number_index from users where id = $1 for update', [userId])
    const existing = current.rows[0]?.id_number_index
    if (existing && existing !== idIndex) throw conflict('REAL_NAME_BOUND', '该账号已完成实名认证，如需更换请到服务中心窗口办理')
    const taken = await tx.query('select 1 from users where id_number_index = $1 and id <> $2', [idIndex, userId])
    if (taken.rowCount) throw conflict('ID_NUMBER_TAKEN', '该身份证号已绑定其他账号')
    await tx.query(
      `update users set real_name_enc = $2, id_number_enc = $3, id_number_index = $4, birth_date = $5, sex = $6,
              real_name_verified_at = coalesce(real_name_verified_at, $7) where id = $1`,
      [userId, cipher.encrypt(name), cipher.encrypt(parsed.value.normalized), idIndex, parsed.value.birthDate, parsed.value.sex, ctx.clock.now()],
    )
  })
  return loadMe(ctx, userId)
}

/** Decrypted identity for features that must print it (authorizations) or rank by it (elderly priority). */
export async function loadIdentity(ctx: Pick<AppContext, 'db' | 'keys'>, userId: string) {
  const { rows } = await ctx.db.query<{ real_name_enc: string | null; id_number_enc: string | null; phone_enc: string | null; birth_date: string | null }>(
    `select real_name_enc, id_number_enc, phone_enc, to_char(birth_date, 'YYYY-MM-DD') as birth_date from users where id = $1`,
    [userId],
  )
  const row = rows[0]
  if (!row?.real_name_enc || !row.id_number_enc) return null
  const { cipher } = ctx.keys
  return {
    name: cipher.decrypt(row.real_name_enc),
    idNumber: cipher.decrypt(row.id_number_enc),
    phone: row.phone_enc ? cipher.decrypt(row.phone_enc) : null,
    birthDate: row.birth_date!,
  }
}
