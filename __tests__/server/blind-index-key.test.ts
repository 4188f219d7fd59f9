import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { api, citizen, nextPhone, staffLogin } from './harness'
import { startReviewServer } from './review-helpers'
import { caseWithLicence, EMS_ADDRESS, signaturePng, TIANFU_CLERK } from './pickup-helpers'
import { loadConfig } from '../../server/config'
import { rotateBlindIndex } from '../../server/blind-index'
import { createCipher, keyId, legacyBlindIndexKey, loadServerKeys, type KeyRing } from '../../server/core/crypto'
import { addressFingerprint } from '../../server/modules/pickup/address-fingerprint'
import { currentLoginAgreement } from '../../src/domain/legal'

/**
 * Finding 14 of 2026-12: the blind-index key was derived from the oldest data key, so retiring that key
 * broke every look-up (phone → user, ID-number uniqueness, agent check). It now has its own key.
 */
jest.setTimeout(180_000)

const b64 = () => crypto.randomBytes(32).toString('base64')
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-index-'))
const ring = (current: string, ...previous: string[]): KeyRing => {
  const entry = (k: string) => ({ id: keyId(Buffer.from(k, 'base64')), key: Buffer.from(k, 'base64') })
  return { current: entry(current), previous: previous.map(entry) }
}

describe('the blind-index key', () => {
  it('keeps look-ups working when the oldest data key is retired', () => {
    const [oldKey, newKey, indexKey] = [b64(), b64(), b64()]
    const dir = tempDir()
    const rotating = loadServerKeys({ dataDir: dir, env: { DATA_KEY: newKey, DATA_KEY_PREVIOUS: oldKey, BLIND_INDEX_KEY: indexKey } })
    const retired = loadServerKeys({ dataDir: dir, env: { DATA_KEY: newKey, BLIND_INDEX_KEY: indexKey } })
    expect(retired.cipher.blindIndex('phone:13800000001')).toBe(rotating.cipher.blindIndex('phone:13800000001'))
    // The old derivation changed as soon as the oldest key left the ring.
    expect(createCipher(ring(newKey)).blindIndex('phone:13800000001')).not.toBe(createCipher(ring(newKey, oldKey)).blindIndex('phone:13800000001'))
  })

  it('is generated into DATA_DIR/keys outside production: random in a fresh directory, the old derivation where data already exists', () => {
    const fresh = tempDir()
    const keys = loadServerKeys({ dataDir: fresh, env: {} })
    const stored = fs.readFileSync(path.join(fresh, 'keys', 'blind-index.key'), 'utf8').trim()
    expect(Buffer.from(stored, 'base64')).toHaveLength(32)
    expect((fs.statSync(path.join(fresh, 'keys', 'blind-index.key')).mode & 0o777).toString(8)).toBe('600')
    const dataKey = fs.readFileSync(path.join(fresh, 'keys', 'data.key'), 'utf8').trim()
    expect(stored).not.toBe(legacyBlindIndexKey(ring(dataKey)).toString('base64'))
    expect(keys.cipher.blindIndex('x')).toBe(createCipher(ring(dataKey), Buffer.from(stored, 'base64')).blindIndex('x'))

    // A directory from before this key existed: its indexes were made with the derived key, which it keeps.
    const existing = tempDir()
    const oldDataKey = b64()
    fs.mkdirSync(path.join(existing, 'keys'))
    fs.writeFileSync(path.join(existing, 'keys', 'data.key'), `${oldDataKey}\n`)
    const before = createCipher(ring(oldDataKey)).blindIndex('phone:13800000001')
    expect(loadServerKeys({ dataDir: existing, env: {} }).cipher.blindIndex('phone:13800000001')).toBe(before)
  })

  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY: b64() })).toThrow(/BLIND_INDEX_KEY must be set in production/)
  })
})

describe('rotating the blind-index key', () => {
  it('recomputes every index from the decrypted values: logins, SMS limits, ID numbers and remembered addresses keep working', async () => {
    const s = await startReviewServer()
    try {
      const { server } = s
      const phone = nextPhone()
      const token = await citizen(server)
      const me = (await api(server, token).get('/api/v1/me')).json()
      const caseNumber = await caseWithLicence(server, token, await staffLogin(server, TIANFU_CLERK))
      const signed = await api(server, token).post('/api/v1/authorizations', {
        caseNumber,
        method: 'ems',
        address: { ...EMS_ADDRESS, remember: true },
        signaturePng: await signaturePng(),
      })
      expect(signed.statusCode).toBe(201)
      // A login code sent before the rotation, used after it.
      await api(server).post('/api/v1/auth/sms/login', {
        agreed: currentLoginAgreement(),
        phone,
        code: (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode,
      })
      server.clock.advance(61_000)
      const pending = (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode as string
      const userOf = async (p: string) =>
        (await server.db.query<{ id: string }>('select id from users where phone_index = $1', [server.runtime.keys.cipher.blindIndex(`phone:${p}`)])).rows[0]
          ?.id

      const before = await userOf(phone)
      const oldCipher = server.runtime.keys.cipher
      const newKeys = loadServerKeys({ dataDir: s.dataDir, env: { BLIND_INDEX_KEY: b64() } })
      const report = await rotateBlindIndex(server.db, newKeys.cipher)
      expect(report.addresses).toBe(1)
      expect(report.smsCodesKept).toBeGreaterThan(0)
      server.runtime.keys.cipher = newKeys.cipher

      // The old key finds nothing any more; the new one finds everyone.
      const { rows } = await server.db.query<{ phone_index: string; id_number_index: string | null; id_number_enc: string | null }>(
        'select phone_index, id_number_index, id_number_enc from users where id = $1',
        [me.id],
      )
      const idNumber = oldCipher.decrypt(rows[0].id_number_enc!)
      expect(rows[0].id_number_index).toBe(newKeys.cipher.blindIndex(`id:${idNumber}`))
      expect(rows[0].id_number_index).not.toBe(oldCipher.blindIndex(`id:${idNumber}`))
      expect(await userOf(phone)).toBe(before)
      // A code is hashed with the phone's index: one sent before the rotation is asked for again, and the
      // moved row still holds the resend interval.
      expect((await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: pending })).statusCode).toBe(400)
      expect((await api(server).post('/api/v1/auth/sms/send', { phone })).statusCode).toBe(429)
      server.clock.advance(61_000)
      const fresh = (await api(server).post('/api/v1/auth/sms/send', { phone })).json().devCode as string
      const login = await api(server).post('/api/v1/auth/sms/login', { agreed: currentLoginAgreement(), phone, code: fresh })
      expect(login.statusCode).toBe(200)
      expect((await api(server, login.json().token).get('/api/v1/me')).json().id).toBe(before)
      const address = (await server.db.query<{ fingerprint: string }>('select fingerprint from pickup_addresses')).rows[0]
      const { remember: _remember, ...fields } = { ...EMS_ADDRESS, remember: true }
      expect(address.fingerprint).toBe(addressFingerprint(newKeys.cipher, fields))
    } finally {
      await s.close()
    }
  })

  it('is refused while an agent pickup is pending (its index cannot be recomputed)', async () => {
    const s = await startReviewServer()
    try {
      const { server } = s
      const token = await citizen(server)
      const caseNumber = await caseWithLicence(server, token, await staffLogin(server, TIANFU_CLERK))
      const agent = { name: '李四', idNumber: '11010519491231002X', phone: '13912345678' }
      const signed = await api(server, token).post('/api/v1/authorizations', { caseNumber, method: 'agent', agent, signaturePng: await signaturePng() })
      expect(signed.statusCode).toBe(201)
      await expect(rotateBlindIndex(server.db, loadServerKeys({ dataDir: s.dataDir, env: { BLIND_INDEX_KEY: b64() } }).cipher)).rejects.toThrow(
        /agent pickups are pending/,
      )
    } finally {
      await s.close()
    }
  })
})
