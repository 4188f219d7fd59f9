import type { Queryable } from '../../core/db'
import type { ParcelEvent } from '../../core/ems-tracking'
import type { AuthorizationStatus, PickupMethod } from '../../../src/domain/pickup-authorization'

/** A case as pickup sees it: review's `caseByNumber` (pickup reads cases through review's service and its view review_case_directory). */
export type { CaseSummary as CaseRow } from '../review/service'

export interface LicenceRow {
  id: string
  case_id: string
  case_number: string
  user_id: string
  hall_id: string
  hall_name: string
  item_name: string
  name: string
  copies: string
  issued_at: Date
  status: 'ready' | 'handed_over'
  applicant_name_enc: string | null
}

export interface AuthorizationRow {
  id: string
  number: string
  licence_id: string
  case_id: string
  user_id: string
  hall_id: string
  method: PickupMethod
  status: AuthorizationStatus
  valid_until: string
  agent_id_index: string | null
  ems_number: string | null
  agent_verified_at: Date | null
  /** When the tracking job last asked the carrier about this parcel. */
  tracking_checked_at: Date | null
  created_at: Date
  updated_at: Date
}

const AUTHORIZATION_COLUMNS = `a.id, a.number, a.licence_id, a.case_id, a.user_id, a.hall_id, a.method, a.status,
  to_char(a.valid_until, 'YYYY-MM-DD') as valid_until, a.agent_id_index, a.ems_number, a.agent_verified_at, a.tracking_checked_at, a.created_at, a.updated_at`

const LICENCE_COLUMNS = `l.id, l.case_id, c.case_number, c.user_id, c.hall_id, h.name as hall_name, i.name as item_name, l.name, l.copies,
  l.issued_at, l.status, u.real_name_enc as applicant_name_enc`

// Review's cases through the view it publishes (110_review_case_directory.sql), never its `cases` table.
const LICENCE_FROM = `licences l join review_case_directory c on c.case_id = l.case_id join halls h on h.id = c.hall_id
  join service_items i on i.id = c.item_id join users u on u.id = c.user_id`

export type LicenceWithAuthorization = LicenceRow & { authorization: AuthorizationRow | null }

/** Each licence with its live authorization, or the latest expired one when none is live. */
async function withAuthorizations(q: Queryable, licences: LicenceRow[]): Promise<LicenceWithAuthorization[]> {
  if (!licences.length) return []
  const { rows } = await q.query<AuthorizationRow>(
    `select distinct on (a.licence_id) ${AUTHORIZATION_COLUMNS} from authorizations a
      where a.licence_id = any($1::uuid[])
      order by a.licence_id, (a.status = 'expired'), a.created_at desc`,
    [licences.map((l) => l.id)],
  )
  const byLicence = new Map(rows.map((a) => [a.licence_id, a]))
  return licences.map((l) => ({ ...l, authorization: byLicence.get(l.id) ?? null }))
}

export async function listLicencesOfUser(q: Queryable, userId: string) {
  const { rows } = await q.query<LicenceRow>(`select ${LICENCE_COLUMNS} from ${LICENCE_FROM} where c.user_id = $1 order by l.issued_at desc limit 100`, [
    userId,
  ])
  return withAuthorizations(q, rows)
}

export async function findLicenceOfCase(q: Queryable, caseId: string) {
  const { rows } = await q.query<LicenceRow>(`select ${LICENCE_COLUMNS} from ${LICENCE_FROM} where l.case_id = $1`, [caseId])
  return (await withAuthorizations(q, rows))[0] ?? null
}

/** What a clerk's list shows: which licences still wait for an authorization, which wait for the hall, which are done. */
export type HallLicenceState = 'ready' | 'awaiting' | 'shipped' | 'done'

const STATE_CONDITIONS: Record<HallLicenceState, string> = {
  ready: `l.status = 'ready' and not exists (select 1 from authorizations a where a.licence_id = l.id and a.status <> 'expired')`,
  awaiting: `exists (select 1 from authorizations a where a.licence_id = l.id and a.status in ('awaiting_shipment', 'awaiting_pickup'))`,
  shipped: `exists (select 1 from authorizations a where a.licence_id = l.id and a.status = 'shipped')`,
  done: `l.status = 'handed_over'`,
}

export async function listLicencesOfHall(q: Queryable, hallId: string, state: HallLicenceState) {
  const { rows } = await q.query<LicenceRow>(
    `select ${LICENCE_COLUMNS} from ${LICENCE_FROM} where c.hall_id = $1 and ${STATE_CONDITIONS[state]}
      order by l.issued_at ${state === 'done' ? 'desc' : 'asc'} limit 200`,
    [hallId],
  )
  return withAuthorizations(q, rows)
}

/**
 * Registers the licence of a case the caller holds locked (review's `caseByNumber(…, true)`) and found
 * approved; trigger licences_case_approved (080) refuses a case that is not approved for any writer.
 * Null when the case already has a licence.
 */
export async function insertLicence(q: Queryable, row: { caseId: string; name: string; copies: string; issuedAt: Date; issuedBy: string }) {
  const { rows } = await q.query<{ id: string }>(
    `insert into licences (case_id, name, copies, issued_at, issued_by) values ($1, $2, $3, $4, $5)
     on conflict (case_id) do nothing returning id`,
    [row.caseId, row.name, row.copies, row.issuedAt, row.issuedBy],
  )
  return rows[0]?.id ?? null
}

export interface PendingCaseRow {
  case_number: string
  item_name: string
  result_licence: string
  licence_copies: string | null
  approved_at: Date
  applicant_name_enc: string | null
}

/**
 * 待出证: approved cases of a hall whose item yields a licence and that have none yet, oldest decision
 * first; `caseNumber` narrows to numbers containing it.
 */
export async function listPendingCases(q: Queryable, hallId: string, options: { caseNumber?: string; limit: number }) {
  const { rows } = await q.query<PendingCaseRow>(
    `select c.case_number, i.name as item_name, i.result_licence, i.licence_copies, c.approved_at, u.real_name_enc as applicant_name_enc
       from review_case_directory c join service_items i on i.id = c.item_id join users u on u.id = c.user_id
      where c.hall_id = $1 and c.approved and i.result_licence is not null
        and not exists (select 1 from licences l where l.case_id = c.case_id)
        and ($2::text is null or c.case_number ilike '%' || $2 || '%')
      order by c.approved_at, c.case_number
      limit $3`,
    [hallId, options.caseNumber ?? null, options.limit],
  )
  return rows
}

export const lockLicence = async (q: Queryable, licenceId: string) =>
  (await q.query<{ status: 'ready' | 'handed_over' }>('select status from licences where id = $1 for update', [licenceId])).rows[0] ?? null

export const handOverLicence = (q: Queryable, licenceId: string, now: Date) =>
  q.query(`update licences set status = 'handed_over', handed_over_at = $2 where id = $1 and status = 'ready'`, [licenceId, now])

export const findAuthorization = async (q: Queryable, id: string) =>
  (await q.query<AuthorizationRow>(`select ${AUTHORIZATION_COLUMNS} from authorizations a where a.id = $1`, [id])).rows[0] ?? null

export const liveAuthorizationOfLicence = async (q: Queryable, licenceId: string) =>
  (await q.query<AuthorizationRow>(`select ${AUTHORIZATION_COLUMNS} from authorizations a where a.licence_id = $1 and a.status <> 'expired'`, [licenceId]))
    .rows[0] ?? null

export const nextAuthorizationSequence = async (q: Queryable) =>
  (await q.query<{ n: number }>(`select nextval('authorization_number_seq')::int as n`)).rows[0].n

export interface NewAuthorization {
  id: string
  number: string
  licenceId: string
  caseId: string
  userId: string
  hallId: string
  method: PickupMethod
  status: AuthorizationStatus
  validUntil: string
  agentIdIndex: string | null
  now: Date
}

export const insertAuthorization = (q: Queryable, a: NewAuthorization) =>
  q.query(
    `insert into authorizations (id, number, licence_id, case_id, user_id, hall_id, method, status, valid_until, agent_id_index, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
    [a.id, a.number, a.licenceId, a.caseId, a.userId, a.hallId, a.method, a.status, a.validUntil, a.agentIdIndex, a.now],
  )

/**
 * Moves an authorization from one status to the next; null when it was no longer in `from` (someone
 * else acted first), or, when verifying the agent, when it already was verified.
 */
export async function transition(
  q: Queryable,
  id: string,
  from: AuthorizationStatus[],
  to: AuthorizationStatus,
  now: Date,
  set: { emsNumber?: string; agentVerified?: boolean } = {},
) {
  const { rows } = await q.query<AuthorizationRow>(
    `update authorizations a set status = $3, updated_at = $4,
            ems_number = coalesce($5, a.ems_number),
            agent_verified_at = case when $6 then coalesce(a.agent_verified_at, $4) else a.agent_verified_at end
      where a.id = $1 and a.status = any($2::text[]) and (not $6 or a.agent_verified_at is null)
      returning ${AUTHORIZATION_COLUMNS}`,
    [id, from, to, now, set.emsNumber ?? null, set.agentVerified ?? false],
  )
  return rows[0] ?? null
}

/** Live authorizations whose last valid day is before `today`, moved to expired; returns those it moved. */
export async function expireOverdue(q: Queryable, today: string, now: Date) {
  const { rows } = await q.query<AuthorizationRow>(
    `update authorizations a set status = 'expired', updated_at = $2
      where a.status in ('awaiting_shipment', 'awaiting_pickup') and a.valid_until < $1::date
      returning ${AUTHORIZATION_COLUMNS}`,
    [today, now],
  )
  return rows
}

export interface RecordRow {
  authorization_id: string
  data_enc: string
  signature_png_enc: string
  pdf_enc: string
  data_sha256: string
  signature_sha256: string
  pdf_sha256: string
  digest: string
  server_signature: string
  key_fingerprint: string
  signed_at: Date
}

export const insertRecord = (q: Queryable, r: RecordRow) =>
  q.query(
    `insert into authorization_records (authorization_id, data_enc, signature_png_enc, pdf_enc, data_sha256, signature_sha256, pdf_sha256,
                                        digest, server_signature, key_fingerprint, signed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      r.authorization_id,
      r.data_enc,
      r.signature_png_enc,
      r.pdf_enc,
      r.data_sha256,
      r.signature_sha256,
      r.pdf_sha256,
      r.digest,
      r.server_signature,
      r.key_fingerprint,
      r.signed_at,
    ],
  )

export const findRecord = async (q: Queryable, authorizationId: string) =>
  (await q.query<RecordRow>('select * from authorization_records where authorization_id = $1', [authorizationId])).rows[0] ?? null

export type EventKind = 'signed' | 'shipped' | 'transit' | 'delivered' | 'agent_verified' | 'collected' | 'expired'

export interface EventRow {
  id: number
  kind: EventKind
  note: string | null
  created_at: Date
}

export async function insertEvent(q: Queryable, e: { authorizationId: string; kind: EventKind; note?: string | null; actor: string | null; now: Date }) {
  const { rows } = await q.query<{ id: number }>(
    `insert into authorization_events (authorization_id, kind, note, actor_user_id, created_at) values ($1, $2, $3, $4, $5) returning id`,
    [e.authorizationId, e.kind, e.note ?? null, e.actor, e.now],
  )
  return rows[0].id
}

export const listEvents = async (q: Queryable, authorizationId: string) =>
  (await q.query<EventRow>('select id, kind, note, created_at from authorization_events where authorization_id = $1 order by id', [authorizationId])).rows

export interface AddressRow {
  id: string
  recipient_enc: string
  phone_enc: string
  province_code: string
  city_code: string
  district_code: string
  address_enc: string
}

const ADDRESS_COLUMNS = 'id, recipient_enc, phone_enc, province_code, city_code, district_code, address_enc'

export const listAddresses = async (q: Queryable, userId: string) =>
  (await q.query<AddressRow>(`select ${ADDRESS_COLUMNS} from pickup_addresses where user_id = $1 order by last_used_at desc limit 10`, [userId])).rows

export const findAddress = async (q: Queryable, userId: string, id: string) =>
  (await q.query<AddressRow>(`select ${ADDRESS_COLUMNS} from pickup_addresses where id = $1 and user_id = $2`, [id, userId])).rows[0] ?? null

/** Every remembered address, locked: the blind-index rotation recomputes their fingerprints. */
export const lockAllAddresses = async (q: Queryable) => (await q.query<AddressRow>(`select ${ADDRESS_COLUMNS} from pickup_addresses for update`)).rows

export const setAddressFingerprint = (q: Queryable, id: string, fingerprint: string) =>
  q.query('update pickup_addresses set fingerprint = $2 where id = $1', [id, fingerprint])

export const rememberAddress = (
  q: Queryable,
  a: {
    userId: string
    fingerprint: string
    recipientEnc: string
    phoneEnc: string
    provinceCode: string
    cityCode: string
    districtCode: string
    addressEnc: string
    now: Date
  },
) =>
  q.query(
    `insert into pickup_addresses (user_id, fingerprint, recipient_enc, phone_enc, province_code, city_code, district_code, address_enc, last_used_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (user_id, fingerprint) do update set last_used_at = excluded.last_used_at`,
    [a.userId, a.fingerprint, a.recipientEnc, a.phoneEnc, a.provinceCode, a.cityCode, a.districtCode, a.addressEnc, a.now],
  )

export const touchAddress = (q: Queryable, id: string, now: Date) => q.query('update pickup_addresses set last_used_at = $2 where id = $1', [id, now])

export const deleteAddress = async (q: Queryable, userId: string, id: string) =>
  (await q.query('delete from pickup_addresses where id = $1 and user_id = $2', [id, userId])).rowCount > 0

/** Agent pickups still waiting at the hall: their agent index cannot be recomputed (blind-index rotation). */
export const countPendingAgentPickups = async (q: Queryable) =>
  (await q.query<{ n: number }>(`select count(*)::int as n from authorizations where method = 'agent' and status = 'awaiting_pickup'`)).rows[0].n

export const idNumberIndexOf = async (q: Queryable, userId: string) =>
  (await q.query<{ id_number_index: string | null }>('select id_number_index from users where id = $1', [userId])).rows[0]?.id_number_index ?? null

/**
 * Claims the shipped parcel asked about longest ago, if it was last asked before `dueBefore`: its check time is
 * set to `now` in the same statement, so two pollers never ask about one parcel at once.
 */
export const claimDueParcel = async (q: Queryable, now: Date, dueBefore: Date) =>
  (
    await q.query<AuthorizationRow>(
      `update authorizations a set tracking_checked_at = $1
        where a.id = (select id from authorizations
                       where status = 'shipped' and ems_number is not null and (tracking_checked_at is null or tracking_checked_at < $2)
                       order by tracking_checked_at nulls first, updated_at limit 1 for update skip locked)
        returning ${AUTHORIZATION_COLUMNS}`,
      [now, dueBefore],
    )
  ).rows[0] ?? null

/** A carrier's scan as stored: its text sealed. */
export type NewTrackingEvent = Omit<ParcelEvent, 'description'> & { descriptionEnc: string }

/** Stores the scans not stored yet (the unique key decides); returns how many were new. */
export async function insertTrackingEvents(q: Queryable, authorizationId: string, waybillNo: string, events: NewTrackingEvent[], now: Date) {
  let inserted = 0
  for (const e of events) {
    const result = await q.query(
      `insert into ems_tracking_events (authorization_id, waybill_no, op_code, op_name, op_time, org_code, org_city, org_name, description_enc, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (authorization_id, op_code, op_time, org_code) do nothing`,
      [authorizationId, waybillNo, e.opCode, e.opName, e.opTime, e.orgCode, e.orgCity, e.orgName, e.descriptionEnc, now],
    )
    inserted += result.rowCount
  }
  return inserted
}

export interface TrackingEventRow {
  op_code: string
  op_name: string
  op_time: Date
  org_city: string | null
  org_name: string | null
  description_enc: string
}

export const listTrackingEvents = async (q: Queryable, authorizationId: string) =>
  (
    await q.query<TrackingEventRow>(
      `select op_code, op_name, op_time, org_city, org_name, description_enc from ems_tracking_events
        where authorization_id = $1 order by op_time desc, id desc`,
      [authorizationId],
    )
  ).rows
