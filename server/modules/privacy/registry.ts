/**
 * Every table that holds a person's rows, how to find them and what account deletion does to them.
 * The export, the overview counts and account deletion all read this one list, and
 * `__tests__/server/privacy.test.ts` checks it against the database catalogue (every column that
 * references `users`) and against a scan of every table's rows, so a new table with personal data fails
 * that test until it is listed here.
 */

import { AUDIT_ENTRIES_OF_PERSON } from '../../core/audit'

export type CategoryKey = 'account' | 'consents' | 'queue' | 'names' | 'cases' | 'pickup' | 'ratings' | 'messages' | 'requests' | 'logs'

export interface PersonalTable {
  table: string
  category: CategoryKey
  /** SQL condition selecting the person's rows; `$1` is the user id (uuid). */
  where: string
  /** The column that names the person, for the catalogue check (null: reached through a parent row). */
  subjectColumn: string | null
  /** Columns never exported: secrets of the service (token and code hashes, blind indexes), not data about the person. */
  omit?: string[]
  /**
   * What 注销账号 does: `delete` the rows, or `keep` them as administrative records (detached from the
   * account: the account becomes a tombstone without identifiers). Unsubmitted cases are deleted by
   * pre-review's own service; `users` becomes the tombstone.
   */
  onDeletion: 'delete' | 'keep' | 'tombstone' | 'review-drafts'
  /** Order of deletion (children first), when deleted. */
  deleteOrder?: number
}

const ownCases = 'case_id in (select id from cases where user_id = $1)'
const ownApplications = 'application_id in (select id from theme_applications where user_id = $1)'
const ownAuthorizations = 'authorization_id in (select id from authorizations where user_id = $1)'

export const PERSONAL_TABLES: PersonalTable[] = [
  {
    table: 'users',
    category: 'account',
    where: 'id = $1',
    subjectColumn: 'id',
    omit: ['phone_index', 'id_number_index', 'wechat_session_key_enc'],
    onDeletion: 'tombstone',
  },
  { table: 'sessions', category: 'account', where: 'user_id = $1', subjectColumn: 'user_id', omit: ['token_hash'], onDeletion: 'delete', deleteOrder: 1 },
  {
    table: 'sms_codes',
    category: 'account',
    where: 'phone_index = (select phone_index from users where id = $1)',
    subjectColumn: null,
    omit: ['phone_index', 'code_hash'],
    onDeletion: 'delete',
    deleteOrder: 1,
  },
  { table: 'staff_roles', category: 'account', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'platform_admins', category: 'account', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'idempotency_keys', category: 'account', where: 'scope = $1', subjectColumn: null, omit: ['response'], onDeletion: 'delete', deleteOrder: 1 },
  { table: 'appointments', category: 'queue', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'appointment_blocks', category: 'queue', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'queue_person_days', category: 'queue', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'queue_tickets', category: 'queue', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 2 },
  { table: 'name_reservations', category: 'names', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'keep' },
  { table: 'cases', category: 'cases', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'review-drafts' },
  { table: 'case_materials', category: 'cases', where: ownCases, subjectColumn: null, onDeletion: 'review-drafts' },
  { table: 'case_files', category: 'cases', where: ownCases, subjectColumn: null, omit: ['storage_key'], onDeletion: 'review-drafts' },
  { table: 'case_notices', category: 'cases', where: ownCases, subjectColumn: null, onDeletion: 'keep' },
  { table: 'case_history', category: 'cases', where: ownCases, subjectColumn: null, onDeletion: 'review-drafts' },
  { table: 'theme_applications', category: 'cases', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'keep' },
  { table: 'theme_application_items', category: 'cases', where: ownApplications, subjectColumn: null, onDeletion: 'keep' },
  { table: 'theme_decisions', category: 'cases', where: ownApplications, subjectColumn: null, onDeletion: 'keep' },
  { table: 'theme_notices', category: 'cases', where: ownApplications, subjectColumn: null, onDeletion: 'keep' },
  { table: 'theme_reviewers', category: 'account', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'licences', category: 'pickup', where: ownCases, subjectColumn: null, onDeletion: 'keep' },
  { table: 'authorizations', category: 'pickup', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'keep' },
  {
    table: 'authorization_records',
    category: 'pickup',
    where: ownAuthorizations,
    subjectColumn: null,
    // The signature and the PDF go into the zip as files; the JSON holds the signed data.
    omit: ['signature_png_enc', 'pdf_enc'],
    onDeletion: 'keep',
  },
  { table: 'authorization_events', category: 'pickup', where: ownAuthorizations, subjectColumn: null, onDeletion: 'keep' },
  // China Post's scans of the parcel: the sealed text may name the signer and the delivery spot; kept with the authorization.
  { table: 'ems_tracking_events', category: 'pickup', where: ownAuthorizations, subjectColumn: null, onDeletion: 'keep' },
  {
    table: 'pickup_addresses',
    category: 'pickup',
    where: 'user_id = $1',
    subjectColumn: 'user_id',
    omit: ['fingerprint'],
    onDeletion: 'delete',
    deleteOrder: 1,
  },
  // 好差评: the services offered for rating, the ratings (comment sealed) and their follow-ups are the hall's supervision
  // record (国办发〔2019〕51号) and stay with the tombstone; a completion not yet turned into an invitation is deleted.
  { table: 'service_completions', category: 'ratings', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'rating_services', category: 'ratings', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'keep' },
  { table: 'ratings', category: 'ratings', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'keep' },
  {
    table: 'rating_follow_ups',
    category: 'ratings',
    where: 'rating_id in (select id from ratings where user_id = $1)',
    subjectColumn: null,
    onDeletion: 'keep',
  },
  // A window tablet the staff member bound (their own work record).
  { table: 'rating_kiosks', category: 'ratings', where: 'bound_by = $1', subjectColumn: 'bound_by', omit: ['token_hash'], onDeletion: 'keep' },
  { table: 'messages', category: 'messages', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'subscribe_grants', category: 'messages', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'outbox', category: 'messages', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'privacy_exports', category: 'requests', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'delete', deleteOrder: 1 },
  { table: 'consent_records', category: 'consents', where: 'user_id = $1', subjectColumn: 'user_id', onDeletion: 'keep' },
  { table: 'account_deletions', category: 'requests', where: 'user_id = $1', subjectColumn: 'user_id', omit: ['id_number_index'], onDeletion: 'keep' },
  { ...AUDIT_ENTRIES_OF_PERSON, category: 'logs', onDeletion: 'keep' },
]

/**
 * Columns that reference `users` for the staff member who acted on someone else's record (the reviewer,
 * the clerk, the settings' editor). Those rows belong to the record's subject; in an export the acting
 * staff member's id is withheld.
 */
export const ACTING_USER_COLUMNS = [
  'appointment_closures.created_by',
  'appointment_settings.updated_by',
  'authorization_events.actor_user_id',
  'case_files.uploaded_by',
  'case_history.actor_user_id',
  'case_materials.marked_by',
  'case_notices.issued_by',
  'cases.reviewer_user_id',
  'licences.issued_by',
  'rating_follow_ups.rectified_by',
  'rating_follow_ups.visited_by',
  'rating_services.staff_user_id',
  'service_completions.staff_user_id',
  'theme_decisions.reviewer_user_id',
]

export interface Category {
  label: string
  source: string
  purpose: string
  /** The retention kind (retention_policies.kind) that governs it; null: kept while the account exists. */
  retention: string | null
}

export const CATEGORIES: Record<CategoryKey, Category> = {
  account: { label: '账号与实名信息', source: '您登录和实名认证时提供，经短信或身份核验', purpose: '识别您的账号，办理需实名的事项', retention: null },
  consents: {
    label: '协议与授权同意记录',
    source: '您登录时勾选同意协议、实名认证时同意处理身份证号时产生',
    purpose: '证明处理您的个人信息已取得您的同意，记录您的撤回',
    retention: 'consent_record',
  },
  queue: { label: '取号与预约', source: '您在线取号、预约时产生', purpose: '安排排队、叫号和预约办理', retention: 'appointment' },
  names: { label: '企业名称申报', source: '您在线申报企业名称时填写', purpose: '名称自主申报与保留', retention: 'name_reservation' },
  cases: { label: '办件与上传材料', source: '您在线申报、上传材料时提供', purpose: '材料预审和事项办理', retention: 'submitted_case' },
  pickup: { label: '证照取件、委托书与收件地址', source: '您签署取件委托书、填写收件地址时提供', purpose: '证照邮寄或委托代领', retention: 'authorization' },
  ratings: { label: '服务评价（好差评）', source: '您对办结的服务作出评价时提供', purpose: '政务服务好差评、差评回访整改', retention: 'rating' },
  messages: { label: '消息与订阅提醒', source: '办理进度通知；您同意的微信订阅提醒', purpose: '告知办理进度', retention: 'message' },
  requests: { label: '个人信息请求记录', source: '您申请导出副本或注销账号时产生', purpose: '履行您的个人信息权利请求', retention: 'privacy_export' },
  logs: { label: '操作日志', source: '您和工作人员处理您的事项时自动记录', purpose: '安全审计与责任追溯', retention: 'audit_entry' },
}
