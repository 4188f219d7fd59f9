import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import { conflict, notFound } from '../../core/errors'
import * as repo from './repository'
import type { ExportView } from './schemas'
import { deletionView, exportView } from './overview'
import { readExportZip } from './export-files'

import { requestDeletion } from './deletion'

export { cancelDeletionAtSignIn, carryOutDueDeletions } from './deletion'
export { prepareExports } from './export'
export { applyRetention, retentionTotals } from './retention'
export { privacyOverview, retentionTable } from './overview'
export { findSubject, recordAnswered, staffExport } from './staff'

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

/** Withdrawing consent to the 《隐私政策》 (PIPL art. 15): recorded on the consent, and the account enters 注销账号. */
export const withdrawPrivacyConsent = async (ctx: AppContext, userId: string) => deletionView(await requestDeletion(ctx, userId, 'privacy_withdrawn'))
