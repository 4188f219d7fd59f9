import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { conflict } from '../../core/errors'
import { maskName } from '../../../src/domain/mask'
import { AUTHORIZATION_STATUS_LABELS, fullAddress, type AuthorizationDocument, type PickupMethod } from '../../../src/domain/pickup-authorization'
import { pickupCode, pickupQrDataUrl } from './pickup-code'
import * as repo from './repository'
import type { AuthorizationView, ClerkAuthorizationView, LicenceView, PendingCaseView } from './schemas'

/**
 * Everything the principal signed, sealed as one canonical JSON in authorization_records. The document
 * is what the text shows (IDs and phones masked); `contact` keeps what the hall needs to act on it.
 */
export interface SignedData {
  v: 1
  authorizationId: string
  number: string
  userId: string
  caseId: string
  licenceId: string
  hallId: string
  method: PickupMethod
  validUntil: string
  signedAt: string
  agentIdIndex: string | null
  document: AuthorizationDocument
  contact: { recipientPhone: string } | { agentPhone: string }
}

const ALTERED_MESSAGE = '该委托书记录校验未通过，可能已被改动，请联系服务中心'

/** The signed data of an authorization; a record that no longer decrypts is reported, not shown. */
export async function readSignedData(ctx: Pick<AppContext, 'keys'>, q: Queryable, authorizationId: string): Promise<SignedData> {
  const record = await repo.findRecord(q, authorizationId)
  try {
    if (!record) throw new Error('missing record')
    return JSON.parse(ctx.keys.cipher.decrypt(record.data_enc)) as SignedData
  } catch {
    throw conflict('RECORD_ALTERED', ALTERED_MESSAGE)
  }
}

const EVENT_LABELS: Record<repo.EventKind, string> = {
  signed: '委托人已签署取件委托书',
  shipped: '证照已交邮政EMS寄出',
  transit: '寄递进度',
  delivered: '收件人已签收',
  agent_verified: '窗口已核验代领人身份',
  collected: '代领人已领取证照',
  expired: '委托已过有效期',
}

const eventViews = (events: repo.EventRow[]) => events.map((e) => ({ kind: e.kind, label: EVENT_LABELS[e.kind], note: e.note, at: e.created_at.toISOString() }))

function baseView(row: repo.AuthorizationRow, data: SignedData, events: repo.EventRow[]) {
  return {
    id: row.id,
    number: row.number,
    method: row.method,
    status: row.status,
    statusLabel: AUTHORIZATION_STATUS_LABELS[row.status],
    validUntil: row.valid_until,
    signedAt: data.signedAt,
    emsNumber: row.ems_number,
    agentVerified: row.agent_verified_at !== null,
    document: data.document,
    events: eventViews(events),
  }
}

export async function principalView(ctx: Pick<AppContext, 'keys'>, q: Queryable, row: repo.AuthorizationRow): Promise<AuthorizationView> {
  const data = await readSignedData(ctx, q, row.id)
  const showCode = row.method === 'agent' && row.status === 'awaiting_pickup'
  const code = showCode ? pickupCode(ctx.keys, row.id) : null
  return { ...baseView(row, data, await repo.listEvents(q, row.id)), pickupCode: code, pickupQr: code ? await pickupQrDataUrl(code) : null }
}

export async function clerkView(ctx: Pick<AppContext, 'keys'>, q: Queryable, row: repo.AuthorizationRow): Promise<ClerkAuthorizationView> {
  const data = await readSignedData(ctx, q, row.id)
  const method = data.document.method
  return {
    ...baseView(row, data, await repo.listEvents(q, row.id)),
    shipping:
      method.kind === 'ems' && 'recipientPhone' in data.contact
        ? { recipient: method.recipient, phone: data.contact.recipientPhone, address: fullAddress(method) }
        : null,
  }
}

const applicantNameMasked = (ctx: Pick<AppContext, 'keys'>, nameEnc: string | null) => (nameEnc ? maskName(ctx.keys.cipher.decrypt(nameEnc)) : '未实名')

/** A case in 待出证: what the clerk needs to recognise it and what the registration will record. */
export function pendingView(ctx: Pick<AppContext, 'keys'>, row: repo.PendingCaseRow): PendingCaseView {
  return {
    caseNumber: row.case_number,
    itemName: row.item_name,
    licenceName: row.result_licence,
    copies: row.licence_copies ?? '1份',
    applicantNameMasked: applicantNameMasked(ctx, row.applicant_name_enc),
    approvedAt: row.approved_at.toISOString(),
  }
}

export function licenceView(ctx: Pick<AppContext, 'keys'>, row: repo.LicenceWithAuthorization): LicenceView {
  const a = row.authorization
  return {
    id: row.id,
    caseNumber: row.case_number,
    itemName: row.item_name,
    hallId: row.hall_id,
    hallName: row.hall_name,
    licenceName: row.name,
    copies: row.copies,
    issuedAt: row.issued_at.toISOString(),
    status: row.status,
    applicantNameMasked: applicantNameMasked(ctx, row.applicant_name_enc),
    authorization: a
      ? {
          id: a.id,
          number: a.number,
          method: a.method,
          status: a.status,
          statusLabel: AUTHORIZATION_STATUS_LABELS[a.status],
          validUntil: a.valid_until,
          emsNumber: a.ems_number,
          createdAt: a.created_at.toISOString(),
        }
      : null,
  }
}
