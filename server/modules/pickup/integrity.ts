import crypto from 'node:crypto'
import { canonicalJson } from '../../core/canonical-json'
import { sha256Hex, type ServerKeys } from '../../core/crypto'

/**
 * Binds the signed content, the handwritten signature and the PDF into one record (电子签名法 13–14):
 * each part is hashed (SHA-256), the hashes and the signing time form an envelope whose digest the
 * server signs with its Ed25519 key. Changing any stored byte breaks a hash, the digest or the signature.
 */

export { canonicalJson }

export interface RecordHashes {
  dataSha256: string
  signatureSha256: string
  pdfSha256: string
}

export interface Envelope extends RecordHashes {
  authorizationId: string
  signedAt: Date
}

export const hashParts = (parts: { data: string; signaturePng: Buffer; pdf: Buffer }): RecordHashes => ({
  dataSha256: sha256Hex(parts.data),
  signatureSha256: sha256Hex(parts.signaturePng),
  pdfSha256: sha256Hex(parts.pdf),
})

export const envelopeDigest = (e: Envelope) =>
  sha256Hex(
    canonicalJson({
      v: 1,
      authorizationId: e.authorizationId,
      signedAt: e.signedAt.toISOString(),
      dataSha256: e.dataSha256,
      signatureSha256: e.signatureSha256,
      pdfSha256: e.pdfSha256,
    }),
  )

export const keyFingerprint = (verifyKey: crypto.KeyObject) => sha256Hex(verifyKey.export({ type: 'spki', format: 'der' })).slice(0, 16)

export function signDigest(keys: Pick<ServerKeys, 'signingKey' | 'verifyKey'>, digest: string) {
  return {
    serverSignature: crypto.sign(null, Buffer.from(digest, 'hex'), keys.signingKey).toString('base64'),
    keyFingerprint: keyFingerprint(keys.verifyKey),
  }
}

export function verifyDigest(keys: Pick<ServerKeys, 'verifyKey'>, digest: string, serverSignature: string): boolean {
  try {
    return crypto.verify(null, Buffer.from(digest, 'hex'), keys.verifyKey, Buffer.from(serverSignature, 'base64'))
  } catch {
    return false
  }
}
