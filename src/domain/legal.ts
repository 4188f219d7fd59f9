/**
 * The agreements a person accepts, and their current versions: the one place the app (what it shows and
 * sends) and the BFF (what it requires and records in consent_records) read them. Publishing a new text
 * means a new version here; the BFF then asks everyone whose last consent is older to agree again.
 */
export const LEGAL_DOCUMENTS = {
  terms: { version: 'terms-2026-12', title: '《用户服务协议》' },
  privacy: { version: 'privacy-2026-12', title: '《隐私政策》' },
  // PIPL art. 29: processing the ID number (sensitive personal information) needs its own, separate consent.
  sensitive: { version: 'sensitive-id-2026-12', title: '《敏感个人信息（身份证号）处理规则》' },
} as const

export type LegalDocument = keyof typeof LEGAL_DOCUMENTS

export const LEGAL_DOCUMENT_KEYS = ['terms', 'privacy', 'sensitive'] as const satisfies readonly LegalDocument[]

/** The two documents every sign-in accepts. */
export const LOGIN_DOCUMENTS = ['terms', 'privacy'] as const satisfies readonly LegalDocument[]

/** What a sign-in sends: the versions of the documents the person ticked. */
export const currentLoginAgreement = () => ({ terms: LEGAL_DOCUMENTS.terms.version, privacy: LEGAL_DOCUMENTS.privacy.version })

/** Where consent was given (consent_records.channel). */
export const CONSENT_CHANNELS = ['sms_login', 'wechat_login', 'real_name', 'in_app'] as const
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number]
