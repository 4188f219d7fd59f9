import { idCardCheckChar } from '../../src/domain/id-card'
import { tencentFaceIdVerifier } from './identity-faceid'
import { parseEndpoint, requireSettings, timeoutSetting } from './provider-settings'
import type { TencentCloudSettings } from './tencent-cloud'

/**
 * How strongly a real-name binding was verified, weakest first:
 * - check_digit: the ID number is well-formed (GB 11643 check digit, real province, real birth date).
 *   Proves nothing about who the number belongs to; the development verifier gives only this.
 * - name_id_match: an authority (the public-security identity service) confirmed that this name and this
 *   ID number belong together. Proves the pair is real, not that the account holder is that person:
 *   anyone who knows someone's name and number passes.
 * - face_match: name_id_match plus a liveness face comparison against the authority's photo. Only the
 *   person themself passes.
 */
export const IDENTITY_STRENGTHS = ['check_digit', 'name_id_match', 'face_match'] as const
export type IdentityStrength = (typeof IDENTITY_STRENGTHS)[number]

/** A bound row without a recorded strength (bound before strengths were recorded) counts as the weakest. */
export const strengthRank = (strength: IdentityStrength | null) => IDENTITY_STRENGTHS.indexOf(strength ?? 'check_digit')

/**
 * Whether a new, verified claim on an ID number displaces the account it is bound to: only a real
 * verifier's answer (stronger than a check digit) displaces, and only one at least as strong as the
 * holder's. A check-digit-only binding therefore never displaces anyone, and a face-verified holder is
 * displaced only by another face verification — which only the person themself can pass.
 */
export const claimDisplaces = (claim: IdentityStrength, holder: IdentityStrength | null) =>
  claim !== 'check_digit' && strengthRank(claim) >= strengthRank(holder)

export type IdentityVerdict = 'match' | 'mismatch'

/** Checks a name + ID number pair against an authority (identity-faceid.ts; development: check digit only). */
export interface IdentityVerifier {
  /** Recorded with every binding it vouched for. */
  readonly id: string
  /** What a 'match' from this verifier proves. */
  readonly strength: IdentityStrength
  /**
   * 'match' or 'mismatch' when the authority answered; throws when it could not answer (network,
   * provider error). `signal` aborts when the caller stops waiting.
   */
  verify(input: { name: string; idNumber: string }, signal: AbortSignal): Promise<IdentityVerdict>
}

/**
 * Development only: accepts any well-formed ID number with any name. It verifies nothing about the
 * person, so its bindings are recorded as check_digit and never displace another account's binding;
 * production refuses to start with it (config.ts).
 */
export const checkDigitOnlyVerifier: IdentityVerifier = {
  id: 'check-digit-only',
  strength: 'check_digit',
  async verify({ idNumber }) {
    const normalized = idNumber.toUpperCase()
    return /^\d{17}[\dX]$/.test(normalized) && idCardCheckChar(normalized.slice(0, 17)) === normalized[17] ? 'match' : 'mismatch'
  },
}

export const IDENTITY_VERIFIER_KINDS = ['check-digit-only', 'tencent-faceid'] as const
export type IdentityVerifierKind = (typeof IDENTITY_VERIFIER_KINDS)[number]

export type IdentitySettings = { kind: 'check-digit-only' } | ({ kind: 'tencent-faceid' } & TencentCloudSettings)

/**
 * Reads IDENTITY_VERIFIER (default check-digit-only) and the provider's settings. Production refuses a
 * verifier that verifies nothing about the person.
 */
export function identitySettingsFrom(env: Record<string, string | undefined>, production: boolean): IdentitySettings {
  const kind = (env.IDENTITY_VERIFIER || 'check-digit-only') as IdentityVerifierKind
  if (!IDENTITY_VERIFIER_KINDS.includes(kind)) throw new Error(`IDENTITY_VERIFIER must be one of: ${IDENTITY_VERIFIER_KINDS.join(', ')}`)
  if (kind === 'check-digit-only') {
    if (production) {
      throw new Error(
        'IDENTITY_VERIFIER: production needs a real identity verification provider (tencent-faceid: name + ID number against the authority); ' +
          'check-digit-only verifies nothing about the person and is for development only',
      )
    }
    return { kind }
  }
  const s = requireSettings(env, `IDENTITY_VERIFIER=${kind}`, ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'])
  const endpoint = env.TENCENTCLOUD_FACEID_ENDPOINT || 'https://faceid.tencentcloudapi.com'
  parseEndpoint('TENCENTCLOUD_FACEID_ENDPOINT', endpoint)
  const timeoutMs = timeoutSetting(env, 'IDENTITY_TIMEOUT_MS', 8000)
  return {
    kind,
    secretId: s.TENCENTCLOUD_SECRET_ID,
    secretKey: s.TENCENTCLOUD_SECRET_KEY,
    region: env.TENCENTCLOUD_FACEID_REGION || 'ap-guangzhou',
    endpoint,
    timeoutMs,
  }
}

/** The verifier a configuration names. */
export function identityVerifierFor(settings: IdentitySettings): IdentityVerifier {
  switch (settings.kind) {
    case 'check-digit-only':
      return checkDigitOnlyVerifier
    case 'tencent-faceid':
      return tencentFaceIdVerifier(settings)
  }
}

/**
 * Asks the verifier, waiting at most `timeoutMs`. 'unavailable' when it threw or did not answer in
 * time; the caller binds nothing then.
 */
export async function verifyIdentity(
  verifier: IdentityVerifier,
  input: { name: string; idNumber: string },
  timeoutMs: number,
): Promise<IdentityVerdict | 'unavailable'> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'unavailable'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve('unavailable')
    }, timeoutMs)
  })
  try {
    const answer = verifier.verify(input, controller.signal).then(
      (verdict) => (verdict === 'match' || verdict === 'mismatch' ? verdict : ('unavailable' as const)),
      () => 'unavailable' as const,
    )
    return await Promise.race([answer, timeout])
  } finally {
    clearTimeout(timer)
  }
}
