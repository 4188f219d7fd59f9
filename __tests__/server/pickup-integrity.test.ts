/**
 * The signed record (电子签名法 13–14, domain rules §6): the PDF renders Chinese text and the signature,
 * the record is append-only, and `verify` detects a change to any stored byte — PDF, data, signature
 * or the record row itself — as well as a status row that no longer matches what was signed.
 */
import sharp from 'sharp'
import { SIGNATURE_BOX } from '../../server/modules/pickup/pdf'
import { api, citizen, startTestServer, type TestServer } from './harness'
import { EMS_ADDRESS, caseWithLicence, clerk, darkPixelsIn, pdfPage1Png, pdfText, signaturePng } from './pickup-helpers'

let server: TestServer
let tianfuClerk: string
let signature: string

beforeAll(async () => {
  server = await startTestServer()
  tianfuClerk = await clerk(server)
  signature = await signaturePng()
}, 60_000)
afterAll(() => server.close())

async function signedEms() {
  const token = await citizen(server, { name: '王小明' })
  const caseNumber = await caseWithLicence(server, token, tianfuClerk)
  const answer = await api(server, token).post('/api/v1/authorizations', { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: signature })
  if (answer.statusCode !== 201) throw new Error(answer.body)
  return { token, caseNumber, id: answer.json().id as string, number: answer.json().number as string }
}

const verify = async (token: string, id: string) => (await api(server, token).get(`/api/v1/authorizations/${id}/verify`)).json()
const failedChecks = (v: { checks: { key: string; ok: boolean }[] }) => v.checks.filter((c) => !c.ok).map((c) => c.key)

/** What someone with write access to the database (but not the server's keys' use) would do. */
async function tamper(sql: string, params: unknown[]) {
  await server.db.query('alter table authorization_records disable trigger authorization_records_append_only')
  try {
    await server.db.query(sql, params)
  } finally {
    await server.db.query('alter table authorization_records enable trigger authorization_records_append_only')
  }
}

const record = async (id: string) =>
  (await server.db.query<Record<string, string>>('select * from authorization_records where authorization_id = $1', [id])).rows[0]

/** Flips one base64 character of a sealed value's ciphertext. */
const flipSealed = (sealed: string) => {
  const parts = sealed.split(':')
  const body = parts[3]
  parts[3] = body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6)
  return parts.join(':')
}

describe('the PDF', () => {
  it('is a real PDF with the Chinese text, the case number and the signature on page 1', async () => {
    const a = await signedEms()
    const answer = await api(server, a.token).get(`/api/v1/authorizations/${a.id}/pdf`)
    expect(answer.statusCode).toBe(200)
    expect(answer.headers['content-type']).toBe('application/pdf')
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="${a.number}.pdf"`)
    expect(answer.headers['cache-control']).toBe('private, no-store')
    const pdf = answer.rawPayload
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeLessThan(200 * 1024)

    const text = pdfText(pdf)
    expect(text).toContain('取件委托书')
    expect(text).toContain(a.caseNumber)
    expect(text).toContain(a.number)
    expect(text).toContain('王小明')
    expect(text.replace(/\s+/g, '')).toContain('授权收件人代为签收上述证照')

    const page = pdfPage1Png(pdf, 50)
    const stats = await sharp(page).stats()
    expect(stats.channels[0].stdev).toBeGreaterThan(5) // not a blank page
    const inSignatureBox = await darkPixelsIn(page, SIGNATURE_BOX)
    const inEmptyMargin = await darkPixelsIn(page, { ...SIGNATURE_BOX, x: 595 - 50 - 30, width: 30 })
    expect(inSignatureBox).toBeGreaterThan(60)
    expect(inEmptyMargin).toBe(0)
  })
})

describe('verify', () => {
  it('reports an untouched authorization intact, with the digest and the server key that signed it', async () => {
    const a = await signedEms()
    const v = await verify(a.token, a.id)
    expect(v).toMatchObject({ intact: true, number: a.number, signedAt: '2026-11-24T02:00:00.000Z', digest: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(v.checks.map((c: { key: string }) => c.key)).toEqual(['data', 'signature', 'pdf', 'record', 'server_signature', 'status_row'])
    expect(failedChecks(v)).toEqual([])
  })

  it('refuses to update, delete or truncate the signed record and its events (append-only)', async () => {
    const a = await signedEms()
    await expect(server.db.query(`update authorization_records set pdf_sha256 = 'x' where authorization_id = $1`, [a.id])).rejects.toThrow(/append-only/)
    await expect(server.db.query('delete from authorization_records where authorization_id = $1', [a.id])).rejects.toThrow(/append-only/)
    await expect(server.db.query('truncate authorization_records cascade')).rejects.toThrow(/append-only/)
    await expect(server.db.query(`update authorization_events set note = 'x' where authorization_id = $1`, [a.id])).rejects.toThrow(/append-only/)
    await expect(server.db.query('delete from authorization_events where authorization_id = $1', [a.id])).rejects.toThrow(/append-only/)
    expect((await verify(a.token, a.id)).intact).toBe(true)
  })

  it('detects one changed byte of the stored PDF — re-sealed with the server’s key, or in the ciphertext', async () => {
    const a = await signedEms()
    const { cipher } = server.runtime.keys
    const pdf = Buffer.from(cipher.decrypt((await record(a.id)).pdf_enc), 'base64')
    const at = pdf.indexOf('取件委托书') > 0 ? pdf.indexOf('取件委托书') : Math.floor(pdf.length / 2)
    pdf[at] ^= 0x01
    await tamper('update authorization_records set pdf_enc = $2 where authorization_id = $1', [a.id, cipher.encrypt(pdf.toString('base64'))])
    let v = await verify(a.token, a.id)
    expect(v.intact).toBe(false)
    expect(failedChecks(v)).toEqual(['pdf'])
    // The served file is the altered one; the verification is what tells.
    expect((await api(server, a.token).get(`/api/v1/authorizations/${a.id}/pdf`)).rawPayload.equals(pdf)).toBe(true)

    const b = await signedEms()
    await tamper('update authorization_records set pdf_enc = $2 where authorization_id = $1', [b.id, flipSealed((await record(b.id)).pdf_enc)])
    v = await verify(b.token, b.id)
    expect(failedChecks(v)).toEqual(['pdf'])
    const served = await api(server, b.token).get(`/api/v1/authorizations/${b.id}/pdf`)
    expect(served.statusCode).toBe(409)
    expect(served.json().code).toBe('RECORD_ALTERED')
  })

  it('detects a changed PDF whose stored hash was changed along with it (the digest no longer matches)', async () => {
    const a = await signedEms()
    const { cipher } = server.runtime.keys
    const forged = Buffer.from('%PDF-1.3 forged')
    const { sha256Hex } = await import('../../server/core/crypto')
    await tamper('update authorization_records set pdf_enc = $2, pdf_sha256 = $3 where authorization_id = $1', [
      a.id,
      cipher.encrypt(forged.toString('base64')),
      sha256Hex(forged),
    ])
    expect(failedChecks(await verify(a.token, a.id))).toEqual(['record'])
  })

  it('detects a recomputed digest: the server’s Ed25519 signature no longer matches', async () => {
    const a = await signedEms()
    const row = await record(a.id)
    const { envelopeDigest } = await import('../../server/modules/pickup/integrity')
    const laterSigning = new Date('2026-11-20T02:00:00.000Z')
    const digest = envelopeDigest({
      authorizationId: a.id,
      signedAt: laterSigning,
      dataSha256: row.data_sha256,
      signatureSha256: row.signature_sha256,
      pdfSha256: row.pdf_sha256,
    })
    await tamper('update authorization_records set signed_at = $2, digest = $3 where authorization_id = $1', [a.id, laterSigning, digest])
    const v = await verify(a.token, a.id)
    expect(v.intact).toBe(false)
    expect(failedChecks(v)).toEqual(['server_signature', 'status_row'])
  })

  it('detects a changed signing time in the record row', async () => {
    const a = await signedEms()
    await tamper(`update authorization_records set signed_at = signed_at - interval '1 day' where authorization_id = $1`, [a.id])
    expect(failedChecks(await verify(a.token, a.id))).toEqual(['record', 'status_row'])
  })

  it('detects changed signed data (re-sealed) and a changed signature image', async () => {
    const a = await signedEms()
    const { cipher } = server.runtime.keys
    const data = cipher.decrypt((await record(a.id)).data_enc).replace('李四', '王五')
    await tamper('update authorization_records set data_enc = $2 where authorization_id = $1', [a.id, cipher.encrypt(data)])
    expect(failedChecks(await verify(a.token, a.id))).toEqual(['data'])

    const b = await signedEms()
    const png = await sharp(Buffer.from(cipher.decrypt((await record(b.id)).signature_png_enc), 'base64'))
      .negate()
      .png()
      .toBuffer()
    await tamper('update authorization_records set signature_png_enc = $2 where authorization_id = $1', [b.id, cipher.encrypt(png.toString('base64'))])
    expect(failedChecks(await verify(b.token, b.id))).toEqual(['signature'])

    const c = await signedEms()
    await tamper('update authorization_records set signature_png_enc = $2 where authorization_id = $1', [
      c.id,
      flipSealed((await record(c.id)).signature_png_enc),
    ])
    expect(failedChecks(await verify(c.token, c.id))).toEqual(['signature'])
  })

  it('detects a status row that no longer matches what was signed (e.g. its validity moved)', async () => {
    const a = await signedEms()
    await server.db.query(`update authorizations set valid_until = valid_until + 30 where id = $1`, [a.id])
    const v = await verify(a.token, a.id)
    expect(v.intact).toBe(false)
    expect(failedChecks(v)).toEqual(['status_row'])
  })

  it('reports a record signed by another key as not signed by this server', async () => {
    const a = await signedEms()
    await tamper(`update authorization_records set key_fingerprint = '0000000000000000' where authorization_id = $1`, [a.id])
    expect(failedChecks(await verify(a.token, a.id))).toEqual(['server_signature'])
  })
})
