import type { Queryable } from '../../core/db'
import type { ThemeApplicationStatus, ThemeItemStatus } from '../../../src/domain/theme'
import type { CombinedNotice } from './schemas'

export interface ApplicationRow {
  id: string
  user_id: string
  hall_id: string
  hall_name: string
  theme_id: string
  answers: Record<string, string>
  status: ThemeApplicationStatus
  round: number
  created_at: Date
  updated_at: Date
  submitted_at: Date | null
}

export interface ItemRow {
  application_id: string
  item_id: string
  item_name: string
  promised_days: number
  result_licence: string | null
  department: string
  case_id: string
  status: ThemeItemStatus
  round: number
  /** This round's decision, if made. */
  decision: 'approve' | 'needs_fix' | null
  problems: { materialCode: string; problem: string }[] | null
}

export async function findApplication(q: Queryable, id: string, lock = false): Promise<ApplicationRow | null> {
  const { rows } = await q.query<ApplicationRow>(
    `select a.*, h.name as hall_name from theme_applications a join halls h on h.id = a.hall_id where a.id = $1${lock ? ' for update of a' : ''}`,
    [id],
  )
  return rows[0] ?? null
}

/** The items of applications with the decisions of the round given for each, in the applications' order of items. */
export const listItemsOf = async (q: Queryable, applications: readonly Pick<ApplicationRow, 'id' | 'round'>[]) =>
  (
    await q.query<ItemRow>(
      `select t.application_id, t.item_id, i.name as item_name, i.promised_days, i.result_licence, t.department, t.case_id, t.status, t.round,
              d.decision, d.problems
         from theme_application_items t join service_items i on i.id = t.item_id
         join unnest($1::uuid[], $2::int[]) as a(id, round) on a.id = t.application_id
         left join theme_decisions d on d.application_id = t.application_id and d.item_id = t.item_id and d.round = a.round
        order by t.application_id, t.sort`,
      [applications.map((a) => a.id), applications.map((a) => a.round)],
    )
  ).rows

export const listItems = (q: Queryable, application: Pick<ApplicationRow, 'id' | 'round'>) => listItemsOf(q, [application])

export async function insertApplication(
  q: Queryable,
  a: { userId: string; hallId: string; themeId: string; answers: Record<string, string>; now: Date },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into theme_applications (user_id, hall_id, theme_id, answers, status, round, created_at, updated_at)
     values ($1, $2, $3, $4, 'draft', 0, $5, $5) returning id`,
    [a.userId, a.hallId, a.themeId, JSON.stringify(a.answers), a.now],
  )
  return rows[0].id
}

export async function insertItem(q: Queryable, i: { applicationId: string; itemId: string; sort: number; department: string; caseId: string }) {
  await q.query(`insert into theme_application_items (application_id, item_id, sort, department, case_id, status) values ($1, $2, $3, $4, $5, 'draft')`, [
    i.applicationId,
    i.itemId,
    i.sort,
    i.department,
    i.caseId,
  ])
}

export const countDrafts = async (q: Queryable, userId: string) =>
  (await q.query<{ n: number }>(`select count(*)::int as n from theme_applications where user_id = $1 and status = 'draft'`, [userId])).rows[0].n

export const listOfUser = async (q: Queryable, userId: string) =>
  (
    await q.query<ApplicationRow & { total: number; approved: number }>(
      `select a.*, h.name as hall_name,
              (select count(*)::int from theme_application_items t where t.application_id = a.id) as total,
              (select count(*)::int from theme_application_items t where t.application_id = a.id and t.status = 'approved') as approved
         from theme_applications a join halls h on h.id = a.hall_id where a.user_id = $1 order by a.created_at desc limit 50`,
      [userId],
    )
  ).rows

/** A new round: the application and its open items go to the departments. */
export async function startRound(q: Queryable, a: ApplicationRow, now: Date): Promise<number> {
  const round = a.round + 1
  await q.query(`update theme_application_items set status = 'reviewing', round = $2 where application_id = $1 and status in ('draft', 'needs_fix')`, [
    a.id,
    round,
  ])
  await q.query(`update theme_applications set status = 'reviewing', round = $2, submitted_at = $3, updated_at = $3 where id = $1 and round = $4`, [
    a.id,
    round,
    now,
    a.round,
  ])
  return round
}

/** Records a department's decision for the round; false when the item was already decided this round. */
export async function insertDecision(
  q: Queryable,
  d: { applicationId: string; itemId: string; round: number; decision: 'approve' | 'needs_fix'; problems: unknown[]; reviewerId: string; now: Date },
): Promise<boolean> {
  const inserted = await q.query(
    `insert into theme_decisions (application_id, item_id, round, decision, problems, reviewer_user_id, decided_at)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
    [d.applicationId, d.itemId, d.round, d.decision, JSON.stringify(d.problems), d.reviewerId, d.now],
  )
  return inserted.rowCount === 1
}

export async function setItemStatus(q: Queryable, applicationId: string, itemId: string, status: ThemeItemStatus) {
  await q.query('update theme_application_items set status = $3 where application_id = $1 and item_id = $2', [applicationId, itemId, status])
}

export async function setApplicationStatus(q: Queryable, id: string, status: ThemeApplicationStatus, now: Date) {
  await q.query('update theme_applications set status = $2, updated_at = $3 where id = $1', [id, status, now])
}

export async function insertNotice(
  q: Queryable,
  n: { applicationId: string; round: number; issuedAt: Date; dueDate: string; body: Omit<CombinedNotice, 'round' | 'issuedAt' | 'dueDate'> },
) {
  await q.query('insert into theme_notices (application_id, round, issued_at, due_date, body) values ($1, $2, $3, $4, $5)', [
    n.applicationId,
    n.round,
    n.issuedAt,
    n.dueDate,
    JSON.stringify(n.body),
  ])
}

export const latestNotice = async (q: Queryable, applicationId: string) =>
  (
    await q.query<{ round: number; issued_at: Date; due_date: string; body: Omit<CombinedNotice, 'round' | 'issuedAt' | 'dueDate'> }>(
      `select round, issued_at, to_char(due_date, 'YYYY-MM-DD') as due_date, body from theme_notices where application_id = $1 order by round desc limit 1`,
      [applicationId],
    )
  ).rows[0] ?? null

export const departmentsOf = async (q: Queryable, userId: string, hallId: string) =>
  (
    await q.query<{ department: string }>('select department from theme_reviewers where user_id = $1 and hall_id = $2 order by department', [userId, hallId])
  ).rows.map((r) => r.department)

/** Applications in joint review at a hall, oldest submission first, with what waits for the viewer's departments. */
export const listInReview = async (q: Queryable, hallId: string) =>
  (
    await q.query<ApplicationRow & { real_name_enc: string | null }>(
      `select a.*, h.name as hall_name, u.real_name_enc from theme_applications a join halls h on h.id = a.hall_id join users u on u.id = a.user_id
        where a.hall_id = $1 and a.status = 'reviewing' order by a.submitted_at, a.id limit 200`,
      [hallId],
    )
  ).rows

export async function assignReviewer(q: Queryable, r: { userId: string; hallId: string; department: string }) {
  await q.query('insert into theme_reviewers (user_id, hall_id, department) values ($1, $2, $3) on conflict do nothing', [r.userId, r.hallId, r.department])
}
