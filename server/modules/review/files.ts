import type { Readable } from 'node:stream'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { AppError, badRequest, conflict, notFound } from '../../core/errors'
import { CASE_STATUS_LABEL, FILE_LIMITS, editableMaterial, type CaseStatus } from '../../../src/domain/review'
import { inspectFile } from './checks'
import * as repo from './repository'
import { newStorageKey, type FileStorage, type StagedFile } from './storage'
import { storageFor } from './storage-for'
import { toFileView } from './views'

/** What the applicant may upload to a material: checked before a byte of the body is read. */
export interface UploadTarget {
  materialName: string
  formats: string[]
  maxBytes: number
}

/** The uploaded name, for display only: no directories, control or bidi characters, at most 80 characters. */
export function displayName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? ''
  const clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .replace(/^\.+/, '')
  if (!clean) return '未命名文件'
  const chars = [...clean]
  if (chars.length <= 80) return clean
  const dot = clean.lastIndexOf('.')
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
  return chars.slice(0, 80 - extension.length).join('') + extension
}

function lockedMessage(status: CaseStatus): string {
  if (status === 'needs_fix') return '该材料已通过预审，只需更换被退回的材料'
  if (status === 'deferred_approved') return '容缺通过后只需补传容缺的材料'
  return `办件${CASE_STATUS_LABEL[status]}，不能再修改材料`
}

/** The case and material an applicant may change right now, or the reason why not (404 for someone else's case). */
async function editableTarget(q: Queryable, userId: string, caseId: string, code: string, lock: boolean) {
  const found = await repo.findCase(q, caseId, { lock })
  if (!found || found.user_id !== userId) throw notFound('办件不存在')
  const material = (await repo.listCaseMaterials(q, caseId)).find((m) => m.code === code)
  if (!material) throw notFound('该事项没有这项材料')
  if (material.source === 'shared') throw conflict('MATERIAL_SHARED', '该材料由部门间共享获取，无需上传')
  if (!editableMaterial(found.status, material)) throw conflict('MATERIAL_LOCKED', lockedMessage(found.status))
  return { found, material }
}

export async function prepareUpload(ctx: AppContext, userId: string, caseId: string, code: string, replaces?: string): Promise<UploadTarget> {
  const { material } = await editableTarget(ctx.db, userId, caseId, code, false)
  if (!replaces && material.file_count >= FILE_LIMITS.perMaterial) {
    throw conflict('MATERIAL_FILES_FULL', `每项材料最多上传${FILE_LIMITS.perMaterial}个文件，请先删除不需要的文件`)
  }
  return { materialName: material.name, formats: material.formats, maxBytes: material.max_size_mb * 1024 * 1024 }
}

export interface IncomingFile {
  stream: Readable
  filename: string | undefined
  /** True when the stream stopped at the size limit. */
  truncated(): boolean
  /** Called for each chunk received (the upload watch counts it as progress). */
  onChunk?: () => void
}

/**
 * Stages the bytes, checks them, then records the file and its counters under the case lock and only
 * then moves the staged copy into place. Whatever fails before that leaves no row and no file.
 */
export async function acceptUpload(
  ctx: AppContext,
  storage: FileStorage,
  input: { userId: string; caseId: string; code: string; replaces?: string; target: UploadTarget; file: IncomingFile },
) {
  const { userId, caseId, code, replaces, target } = input
  let staged
  try {
    staged = await storage.stage(input.file.stream, input.file.onChunk)
  } catch (error) {
    if (error instanceof AppError) throw error
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(target)
    throw badRequest('UPLOAD_INCOMPLETE', '文件上传未完成，请检查网络后重试')
  }
  const key = newStorageKey()
  const result = await commitThenPlace(ctx, storage, staged, key, async () => {
    if (input.file.truncated()) throw tooLarge(target)
    const inspection = await inspectFile(await storage.readStaged(staged), target.formats)
    return ctx.db.tx(async (q) => {
      const now = ctx.clock.now()
      const { found, material } = await editableTarget(q, userId, caseId, code, true)
      let removed: repo.FileRow | null = null
      if (replaces) {
        removed = await repo.findFile(q, caseId, replaces)
        if (!removed || removed.material_code !== code) throw notFound('要更换的文件不存在')
        await repo.deleteFile(q, removed, now)
      }
      if (material.file_count - (removed ? 1 : 0) >= FILE_LIMITS.perMaterial) {
        throw conflict('MATERIAL_FILES_FULL', `每项材料最多上传${FILE_LIMITS.perMaterial}个文件，请先删除不需要的文件`)
      }
      if (found.file_bytes - (removed?.size_bytes ?? 0) + staged.size > FILE_LIMITS.perCaseBytes) throw caseFilesTooLarge()
      const file = await repo.insertFile(q, {
        case_id: caseId,
        material_code: code,
        storage_key: key,
        original_name: displayName(input.file.filename),
        kind: inspection.kind,
        mime_type: inspection.mimeType,
        size_bytes: staged.size,
        sha256: staged.sha256,
        width: inspection.width,
        height: inspection.height,
        pages: inspection.pages,
        checks: inspection.checks,
        uploaded_by: userId,
        created_at: now,
      })
      await repo.countFileAdded(q, file, now)
      return { file, removedKey: removed?.storage_key ?? null }
    })
  })
  if (result.removedKey) await removeStored(ctx, storage, result.removedKey)
  return toFileView(result.file)
}

/**
 * Commits a file's row (`commit`, which may refuse) and only then places its staged bytes under `key`. A refused
 * row drops the staged copy; bytes that cannot be placed take the committed row back out, so no row points at a
 * missing file.
 */
async function commitThenPlace<T extends { file: repo.FileRow }>(
  ctx: AppContext,
  storage: FileStorage,
  staged: StagedFile,
  key: string,
  commit: () => Promise<T>,
): Promise<T> {
  let committed: T
  try {
    committed = await commit()
  } catch (error) {
    await storage.discard(staged)
    throw error
  }
  try {
    await storage.put(key, staged)
  } catch (error) {
    await ctx.db.tx(async (q) => {
      const row = await repo.findFile(q, committed.file.case_id, committed.file.id)
      if (row) await repo.deleteFile(q, row, ctx.clock.now())
    })
    await storage.discard(staged)
    throw error
  }
  return committed
}

const caseFilesTooLarge = () =>
  new AppError(413, 'CASE_FILES_TOO_LARGE', `本办件的文件合计不能超过${FILE_LIMITS.perCaseBytes / 1024 / 1024}MB，请压缩或删除部分文件`)

const tooLarge = (target: UploadTarget) => new AppError(413, 'FILE_TOO_LARGE', `文件超过${target.maxBytes / 1024 / 1024}MB上限，请压缩后重新上传`)

async function removeStored(ctx: AppContext, storage: FileStorage, key: string) {
  // The row is already gone; a file left behind is unreachable and only costs disk space.
  await storage.delete(key).catch((error) => ctx.log.warn({ err: error, key }, 'could not delete a stored file'))
}

export async function deleteUpload(ctx: AppContext, storage: FileStorage, userId: string, caseId: string, fileId: string): Promise<void> {
  const key = await ctx.db.tx(async (q) => {
    const found = await repo.findCase(q, caseId, { lock: true })
    if (!found || found.user_id !== userId) throw notFound('办件不存在')
    const file = await repo.findFile(q, caseId, fileId)
    if (!file) throw notFound('文件不存在')
    await editableTarget(q, userId, caseId, file.material_code, false)
    await repo.deleteFile(q, file, ctx.clock.now())
    return file.storage_key
  })
  await removeStored(ctx, storage, key)
}

/** The bytes of a file the caller may read (the route decides who may). */
export async function openStored(storage: FileStorage, file: repo.FileRow) {
  const stored = await storage.get(file.storage_key)
  if (!stored) throw notFound('文件不存在或已被删除')
  return stored
}

export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Makes the files of one material (`to`) the same as another's (`from`), both the applicant's: a 一件事
 * application asks for a shared document once and gives every item that needs it its own copy, so each
 * department reviews and keeps a complete case. Each copy is staged and checked like an upload; a target the
 * applicant may not change (an approved item) is left alone.
 */
export async function mirrorMaterialFiles(
  ctx: AppContext,
  userId: string,
  from: { caseId: string; code: string },
  to: { caseId: string; code: string },
): Promise<void> {
  const storage = storageFor(ctx)
  const source = (await repo.listCaseFiles(ctx.db, from.caseId)).filter((f) => f.material_code === from.code)
  const owner = await repo.findCase(ctx.db, from.caseId)
  if (!owner || owner.user_id !== userId) throw notFound('办件不存在')
  const target = await editableTarget(ctx.db, userId, to.caseId, to.code, false).catch(() => null)
  if (!target) return
  const existing = (await repo.listCaseFiles(ctx.db, to.caseId)).filter((f) => f.material_code === to.code)
  const removed = await ctx.db.tx(async (q) => {
    await editableTarget(q, userId, to.caseId, to.code, true)
    for (const file of existing) await repo.deleteFile(q, file, ctx.clock.now())
    return existing.map((f) => f.storage_key)
  })
  for (const key of removed) await removeStored(ctx, storage, key)
  for (const file of source) {
    const stored = await openStored(storage, file)
    const staged = await storage.stage(stored.stream)
    const key = newStorageKey()
    await commitThenPlace(ctx, storage, staged, key, () =>
      ctx.db.tx(async (q) => {
        const now = ctx.clock.now()
        const { found: locked } = await editableTarget(q, userId, to.caseId, to.code, true)
        if (locked.file_bytes + staged.size > FILE_LIMITS.perCaseBytes) throw caseFilesTooLarge()
        const row = await repo.insertFile(q, {
          ...file,
          case_id: to.caseId,
          material_code: to.code,
          storage_key: key,
          uploaded_by: userId,
          created_at: now,
        })
        await repo.countFileAdded(q, row, now)
        return { file: row }
      }),
    )
  }
}
