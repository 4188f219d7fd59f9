import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { s10CheckDigit } from '../../src/domain/ems'
import { api, staffLogin, type Reply, type TestServer } from './harness'

/** The demo clerks (seeded by the auth module): 出证 and hand-over at their own hall only. */
export const TIANFU_CLERK = '13900000004'
export const KEXUECHENG_CLERK = '13900000013'
export const TIANFU_WINDOW_STAFF = '13900000001'

/** Service items of the seeded catalog: one whose result is a licence, one without. */
export const LICENCE_ITEM = 'company-llc-establishment'
export const NO_LICENCE_ITEM = 'tax-info-confirmation'

export const userIdOf = async (server: TestServer, token: string): Promise<string> => (await api(server, token).get('/api/v1/me')).json().id

let caseSeq = 0
/**
 * A case (办件) written straight into the base `cases` table: the review flow that creates cases is
 * tested by its own module, certificate pickup only needs one to exist.
 */
export async function insertCase(server: TestServer, userId: string, options: { hallId?: string; itemId?: string; status?: string } = {}): Promise<string> {
  // Hyphens keep the digits in short runs: an 11-digit run starting with 1 reads as a phone number to the log scans.
  const caseNumber = `TST-${process.pid % 1000}-${String(++caseSeq).padStart(5, '0')}-${crypto.randomInt(100, 999)}`
  const now = server.clock.now()
  await server.db.query('insert into cases (case_number, user_id, hall_id, item_id, status, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6)', [
    caseNumber,
    userId,
    options.hallId ?? 'tianfu',
    options.itemId ?? LICENCE_ITEM,
    options.status ?? 'approved',
    now,
  ])
  return caseNumber
}

/** A case of `citizenToken` whose licence the tianfu clerk has registered as issued. */
export async function caseWithLicence(server: TestServer, citizenToken: string, clerkToken: string, options: { hallId?: string } = {}) {
  const caseNumber = await insertCase(server, await userIdOf(server, citizenToken), options)
  const issued = await api(server, clerkToken).post('/api/v1/staff/pickup/licences', { caseNumber })
  if (issued.statusCode !== 201) throw new Error(`licence issue failed: ${issued.body}`)
  return caseNumber
}

/** A handwriting-like signature: two looping strokes in black on transparent, as a canvas exports it. */
export async function signaturePng(options: { width?: number; height?: number; background?: string } = {}): Promise<string> {
  const { width = 700, height = 300 } = options
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    ${options.background ? `<rect width="100%" height="100%" fill="${options.background}"/>` : ''}
    <path d="M60 200 C 120 40, 180 40, 200 180 S 280 260, 320 120 S 420 40, 460 200 S 560 240, 640 90" stroke="#111" stroke-width="7" fill="none" stroke-linecap="round"/>
    <path d="M120 240 C 220 210, 420 230, 600 200" stroke="#111" stroke-width="5" fill="none" stroke-linecap="round"/>
  </svg>`
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64')
}

export const blankPng = async (width = 700, height = 300) =>
  (
    await sharp({ create: { width, height, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } })
      .png()
      .toBuffer()
  ).toString('base64')

/** A dot: some ink, far too little to be a signature. */
export async function dotPng(): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="300"><circle cx="350" cy="150" r="4" fill="#000"/></svg>`
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64')
}

/** A valid EMS number with the given 8-digit serial. */
export const emsNumber = (serial: string, prefix = 'EA') => `${prefix}${serial}${s10CheckDigit(serial)}CN`

export const EMS_ADDRESS = {
  recipient: '李四',
  phone: '13812345678',
  provinceCode: '510000',
  cityCode: '510100',
  districtCode: '510107',
  address: '人民南路四段1号',
  remember: false,
}

/** Runs a poppler tool on a PDF and returns its output file(s) directory and stdout. */
export function withPdf<T>(pdf: Buffer, run: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pickup-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    fs.writeFileSync(file, pdf)
    return run(file, dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export const pdfText = (pdf: Buffer) => withPdf(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }))

/** Page 1 rendered at `dpi` as PNG bytes (pdftoppm, poppler-utils). */
export const pdfPage1Png = (pdf: Buffer, dpi = 50) =>
  withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')])
    return fs.readFileSync(path.join(dir, 'page.png'))
  })

/** Dark pixels (< 128 grey) inside a rectangle given in PDF points, on a page rendered at `dpi`. */
export async function darkPixelsIn(png: Buffer, box: { x: number; y: number; width: number; height: number }, dpi = 50) {
  const scale = dpi / 72
  const region = {
    left: Math.round(box.x * scale),
    top: Math.round(box.y * scale),
    width: Math.round(box.width * scale),
    height: Math.round(box.height * scale),
  }
  const { data } = await sharp(png).extract(region).greyscale().raw().toBuffer({ resolveWithObject: true })
  let dark = 0
  for (const value of data) if (value < 128) dark++
  return dark
}

/** Records every response body so a test can assert that something never appeared in any of them. */
export function recordingApi(server: TestServer, token: string | undefined, bodies: string[]) {
  const client = api(server, token)
  const keep = async (reply: Promise<Reply>) => {
    const r = await reply
    bodies.push(r.rawPayload.toString('latin1'), r.body)
    return r
  }
  return {
    get: (url: string) => keep(client.get(url)),
    post: (url: string, payload?: unknown) => keep(client.post(url, payload)),
    delete: (url: string) => keep(client.delete(url)),
  }
}

export const clerk = (server: TestServer, phone = TIANFU_CLERK) => staffLogin(server, phone)
