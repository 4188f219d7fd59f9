import crypto from 'node:crypto'
import type { ServerKeys } from '../../core/crypto'

/** The hall's check-in QR changes this often; a code scanned just before a change still works (previous window accepted). */
export const CHECKIN_ROTATE_MS = 5 * 60_000

const derivedKeys = new WeakMap<ServerKeys, Buffer>()

/** An HMAC key of its own, derived from the server's signing key, so every instance derives the same one. */
function checkinKey(keys: ServerKeys): Buffer {
  let key = derivedKeys.get(keys)
  if (!key) {
    const secret = keys.signingKey.export({ type: 'pkcs8', format: 'der' })
    key = Buffer.from(crypto.hkdfSync('sha256', secret, 'onetrip', 'queue-checkin-qr', 32))
    derivedKeys.set(keys, key)
  }
  return key
}

const mac = (keys: ServerKeys, hallId: string, slot: number) =>
  crypto.createHmac('sha256', checkinKey(keys)).update(`${hallId}:${slot}`).digest('base64url').slice(0, 22)

const slotOf = (now: Date) => Math.floor(now.getTime() / CHECKIN_ROTATE_MS)

/**
 * The token the hall screen shows right now, and when it stops being current: `<hallId>.<slot>.<mac>`, where
 * `slot` is the number of the CHECKIN_ROTATE_MS period since the epoch in base 36 and `mac` the first 22
 * base64url characters of HMAC-SHA256(`<hallId>:<slot>`) under the check-in key.
 */
export function currentCheckinToken(keys: ServerKeys, hallId: string, now: Date): { token: string; rotatesAt: Date } {
  const slot = slotOf(now)
  return { token: `${hallId}.${slot.toString(36)}.${mac(keys, hallId, slot)}`, rotatesAt: new Date((slot + 1) * CHECKIN_ROTATE_MS) }
}

/** True when `token` is this hall's current or previous check-in token. */
export function verifyCheckinToken(keys: ServerKeys, hallId: string, token: string, now: Date): boolean {
  const [tokenHall, slotText, given] = token.split('.')
  if (tokenHall !== hallId || !slotText || !given) return false
  const slot = parseInt(slotText, 36)
  const current = slotOf(now)
  if (slot !== current && slot !== current - 1) return false
  const expected = Buffer.from(mac(keys, hallId, slot))
  const actual = Buffer.from(given)
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected)
}
