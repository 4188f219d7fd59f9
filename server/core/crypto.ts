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
  /** Id of the current data key: the prefix (before the first ':') of what `encrypt` returns now. */
  currentKeyId: string
}

const ALGORITHM = 'aes-256-gcm'

export interface KeyRing {
  current: { id: string; key: Buffer }
  previous?: { id: string; key: Buffer }[]
}

const ringMap = (keyRing: KeyRing) => new Map([[keyRing.current.id, keyRing.current.key], ...(keyRing.previous ?? []).map((k) => [k.id, k.key] as const)])

/**
 * The blind-index key older deployments used: HKDF of the oldest key in the data-key ring. Only used to
 * carry existing indexes over to their own BLIND_INDEX_KEY (see loadServerKeys and docs/security.md).
 */
export function legacyBlindIndexKey(keyRing: KeyRing): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', keyRing.previous?.at(-1)?.key ?? keyRing.current.key, 'onetrip', 'blind-index', 32))
}

/**
 * `indexKey` is the blind-index key (BLIND_INDEX_KEY); without it the legacy derivation from the data keys
 * is used, which breaks look-ups once the oldest data key is retired.
 */
export function createCipher(keyRing: KeyRing, indexKey: Buffer = legacyBlindIndexKey(keyRing)): PersonalDataCipher {
  const keys = ringMap(keyRing)
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
    currentKeyId: keyRing.current.id,
  }
}

/** Wrapped file key: data-key id (8 ASCII hex) | IV (12) | GCM tag (16) | encrypted 32-byte key. */
export const WRAPPED_FILE_KEY_BYTES = 8 + 12 + 16 + 32
const FILE_KEY_AAD = Buffer.from('onetrip-file-key')

/** Per-file keys (uploads, stored documents) wrapped by the data key ring, so rotation only rewraps 68 bytes per file. */
export interface FileKeyWrapper {
  currentKeyId: string
  wrap(fileKey: Buffer): Buffer
  unwrap(wrapped: Buffer): Buffer
  /** The key id a wrapped key was made with. */
  keyIdOf(wrapped: Buffer): string
}

export function createFileKeyWrapper(keyRing: KeyRing): FileKeyWrapper {
  const keys = ringMap(keyRing)
  return {
    currentKeyId: keyRing.current.id,
    wrap(fileKey) {
      if (fileKey.length !== 32) throw new Error('file keys are 32 bytes')
      const iv = crypto.randomBytes(12)
      const cipher = crypto.createCipheriv(ALGORITHM, keyRing.current.key, iv).setAAD(FILE_KEY_AAD)
      const body = Buffer.concat([cipher.update(fileKey), cipher.final()])
      return Buffer.concat([Buffer.from(keyRing.current.id, 'latin1'), iv, cipher.getAuthTag(), body])
    },
    unwrap(wrapped) {
      const key = wrapped.length === WRAPPED_FILE_KEY_BYTES ? keys.get(this.keyIdOf(wrapped)) : undefined
      if (!key) throw new Error('file key wrapped by an unknown data key')
      const decipher = crypto.createDecipheriv(ALGORITHM, key, wrapped.subarray(8, 20)).setAAD(FILE_KEY_AAD)
      decipher.setAuthTag(wrapped.subarray(20, 36))
      return Buffer.concat([decipher.update(wrapped.subarray(36)), decipher.final()])
    },
    keyIdOf: (wrapped) => wrapped.subarray(0, 8).toString('latin1'),
  }
}

export interface ServerKeys {
  cipher: PersonalDataCipher
  /** Wraps the per-file keys of files at rest (same ring as `cipher`). */
  files: FileKeyWrapper
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
export function loadServerKeys(options: { dataDir: string; env?: Record<string, string | undefined> }): ServerKeys {
  const env = options.env ?? process.env
  const keyFile = path.join(options.dataDir, 'keys', 'data.key')
  const keyFileExisted = fs.existsSync(keyFile)
  const currentB64 = env.DATA_KEY || readOrCreate(keyFile, () => crypto.randomBytes(32).toString('base64'))
  const current = Buffer.from(currentB64, 'base64')
  if (current.length !== 32) throw new Error('DATA_KEY must be 32 bytes, base64')
  const previous = (env.DATA_KEY_PREVIOUS ?? '')
    .split(',')
    .filter(Boolean)
    .map((b64) => ({ id: keyId(Buffer.from(b64, 'base64')), key: Buffer.from(b64, 'base64') }))
  const ring: KeyRing = { current: { id: keyId(current), key: current }, previous }
  // The blind index has its own key. Outside production it is generated once into the data directory —
  // as the key the indexes already in this directory were made with (the legacy derivation) when a data
  // key existed before it, so existing look-ups keep working; a fresh directory gets a random key.
  const indexFile = path.join(options.dataDir, 'keys', 'blind-index.key')
  const hadDataKey = Boolean(env.DATA_KEY) || keyFileExisted
  const indexB64 = env.BLIND_INDEX_KEY || readOrCreate(indexFile, () => (hadDataKey ? legacyBlindIndexKey(ring) : crypto.randomBytes(32)).toString('base64'))
  const indexKey = Buffer.from(indexB64, 'base64')
  if (indexKey.length !== 32) throw new Error('BLIND_INDEX_KEY must be 32 bytes, base64')
  const signingPem =
    env.SIGNING_KEY_PEM ||
    readOrCreate(path.join(options.dataDir, 'keys', 'signing.pem'), () =>
      crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    )
  const signingKey = crypto.createPrivateKey(signingPem)
  return {
    cipher: createCipher(ring, indexKey),
    files: createFileKeyWrapper(ring),
    signingKey,
    verifyKey: crypto.createPublicKey(signingKey),
  }
}

export function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8)
}

export const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

/** Opaque session / QR tokens: 256 random bits. */
export const randomToken = () => crypto.randomBytes(32).toString('base64url')
