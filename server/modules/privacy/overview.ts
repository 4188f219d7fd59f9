import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { CATEGORIES, PERSONAL_TABLES, type CategoryKey } from './registry'
import * as repo from './repository'
import type { DeletionView, ExportView, PrivacyOverview } from './schemas'

const periodOf = (p: repo.RetentionPolicyRow) => (p.retention_days === null ? `作为行政记录按法定期限保存` : `${p.counted_from}后${p.retention_days}天`)
const retentionView = (p: repo.RetentionPolicyRow) => ({ kind: p.kind, label: p.label, period: periodOf(p), legalBasis: p.legal_basis, action: p.action })

/** The retention table in words (public: the 《隐私政策》 shows it). */
export const retentionTable = async (q: Queryable) => (await repo.retentionPolicies(q)).map(retentionView)

/** Rows held per category (every personal table counted), in the categories' order. */
export async function categoryCounts(q: Queryable, userId: string): Promise<{ key: CategoryKey; label: string; count: number }[]> {
  const counts = new Map<CategoryKey, number>()
  for (const entry of PERSONAL_TABLES) {
    const { rows } = await q.query<{ n: number }>(`select count(*)::int as n from ${entry.table} where ${entry.where}`, [userId])
    counts.set(entry.category, (counts.get(entry.category) ?? 0) + rows[0].n)
  }
  return (Object.keys(CATEGORIES) as CategoryKey[]).map((key) => ({ key, label: CATEGORIES[key].label, count: counts.get(key) ?? 0 }))
}

export const exportView = (row: repo.ExportRow): ExportView => ({
  id: row.id,
  status: row.status,
  requestedAt: row.requested_at.toISOString(),
  readyAt: row.ready_at?.toISOString() ?? null,
  expiresAt: row.expires_at?.toISOString() ?? null,
  sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
})

export const deletionView = (row: repo.DeletionRow): DeletionView => ({
  status: row.status,
  requestedAt: row.requested_at.toISOString(),
  effectiveAt: row.effective_at.toISOString(),
  cancelledAt: row.cancelled_at?.toISOString() ?? null,
})

/** What OneTrip holds about the person (PIPL arts. 44–45): categories with counts, source, purpose and retention. */
export async function privacyOverview(ctx: AppContext, userId: string): Promise<PrivacyOverview> {
  const policies = await repo.retentionPolicies(ctx.db)
  const categories = (await categoryCounts(ctx.db, userId)).map(({ key, label, count }) => {
    const category = CATEGORIES[key]
    const policy = policies.find((p) => p.kind === category.retention)
    return {
      key,
      label,
      count,
      source: category.source,
      purpose: category.purpose,
      retention: policy ? `${periodOf(policy)}（${policy.legal_basis}）` : '账号存续期间；注销账号后删除',
    }
  })
  const deletion = await repo.latestDeletion(ctx.db, userId)
  return {
    categories,
    retention: policies.map(retentionView),
    deletionPlan: {
      deleted: [
        '账号、手机号、微信绑定和实名信息',
        '登录会话',
        '收件地址',
        '未提交的办件草稿及上传材料',
        '站内消息和订阅提醒',
        '取号与预约记录',
        '个人信息副本',
      ],
      kept: policies.filter((p) => p.action === 'keep').map(retentionView),
    },
    coolingOffDays: ctx.config.privacy.coolingOffDays,
    exports: (await repo.latestExports(ctx.db, userId)).map(exportView),
    deletion: deletion ? deletionView(deletion) : null,
  }
}
