import { audit } from '../../core/audit'
import type { AppContext } from '../../core/context'
import type { Queryable } from '../../core/db'
import { conflict } from '../../core/errors'
import { LEGAL_DOCUMENTS, LOGIN_DOCUMENTS, type ConsentChannel, type LegalDocument } from '../../../src/domain/legal'
import * as repo from './repository'

/**
 * Refuses what does not carry the current version of each document (an unticked box sends nothing; an app
 * built before the text changed sends an older version): 409 with the documents to read again.
 */
export function requireCurrentVersions(agreed: Partial<Record<LegalDocument, string>>, documents: readonly LegalDocument[]): void {
  const stale = documents.filter((document) => agreed[document] !== LEGAL_DOCUMENTS[document].version)
  if (stale.length) {
    throw conflict('CONSENT_OUTDATED', `${stale.map((d) => LEGAL_DOCUMENTS[d].title).join('和')}已更新，请阅读并勾选同意最新版本后再继续`)
  }
}

/** Records consent to the current version of each document; a consent already live is left as it was. */
export async function recordConsents(q: Queryable, userId: string, documents: readonly LegalDocument[], channel: ConsentChannel, at: Date): Promise<void> {
  for (const document of documents) await repo.insertConsent(q, { userId, document, version: LEGAL_DOCUMENTS[document].version, channel, at })
}

/**
 * The documents whose current version the person has not accepted (or withdrew): the login documents
 * always, the ID-number consent while an identity is bound.
 */
export async function consentsDue(q: Queryable, userId: string): Promise<LegalDocument[]> {
  const { live, identityBound } = await repo.liveConsents(q, userId)
  const needed: LegalDocument[] = identityBound ? [...LOGIN_DOCUMENTS, 'sensitive'] : [...LOGIN_DOCUMENTS]
  return needed.filter((document) => !live.some((c) => c.document === document && c.version === LEGAL_DOCUMENTS[document].version))
}

export async function consentList(q: Queryable, userId: string) {
  const records = await repo.consentRecords(q, userId)
  return {
    records: records.map((r) => ({
      id: r.id,
      document: r.document,
      title: LEGAL_DOCUMENTS[r.document].title,
      version: r.version,
      acceptedAt: r.accepted_at.toISOString(),
      channel: r.channel,
      withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
      current: r.version === LEGAL_DOCUMENTS[r.document].version,
    })),
    due: await consentsDue(q, userId),
  }
}

/** Agreeing again from inside the app, after a document changed (the app shows the `consentsDue` of /me). */
export async function acceptConsents(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string, accepted: { document: LegalDocument; version: string }[]) {
  const agreed = Object.fromEntries(accepted.map((a) => [a.document, a.version]))
  const documents = accepted.map((a) => a.document)
  requireCurrentVersions(agreed, documents)
  return ctx.db.tx(async (q) => {
    await recordConsents(q, userId, documents, 'in_app', ctx.clock.now())
    return consentList(q, userId)
  })
}

/**
 * Marks the person's live consent to `document` withdrawn (inside the caller's transaction); false when
 * there was none. The row stays: it proves what was consented to and until when.
 */
export async function markWithdrawn(q: Queryable, userId: string, document: LegalDocument, at: Date): Promise<boolean> {
  return (await repo.withdrawConsents(q, userId, document, at)) > 0
}

/**
 * Withdraws the separate consent to process the ID number (PIPL arts. 15, 29, 47): the account's identity
 * (name, ID number and its blind index, birth date, sex, verification) is removed; features that need a real
 * name ask for it again. The copies inside administrative records (submitted cases, signed authorizations,
 * name declarations) are kept for their legal periods — docs/security.md.
 */
export async function withdrawSensitiveConsent(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string) {
  const now = ctx.clock.now()
  return ctx.db.tx(async (q) => {
    await repo.lockUser(q, userId)
    const withdrawn = await markWithdrawn(q, userId, 'sensitive', now)
    const hadIdentity = await repo.clearIdentity(q, userId)
    if (!withdrawn && !hadIdentity) throw conflict('NO_CONSENT', '您没有可撤回的身份证号处理同意')
    await audit(q, {
      actor: userId,
      hallId: null,
      action: 'me.sensitive_consent_withdrawn',
      target: { kind: 'user', id: userId },
      detail: { identityRemoved: hadIdentity },
      at: now,
    })
    return consentList(q, userId)
  })
}
