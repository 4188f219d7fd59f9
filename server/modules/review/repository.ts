import type { Queryable } from '../../core/db'
import type { CaseActor, CaseStatus, MaterialVerdict } from '../../../src/domain/review'
import type { MaterialRow } from '../catalog/service'

export interface CaseRow {
  id: string
  case_number: string
  user_id: string
  hall_id: string
  item_id: string
  status: CaseStatus
  created_at: Date
  updated_at: Date
  submitted_at: Date | null
  first_submitted_at: Date | null
  reviewer_user_id: string | null
  decided_at: Date | null
  fix_due_date: string | null
  supplement_due_date: string | null
  pledge_version: string | null
  pledge_confirmed_at: Date | null
  file_bytes: number
  /** One item of a 一件事 application (theme module): submitted and decided through the joint review. */
  joint: boolean
  item_name: string
  item_department: string
  promised_days: number
  result_licence: string | null
  hall_name: string
  hall_close_time: string
}

const CASE_COLUMNS = `c.id, c.case_number, c.user_id, c.hall_id, c.item_id, c.status, c.created_at, c.updated_at, c.submitted_at,
    c.first_submitted_at, c.reviewer_user_id, c.decided_at, to_char(c.fix_due_date, 'YYYY-MM-DD') as fix_due_date,
    to_char(c.supplement_due_date, 'YYYY-MM-DD') as supplement_due_date, c.pledge_version, c.pledge_confirmed_at, c.file_bytes, c.joint,
    i.name as item_name, i.department as item_department, i.promised_days, i.result_licence, h.name as hall_name, h.close_time as hall_close_time`
const CASE_FROM = 'from cases c join service_items i on i.id = c.item_id join halls h on h.id = c.hall_id'
const CASE_SELECT = `select ${CASE_COLUMNS} ${CASE_FROM}`

export async function findCase(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<CaseRow | null> {
  // `for update of c` locks only the case row: every change to a case and its files runs under this lock.
  const { rows } = await q.query<CaseRow>(`${CASE_SELECT} where c.id = $1${options.lock ? ' for update of c' : ''}`, [id])
  return rows[0] ?? null
}

export const listCasesOfUser = async (q: Queryable, userId: string) =>
  (await q.query<CaseRow>(`${CASE_SELECT} where c.user_id = $1 and not c.joint order by c.created_at desc limit 100`, [userId])).rows

/** Submitted and opened cases of a hall, oldest submission first. */
export const listQueue = async (q: Queryable, hallId: string) =>
  (
    await q.query<CaseRow & { real_name_enc: string | null; deferred_count: number }>(
      `select ${CASE_COLUMNS}, u.real_name_enc,
              (select count(*)::int from case_materials m where m.case_id = c.id and m.deferred and m.file_count = 0) as deferred_count
         ${CASE_FROM} join users u on u.id = c.user_id
        where c.hall_id = $1 and c.status in ('submitted', 'reviewing') and not c.joint order by c.submitted_at, c.id limit 200`,
      [hallId],
    )
  ).rows

export const itemOfferedAt = async (q: Queryable, hallId: string, itemId: string) =>
  (await q.query('select 1 from hall_items where hall_id = $1 and item_id = $2', [hallId, itemId])).rowCount > 0

/** Case numbers count per Shanghai day: YS-20261124-000001. */
export async function nextCaseNumber(q: Queryable, day: string): Promise<string> {
  const { rows } = await q.query<{ last_value: number }>(
    `insert into case_number_counters (day, last_value) values ($1, 1)
     on conflict (day) do update set last_value = case_number_counters.last_value + 1 returning last_value`,
    [day],
  )
  return `YS-${day.replace(/-/g, '')}-${String(rows[0].last_value).padStart(6, '0')}`
}

export async function insertCase(
  q: Queryable,
  c: { caseNumber: string; userId: string; hallId: string; itemId: string; now: Date; joint?: boolean },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into cases (case_number, user_id, hall_id, item_id, status, created_at, updated_at, joint) values ($1, $2, $3, $4, 'draft', $5, $5, $6) returning id`,
    [c.caseNumber, c.userId, c.hallId, c.itemId, c.now, c.joint ?? false],
  )
  await q.query('insert into case_materials (case_id, material_code) select $1, code from item_materials where item_id = $2', [rows[0].id, c.itemId])
  return rows[0].id
}

export const countDrafts = async (q: Queryable, userId: string) =>
  (await q.query<{ n: number }>(`select count(*)::int as n from cases where user_id = $1 and status = 'draft' and not joint`, [userId])).rows[0].n

export interface CaseMaterialRow extends MaterialRow {
  file_count: number
  deferred: boolean
  verdict: MaterialVerdict | null
  reasons: string[]
  review_note: string | null
  changed_at: Date | null
}

export const listCaseMaterials = async (q: Queryable, caseId: string) =>
  (
    await q.query<CaseMaterialRow>(
      `select im.*, m.file_count, m.deferred, m.verdict, m.reasons, m.review_note, m.changed_at
         from case_materials m join cases c on c.id = m.case_id
         join item_materials im on im.item_id = c.item_id and im.code = m.material_code
        where m.case_id = $1 order by im.sort`,
      [caseId],
    )
  ).rows

export interface FileRow {
  id: string
  case_id: string
  material_code: string
  storage_key: string
  original_name: string
  kind: 'image' | 'pdf'
  mime_type: string
  size_bytes: number
  sha256: string
  width: number | null
  height: number | null
  pages: number | null
  checks: string[]
  created_at: Date
}

export const listCaseFiles = async (q: Queryable, caseId: string) =>
  (await q.query<FileRow>('select * from case_files where case_id = $1 order by created_at, id', [caseId])).rows

export const findFile = async (q: Queryable, caseId: string, fileId: string) =>
  (await q.query<FileRow>('select * from case_files where case_id = $1 and id = $2', [caseId, fileId])).rows[0] ?? null

export async function insertFile(q: Queryable, f: Omit<FileRow, 'id' | 'created_at'> & { uploaded_by: string; created_at: Date }): Promise<FileRow> {
  const { rows } = await q.query<FileRow>(
    `insert into case_files (case_id, material_code, storage_key, original_name, kind, mime_type, size_bytes, sha256, width, height, pages, checks, uploaded_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning *`,
    [
      f.case_id,
      f.material_code,
      f.storage_key,
      f.original_name,
      f.kind,
      f.mime_type,
      f.size_bytes,
      f.sha256,
      f.width,
      f.height,
      f.pages,
      f.checks,
      f.uploaded_by,
      f.created_at,
    ],
  )
  return rows[0]
}

/** Removes a file row and keeps the material's and the case's counters in step. */
export async function deleteFile(q: Queryable, file: FileRow, now: Date): Promise<void> {
  await q.query('delete from case_files where id = $1', [file.id])
  await q.query('update case_materials set file_count = file_count - 1, changed_at = $3 where case_id = $1 and material_code = $2', [
    file.case_id,
    file.material_code,
    now,
  ])
  await q.query('update cases set file_bytes = file_bytes - $2, updated_at = $3 where id = $1', [file.case_id, file.size_bytes, now])
}

export async function countFileAdded(q: Queryable, file: FileRow, now: Date): Promise<void> {
  await q.query('update case_materials set file_count = file_count + 1, changed_at = $3 where case_id = $1 and material_code = $2', [
    file.case_id,
    file.material_code,
    now,
  ])
  await q.query('update cases set file_bytes = file_bytes + $2, updated_at = $3 where id = $1', [file.case_id, file.size_bytes, now])
}

/**
 * Moves a case from `from` to `to` only if it is still in `from` (the caller holds the row lock; the
 * condition keeps the rule even without it), with extra column changes, and appends the history row.
 */
export async function transition(
  q: Queryable,
  c: {
    caseId: string
    from: CaseStatus
    to: CaseStatus
    now: Date
    actor: CaseActor
    actorUserId: string | null
    note?: string | null
    set?: Record<string, unknown>
  },
): Promise<boolean> {
  const extra = Object.entries(c.set ?? {})
  const assignments = extra.map(([column], i) => `${column} = $${i + 5}`)
  const updated = await q.query(`update cases set status = $3, updated_at = $4${assignments.map((a) => `, ${a}`).join('')} where id = $1 and status = $2`, [
    c.caseId,
    c.from,
    c.to,
    c.now,
    ...extra.map(([, value]) => value),
  ])
  if (updated.rowCount !== 1) return false
  await q.query(`insert into case_history (case_id, actor_user_id, actor, from_status, to_status, note, created_at) values ($1, $2, $3, $4, $5, $6, $7)`, [
    c.caseId,
    c.actorUserId,
    c.actor,
    c.from,
    c.to,
    c.note ?? null,
    c.now,
  ])
  return true
}

export async function insertCreatedHistory(q: Queryable, caseId: string, userId: string, now: Date): Promise<void> {
  await q.query(
    `insert into case_history (case_id, actor_user_id, actor, from_status, to_status, note, created_at) values ($1, $2, 'applicant', null, 'draft', '创建草稿', $3)`,
    [caseId, userId, now],
  )
}

export interface HistoryRow {
  from_status: CaseStatus | null
  to_status: CaseStatus
  actor: CaseActor
  note: string | null
  created_at: Date
}

export const listHistory = async (q: Queryable, caseId: string) =>
  (await q.query<HistoryRow>('select from_status, to_status, actor, note, created_at from case_history where case_id = $1 order by id', [caseId])).rows

export interface NoticeRow {
  id: string
  kind: 'needs_fix' | 'deferral' | 'rejection'
  issued_at: Date
  due_date: string | null
  body: NoticeBody
}

export interface NoticeBody {
  items: { materialCode: string; materialName: string; problem: string; requirement: string; dueDate: string | null }[]
  reason: string | null
  competentAuthority: string | null
  how: string | null
  consequence: string | null
  note: string | null
}

/** Before a 需补正 notice: from here on `changed_at` tells which returned materials the applicant replaced. */
export async function resetMaterialChanges(q: Queryable, caseId: string): Promise<void> {
  await q.query('update case_materials set changed_at = null where case_id = $1', [caseId])
}

/** A case with its hall and item, as other modules see it (pickup: 出证登记, signing). */
export interface CaseSummary {
  id: string
  case_number: string
  user_id: string
  hall_id: string
  hall_name: string
  item_id: string
  item_name: string
  status: CaseStatus
  result_licence: string | null
  licence_copies: string | null
}

/** A case by its number; `lock` holds its row for the rest of the caller's transaction. */
export const findCaseSummary = async (q: Queryable, caseNumber: string, lock = false) =>
  (
    await q.query<CaseSummary>(
      `select c.id, c.case_number, c.user_id, c.hall_id, h.name as hall_name, c.item_id, i.name as item_name, c.status,
              i.result_licence, i.licence_copies
         from cases c join halls h on h.id = c.hall_id join service_items i on i.id = c.item_id
        where c.case_number = $1${lock ? ' for update of c' : ''}`,
      [caseNumber],
    )
  ).rows[0] ?? null

export async function insertNotice(
  q: Queryable,
  n: { caseId: string; kind: NoticeRow['kind']; issuedBy: string | null; issuedAt: Date; dueDate: string | null; body: NoticeBody },
): Promise<void> {
  await q.query('insert into case_notices (case_id, kind, issued_by, issued_at, due_date, body) values ($1, $2, $3, $4, $5, $6)', [
    n.caseId,
    n.kind,
    n.issuedBy,
    n.issuedAt,
    n.dueDate,
    JSON.stringify(n.body),
  ])
}

export const latestNotice = async (q: Queryable, caseId: string) =>
  (
    await q.query<NoticeRow>(
      `select id, kind, issued_at, to_char(due_date, 'YYYY-MM-DD') as due_date, body from case_notices where case_id = $1 order by issued_at desc, id limit 1`,
      [caseId],
    )
  ).rows[0] ?? null

/** Cases the expiry job should look at (each is re-checked under its lock). */
export const expiryCandidates = async (q: Queryable, today: string, draftCutoff: Date) =>
  (
    await q.query<{ id: string }>(
      `select id from cases
        where (status = 'draft' and updated_at < $2)
           or (status = 'needs_fix' and fix_due_date < $1::date)
           or (status = 'deferred_approved' and supplement_due_date < $1::date)
        order by updated_at limit 100`,
      [today, draftCutoff],
    )
  ).rows.map((r) => r.id)
