import type { AppContext } from '../../core/context'
import { assignReviewer } from './repository'

/**
 * Demo joint-review departments (联审): at 天府新区 the health items go to 黄佳怡 and every other department's to
 * 陈思雨, so a clinic application needs two departments' reviewers; at 科学城 周明 decides them all.
 */
const DEMO_REVIEWERS: { phone: string; hallId: string; departments: 'health' | 'all-but-health' | 'all' }[] = [
  { phone: '13900000003', hallId: 'tianfu', departments: 'all-but-health' },
  { phone: '13900000006', hallId: 'tianfu', departments: 'health' },
  { phone: '13900000012', hallId: 'kexuecheng', departments: 'all' },
]

export const HEALTH_DEPARTMENT = '天府新区卫生健康局'

export async function seedThemeReviewers(ctx: Pick<AppContext, 'db' | 'keys'>): Promise<void> {
  await ctx.db.tx(async (q) => {
    const departments = (await q.query<{ department: string }>('select distinct department from service_items order by department')).rows.map(
      (r) => r.department,
    )
    for (const reviewer of DEMO_REVIEWERS) {
      const { rows } = await q.query<{ id: string }>('select id from users where phone_index = $1', [ctx.keys.cipher.blindIndex(`phone:${reviewer.phone}`)])
      if (!rows[0]) continue
      const theirs = departments.filter((d) =>
        reviewer.departments === 'all' ? true : reviewer.departments === 'health' ? d === HEALTH_DEPARTMENT : d !== HEALTH_DEPARTMENT,
      )
      for (const department of theirs) await assignReviewer(q, { userId: rows[0].id, hallId: reviewer.hallId, department })
    }
  })
}
