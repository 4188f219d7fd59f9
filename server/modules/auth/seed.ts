import type { AppContext } from '../../core/context'
import { idCardCheckChar } from '../../../src/domain/id-card'
import type { StaffRole } from '../../core/auth'

interface DemoStaff {
  phone: string
  name: string
  idFirst17: string
  roles: { hallId: string; role: StaffRole; window?: number }[]
}

/** Demo staff accounts (log in by SMS like anyone else; the development SMS gateway shows the code). */
export const DEMO_STAFF: DemoStaff[] = [
  { phone: '13900000001', name: '王晓红', idFirst17: '51010719850312002', roles: [{ hallId: 'tianfu', role: 'staff', window: 1 }] },
  { phone: '13900000002', name: '李建国', idFirst17: '51010719790605003', roles: [{ hallId: 'tianfu', role: 'staff', window: 2 }] },
  { phone: '13900000003', name: '陈思雨', idFirst17: '51012219900818004', roles: [{ hallId: 'tianfu', role: 'reviewer' }] },
  { phone: '13900000006', name: '黄佳怡', idFirst17: '51012219910520006', roles: [{ hallId: 'tianfu', role: 'reviewer' }] },
  { phone: '13900000004', name: '赵文博', idFirst17: '51012219880101005', roles: [{ hallId: 'tianfu', role: 'clerk' }] },
  { phone: '13900000005', name: '孙丽娟', idFirst17: '51010719830707009', roles: [{ hallId: 'tianfu', role: 'admin' }] },
  { phone: '13900000011', name: '刘海燕', idFirst17: '51011619870909006', roles: [{ hallId: 'kexuecheng', role: 'staff', window: 1 }] },
  { phone: '13900000012', name: '周明', idFirst17: '51011619921212007', roles: [{ hallId: 'kexuecheng', role: 'reviewer' }] },
  { phone: '13900000013', name: '吴婷', idFirst17: '51011619930303008', roles: [{ hallId: 'kexuecheng', role: 'clerk' }] },
  { phone: '13900000015', name: '郑凯', idFirst17: '51011619860606010', roles: [{ hallId: 'kexuecheng', role: 'admin' }] },
]

export async function seedDemoStaff(ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>): Promise<void> {
  const { cipher } = ctx.keys
  await ctx.db.tx(async (q) => {
    for (const staff of DEMO_STAFF) {
      const idNumber = staff.idFirst17 + idCardCheckChar(staff.idFirst17)
      const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
      const { rows } = await q.query<{ id: string }>(
        `insert into users (phone_index, phone_enc, real_name_enc, id_number_enc, id_number_index, birth_date, sex, real_name_verified_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (phone_index) do update set phone_index = excluded.phone_index returning id`,
        [
          cipher.blindIndex(`phone:${staff.phone}`),
          cipher.encrypt(staff.phone),
          cipher.encrypt(staff.name),
          cipher.encrypt(idNumber),
          cipher.blindIndex(`id:${idNumber}`),
          birth,
          Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
          ctx.clock.now(),
        ],
      )
      for (const role of staff.roles) {
        await q.query(
          `insert into staff_roles (user_id, hall_id, role, window_id) values ($1, $2, $3, $4)
           on conflict (user_id, hall_id, role) do update set window_id = excluded.window_id`,
          [rows[0].id, role.hallId, role.role, role.window ? `${role.hallId}-w${role.window}` : null],
        )
      }
    }
  })
}
