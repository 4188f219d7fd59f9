import crypto from 'node:crypto'
import QRCode from 'qrcode'
import type { ServerKeys } from '../../core/crypto'

/**
 * The code the agent shows at the window: the authorization id signed with the server's Ed25519 key.
 * It carries no personal data; the clerk still checks the agent's ID number against the authorization.
 */
const PREFIX = 'OTPK1'
const signedText = (authorizationId: string) => `onetrip:pickup:${authorizationId}`

export function pickupCode(keys: Pick<ServerKeys, 'signingKey'>, authorizationId: string): string {
  const signature = crypto.sign(null, Buffer.from(signedText(authorizationId)), keys.signingKey).toString('base64url')
  return `${PREFIX}.${authorizationId}.${signature}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The authorization id of a genuine code, or null for anything forged, altered or mistyped. */
export function readPickupCode(keys: Pick<ServerKeys, 'verifyKey'>, code: string): string | null {
  const [prefix, id, signature, ...rest] = code.trim().split('.')
  if (prefix !== PREFIX || !id || !UUID.test(id) || !signature || rest.length) return null
  try {
    return crypto.verify(null, Buffer.from(signedText(id)), keys.verifyKey, Buffer.from(signature, 'base64url')) ? id : null
  } catch {
    return null
  }
}

/** A PNG data URL the app shows as an <Image>; the QR library stays out of the client bundle. */
export const pickupQrDataUrl = (code: string) => QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, scale: 6 })
