import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import { conflict, notFound } from '../../core/errors'
import { CATEGORIES, PERSONAL_TABLES, type CategoryKey } from './registry'
import * as repo from './repository'
import type { DeletionView, ExportView, PrivacyOverview } from './schemas'
import { readExportZip } from './export-files'

import { requestDeletion } from './deletion'

export { cancelDeletionAtSignIn, carryOutDueDeletions } from './deletion'
export { prepareExports } from './export'
export { applyRetention } from './retention'

const periodOf = (p: repo.RetentionPolicyRow) => (p.retention_days === null ? `作为行政记录按法定期限保存` : `${p.counted_from}后${p.retention_days}天`)
const retentionView = (p: repo.RetentionPolicyRow) => ({ kind: p.kind, label: p.label, period: periodOf(p), legalBasis: p.legal_basis, action: p.action })

export const exportView = (row: repo.ExportRow): ExportView => ({
  id: row.id,
  status: row.status,
  requestedAt: row.requested_at.toISOString(),
  readyAt: row.ready_at?.toISOString() ?? null,
  expiresAt: row.expires_at?.toISOString() ?? null,
  sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
})

const deletionView = (row: repo.DeletionRow): DeletionView => ({
  status: row.status,
  requestedAt: row.requested_at.toISOString(),
  effectiveAt: row.effective_at.toISOString(),
  cancelledAt: row.cancelled_at?.toISOString() ?? null,
})

/** What OneTrip holds about the person (PIPL arts. 44–45): categories with counts, source, purpose and retention. */
export async function privacyOverview(ctx: AppContext, userId: string): Promise<PrivacyOverview> {
  const policies = await repo.retentionPolicies(ctx.db)
  const counts = new Map<CategoryKey, number>()
  for (const entry of PERSONAL_TABLES) {
    const { rows } = await ctx.db.query<{ n: number }>(`select count(*)::int as n from ${entry.table} where ${entry.where}`, [userId])
    counts.set(entry.category, (counts.get(entry.category) ?? 0) + rows[0].n)
  }
  const categories = (Object.entries(CATEGORIES) as [CategoryKey, (typeof CATEGORIES)[CategoryKey]][]).map(([key, category]) => {
    const policy = policies.find((p) => p.kind === category.retention)
    return {
      key,
      label: category.label,
      count: counts.get(key) ?? 0,
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

/** Asks for a copy of everything (PIPL art. 45); the zip is prepared by the export job. */
export async function requestExport(ctx: AppContext, userId: string): Promise<ExportView> {
  const now = ctx.clock.now()
  return ctx.db.tx(async (q) => {
    const created = await repo.insertExport(q, userId, now)
    if (!created) throw conflict('EXPORT_PENDING', '个人信息副本正在生成，请稍后刷新查看')
    await audit(q, { actor: userId, hallId: null, action: 'privacy.export_requested', target: { kind: 'user', id: userId }, at: now })
    return exportView(created)
  })
}

/** The owner's ready, unexpired export as a stream of the zip; anyone else gets 404. */
export async function openExport(ctx: AppContext, userId: string, id: string) {
  const row = await repo.findExport(ctx.db, id)
  if (!row || row.user_id !== userId) throw notFound('个人信息副本不存在')
  if (row.status !== 'ready' || !row.expires_at) throw conflict('EXPORT_NOT_READY', '个人信息副本尚未生成完成，请稍后再试')
  const now = ctx.clock.now()
  if (row.expires_at <= now) throw conflict('EXPORT_EXPIRED', '个人信息副本已过下载期限并已删除，请重新申请')
  const stream = readExportZip(ctx, id)
  if (!stream) throw conflict('EXPORT_EXPIRED', '个人信息副本已过下载期限并已删除，请重新申请')
  await audit(ctx.db, {
    actor: userId,
    hallId: null,
    action: 'privacy.export_downloaded',
    target: { kind: 'user', id: userId },
    detail: { exportId: id },
    at: now,
  })
  return { stream, size: row.size_bytes === null ? null : Number(row.size_bytes) }
}

/** 注销账号: starts the cooling-off period and signs the person out everywhere. */
export const requestAccountDeletion = async (ctx: AppContext, userId: string) => deletionView(await requestDeletion(ctx, userId))
