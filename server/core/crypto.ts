import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Personal data at rest (PIPL): AES-256-GCM with a key ring so keys can rotate,
 * plus HMAC "blind indexes" so an encrypted value can still be looked up by equality.
 */
export interface PersonalDataCipher {
  encrypt(plain: string): string
  decrypt(sealed: string): string
  /** Deterministic lookup token for equality search; reveals nothing without the key. */
  blindIndex(plain: string): string
}

const ALGORITHM = 'aes-256-gcm'

export function createCipher(keyRing: { current: { id: string; key: Buffer }; previous?: { id: string; key: Buffer }[] }): PersonalDataCipher {
  const keys = new Map([[keyRing.current.id, keyRing.current.key], ...(keyRing.previous ?? []).map((k) => [k.id, k.key] as const)])
  // The index key is derived from the first key ever used so indexes survive a rotation of the encryption key.
  const indexKey = Buffer.from(crypto.hkdfSync('sha256', keyRing.previous?.at(-1)?.key ?? keyRing.current.key, 'onetrip', 'blind-index', 32))
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12)
      const cipher = crypto.createCipheriv(ALGORITHM, keyRing.current.key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [keyRing.current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':')
    },
    decrypt(sealed) {
      const [keyId, iv, tag, body] = sealed.split(':')
      const key = keys.get(keyId)
      if (!key || !iv || !tag || body === undefined) throw new Error('unreadable sealed value')
      const decipher = crypto.createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
    },
    blindIndex(plain) {
      return crypto.createHmac('sha256', indexKey).update(plain).digest('base64url')
    },
  }
}

export interface ServerKeys {
  cipher: PersonalDataCipher
  /** Ed25519 key that signs documents (authorizations); its public half verifies them. */
  signingKey: crypto.KeyObject
  verifyKey: crypto.KeyObject
}

function readOrCreate(file: string, create: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const value = create()
  fs.writeFileSync(file, value + '\n', { mode: 0o600 })
  return value
}

/**
 * Keys come from configuration (DATA_KEY, DATA_KEY_PREVIOUS, SIGNING_KEY_PEM). Outside production a
 * missing key is generated once into the data directory so a fresh clone runs with no setup.
 */
export function loadServerKeys(options: { dataDir: string; env?: NodeJS.ProcessEnv }): ServerKeys {
  const env = options.env ?? process.env
  const keyFile = path.join(options.dataDir, 'keys', 'data.key')
  const currentB64 = env.DATA_KEY || readOrCreate(keyFile, () => crypto.randomBytes(32).toString('base64'))
  const current = Buffer.from(currentB64, 'base64')
  if (current.length !== 32) throw new Error('DATA_KEY must be 32 bytes, base64')
  const previous = (env.DATA_KEY_PREVIOUS ?? '')
    .split(',')
    .filter(Boolean)
    .map((b64) => ({ id: keyId(Buffer.from(b64, 'base64')), key: Buffer.from(b64, 'base64') }))
  const signingPem =
    env.SIGNING_KEY_PEM ||
    readOrCreate(path.join(options.dataDir, 'keys', 'signing.pem'), () =>
      crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    )
  const signingKey = crypto.createPrivateKey(signingPem)
  return {
    cipher: createCipher({ current: { id: keyId(current), key: current }, previous }),
    signingKey,
    verifyKey: crypto.createPublicKey(signingKey),
  }
}

function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8)
}

export const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

/** Opaque session / QR tokens: 256 random bits. */
export const randomToken = () => crypto.randomBytes(32).toString('base64url')
