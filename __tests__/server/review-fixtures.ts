import zlib from 'node:zlib'
import sharp from 'sharp'
import PDFKit from 'pdfkit'
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib'

/**
 * Files for the pre-review upload checks, generated on the fly (no binary fixtures in the repo):
 * a document-like photo, its blank / blurry / tiny variants, PDFs (plain, encrypted, with JavaScript)
 * and hostile files (renamed executable, polyglot, decompression bomb).
 */

/** A page with a frame and 30 lines of "text", like a photographed form. */
export async function documentPhoto(options: { width?: number; height?: number; seed?: number } = {}): Promise<Buffer> {
  const { width = 1240, height = 1754, seed = 0 } = options
  const lines = Array.from(
    { length: 30 },
    (_, i) => `<rect x="90" y="${160 + i * 48}" width="${320 + ((i * 97 + seed * 31) % 700)}" height="16" fill="#222"/>`,
  ).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f6f3ec"/>${lines}<rect x="60" y="60" width="${width - 120}" height="${height - 120}" fill="none" stroke="#333" stroke-width="5"/><circle cx="${width - 220}" cy="${height - 260}" r="110" fill="none" stroke="#c0392b" stroke-width="10"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer()
}

export const blankPhoto = () =>
  sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#ffffff' } })
    .jpeg()
    .toBuffer()

export const blurryPhoto = async () =>
  sharp(await documentPhoto())
    .blur(8)
    .jpeg({ quality: 88 })
    .toBuffer()

export const tinyPhoto = async () =>
  sharp(await documentPhoto())
    .resize(200, 280)
    .jpeg()
    .toBuffer()

export const documentPng = async () =>
  sharp(await documentPhoto())
    .png()
    .toBuffer()

/** A JPEG padded with random-looking bytes to about `bytes` (still a valid, sharp image). */
export async function photoOfSize(bytes: number): Promise<Buffer> {
  const { data, info } = await sharp({
    create: { width: 2600, height: 2600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .raw()
    .toBuffer({ resolveWithObject: true })
  let quality = 95
  let jpeg = await sharp(data, { raw: info }).jpeg({ quality }).toBuffer()
  while (jpeg.length > bytes && quality > 30) {
    quality -= 5
    jpeg = await sharp(data, { raw: info }).jpeg({ quality }).toBuffer()
  }
  return jpeg
}

export async function simplePdf(pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780, size: 18, font })
  return Buffer.from(await doc.save())
}

export async function pdfWithJavaScript(): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.addPage()
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("pwned")') })
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action))
  return Buffer.from(await doc.save())
}

export function encryptedPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ userPassword: 'secret', ownerPassword: 'owner' })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.text('confidential')
    doc.end()
  })
}

/** The first bytes of a real x86-64 ELF executable, padded: what a renamed program looks like. */
export function elfExecutable(): Buffer {
  const header = Buffer.alloc(4096)
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(header)
  header.writeUInt16LE(2, 16) // ET_EXEC
  header.writeUInt16LE(0x3e, 18) // x86-64
  return header
}

/** A valid JPEG with a ZIP archive (e.g. a JAR or a web shell) appended: opens as a photo and as an archive. */
export async function jpegZipPolyglot(): Promise<Buffer> {
  const name = Buffer.from('shell.php')
  const body = Buffer.from('<?ph' + 'p system($_GET["c"]); ?>')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt32LE(body.length, 18)
  local.writeUInt32LE(body.length, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt32LE(body.length, 20)
  central.writeUInt32LE(body.length, 24)
  central.writeUInt16LE(name.length, 28)
  const photo = await documentPhoto()
  const localOffset = photo.length
  central.writeUInt32LE(localOffset, 42)
  const centralStart = photo.length + local.length + name.length + body.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12)
  end.writeUInt32LE(centralStart, 16)
  return Buffer.concat([photo, local, name, body, central, name, end])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** A few hundred bytes declaring a 100000×100000 greyscale PNG (10 gigapixels once decoded). */
export function pngBomb(side = 100_000): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(side, 0)
  ihdr.writeUInt32BE(side, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(side + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
