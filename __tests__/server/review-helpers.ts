import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { api, startTestServer, staffLogin, type TestServer, type TestServerOptions } from './harness'
import { documentPhoto, simplePdf } from './review-fixtures'

/** The social-security card: M01 身份证 (主要, jpg/png/pdf), M02 证件照 (必要, jpg only), M03/M04 非必要. */
export const CARD_ITEM = 'social-security-card-application'
/** Company change: M01/M02 主要 PDFs, M06 容缺后补. */
export const DEFERRAL_ITEM = 'company-change-registration'
/** Tax info: M01 免提交 (shared), M04 容缺后补 PDF. */
export const SHARED_ITEM = 'tax-info-confirmation'

export const TIANFU_REVIEWER = '13900000003'
export const KEXUECHENG_REVIEWER = '13900000012'

/** A test server whose data directory (and so its file storage) belongs to this suite alone. */
export async function startReviewServer(options: TestServerOptions = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-review-'))
  const server = await startTestServer({ ...options, env: { DATA_DIR: dataDir, ...options.env } })
  return {
    server,
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    async close() {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Every stored file under the storage root (staging included). */
export function storedFiles(filesDir: string): string[] {
  if (!fs.existsSync(filesDir)) return []
  return (fs.readdirSync(filesDir, { recursive: true }) as string[]).map((entry) => path.join(filesDir, entry)).filter((file) => fs.statSync(file).isFile())
}

export function multipart(file: { buffer: Buffer; filename: string; contentType?: string; field?: string }) {
  const boundary = `----onetrip${crypto.randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
  )
  const payload = Buffer.concat([head, file.buffer, Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export async function upload(
  server: TestServer,
  token: string,
  caseId: string,
  code: string,
  buffer: Buffer,
  filename = 'photo.jpg',
  options: { replaces?: string; contentType?: string } = {},
) {
  const body = multipart({ buffer, filename, contentType: options.contentType ?? 'image/jpeg' })
  return server.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/materials/${code}/files${options.replaces ? `?replaces=${options.replaces}` : ''}`,
    payload: body.payload,
    headers: { authorization: `Bearer ${token}`, ...body.headers },
  })
}

export async function createCase(server: TestServer, token: string, itemId = CARD_ITEM, hallId = 'tianfu'): Promise<{ id: string; caseNumber: string }> {
  const reply = await api(server, token).post('/api/v1/cases', { itemId, hallId })
  if (reply.statusCode !== 201) throw new Error(`create case failed: ${reply.body}`)
  return reply.json().case
}

let photoCache: Buffer | null = null
let pdfCache: Buffer | null = null
export const clearPhoto = async () => (photoCache ??= await documentPhoto())
export const twoPagePdf = async () => (pdfCache ??= await simplePdf(2))

/** A social-security card case with both required materials uploaded, ready to submit. */
export async function readyCardCase(server: TestServer, token: string) {
  const created = await createCase(server, token)
  const id = await upload(server, token, created.id, 'M01', await twoPagePdf(), 'id-card.pdf', { contentType: 'application/pdf' })
  const photo = await upload(server, token, created.id, 'M02', await clearPhoto(), 'photo.jpg')
  if (id.statusCode !== 201 || photo.statusCode !== 201) throw new Error(`upload failed: ${id.body} ${photo.body}`)
  return { ...created, files: { M01: id.json().file.id as string, M02: photo.json().file.id as string } }
}

/** Submitted, opened by the tianfu reviewer, with the given verdicts. */
export async function reviewingCardCase(server: TestServer, token: string, reviewerToken: string) {
  const c = await readyCardCase(server, token)
  const submitted = await api(server, token).post(`/api/v1/cases/${c.id}/submit`, { deferredCodes: [] })
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`)
  const opened = await api(server, reviewerToken).post(`/api/v1/review/cases/${c.id}/open`)
  if (opened.statusCode !== 200) throw new Error(`open failed: ${opened.body}`)
  return c
}

export const mark = (server: TestServer, reviewerToken: string, caseId: string, code: string, body: object) =>
  api(server, reviewerToken).put(`/api/v1/review/cases/${caseId}/materials/${code}`, body)

export const decide = (server: TestServer, reviewerToken: string, caseId: string, body: object) =>
  api(server, reviewerToken).post(`/api/v1/review/cases/${caseId}/decision`, body)

export const reviewer = (server: TestServer, phone = TIANFU_REVIEWER) => staffLogin(server, phone)
