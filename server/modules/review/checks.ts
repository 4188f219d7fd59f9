import sharp, { type OutputInfo } from 'sharp'
import { PDFDocument } from 'pdf-lib'
import { unprocessable } from '../../core/errors'
import { ACTIVE_CONTENT_MESSAGE, findActiveContent } from './pdf-active-content'

/**
 * Automatic checks on an uploaded file, run on the staged copy before anything is accepted.
 * The type comes from the content (magic bytes and structure), never from the name or the
 * client's declared MIME type. Each refusal says what is wrong and what to do, for the applicant.
 */

export type FileFormat = 'jpg' | 'png' | 'pdf'

export interface Inspection {
  kind: 'image' | 'pdf'
  format: FileFormat
  mimeType: string
  width: number | null
  height: number | null
  pages: number | null
  /** Checks passed, for display next to the file. */
  checks: string[]
}

/** Above this a decoded image is a decompression bomb for our purposes (sharp `limitInputPixels`). */
export const MAX_INPUT_PIXELS = 50_000_000
/** 358×441 (the digital ID-photo size) passes; anything smaller cannot show a document legibly. */
export const MIN_SHORT_SIDE = 300
export const MIN_LONG_SIDE = 400
/**
 * Blank page: standard deviation of the 8-bit greyscale image (scaled to ≤1000 px). A white sheet with
 * sensor noise measures ≈2, a page with a few lines of text well above 20.
 */
export const BLANK_MAX_STDEV = 8
/**
 * Blur: variance of the 3×3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of that greyscale image (offset 128, 8-bit).
 * Measured on a synthetic A4 page at 1000 px: sharp 1170, Gaussian σ1.5 → 412, σ3 → 56, σ6 → 12. Below
 * 50 the strokes of printed text are too soft to read.
 */
export const BLUR_MIN_LAPLACIAN_VARIANCE = 50
export const PDF_MAX_PAGES = 100
const ANALYSIS_SIZE = 1000

const FORMAT_LABEL: Record<FileFormat, string> = { jpg: 'JPG', png: 'PNG', pdf: 'PDF' }
const MIME: Record<FileFormat, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

const startsWith = (buffer: Buffer, bytes: number[], offset = 0) => bytes.every((byte, i) => buffer[offset + i] === byte)
const ascii = (buffer: Buffer, text: string, offset = 0) => buffer.subarray(offset, offset + text.length).toString('latin1') === text

type Sniffed = { format: FileFormat } | { refuse: [code: string, message: string] }

/** What the first bytes say the file is. */
function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { format: 'jpg' }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'png' }
  if (ascii(head, '%PDF-')) return { format: 'pdf' }
  const executable =
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    ascii(head, 'MZ') || // Windows PE
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((m) => startsWith(head, m)) || // Mach-O
    ascii(head, '#!')
  if (executable) return { refuse: ['FILE_EXECUTABLE', '该文件实际是可执行程序或脚本，不是图片或PDF，已拒收'] }
  const archive =
    ascii(head, 'PK\x03\x04') ||
    startsWith(head, [0x1f, 0x8b]) ||
    ascii(head, 'Rar!') ||
    startsWith(head, [0x37, 0x7a, 0xbc, 0xaf]) ||
    startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])
  if (archive) return { refuse: ['FILE_ARCHIVE', '该文件实际是压缩包或Office文档，请另存为PDF或拍照后上传'] }
  if (ascii(head, 'ftyp', 4) && /^(heic|heix|hevc|mif1|msf1)$/.test(head.subarray(8, 12).toString('latin1'))) {
    return { refuse: ['FILE_HEIC', '暂不支持HEIC格式的照片，请在相机设置中选择“兼容性最佳”或转为JPG后上传'] }
  }
  if (ascii(head, 'GIF8') || (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) || ascii(head, 'BM') || ascii(head, 'II*\x00') || ascii(head, 'MM\x00*')) {
    return { refuse: ['FILE_IMAGE_FORMAT', '暂不支持该图片格式，请转为JPG或PNG后上传'] }
  }
  return { refuse: ['FILE_UNKNOWN_TYPE', '无法识别该文件的类型，请上传JPG、PNG或PDF文件'] }
}

/** Byte offset just after the JPEG starting at `start` ends, walking its segments (EXIF thumbnails stay inside APP1). */
function jpegEnd(buffer: Buffer, start = 0): number | null {
  let i = start + 2
  while (i + 2 <= buffer.length) {
    if (buffer[i] !== 0xff) return null
    const marker = buffer[i + 1]
    if (marker === 0xff) {
      i++
      continue
    }
    if (marker === 0xd9) return i + 2
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2
      continue
    }
    if (i + 4 > buffer.length) return null
    i += 2 + buffer.readUInt16BE(i + 2)
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      for (;;) {
        i = buffer.indexOf(0xff, i)
        if (i < 0 || i + 1 >= buffer.length) return null
        const next = buffer[i + 1]
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break
        i += 2
      }
    }
  }
  return null
}

/** Byte offset just after the PNG's IEND chunk. */
function pngEnd(buffer: Buffer): number | null {
  let i = 8
  while (i + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(i)
    const type = buffer.subarray(i + 4, i + 8).toString('latin1')
    i += 12 + length
    if (type === 'IEND') return i <= buffer.length ? i : null
  }
  return null
}

/** Only padding may follow the end of the real content. */
const onlyPadding = (tail: Buffer) => tail.every((byte) => byte === 0x00 || byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x09)

/** A ZIP (or JAR/DOCX) readable from this file: its end record points at a real central directory. */
function containsZip(buffer: Buffer): boolean {
  const from = Math.max(0, buffer.length - 22 - 0xffff)
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer[i] !== 0x50 || buffer.readUInt32LE(i) !== 0x06054b50) continue
    const size = buffer.readUInt32LE(i + 12)
    const offset = buffer.readUInt32LE(i + 16)
    const start = i - size
    if (start >= 0 && buffer.readUInt32LE(start) === 0x02014b50) return true
    if (offset + 4 <= buffer.length && buffer.readUInt32LE(offset) === 0x02014b50) return true
  }
  return false
}

const SCRIPT_MARKERS = ['<script', '<?php', '<html', '<!doctype html']

function refusePolyglot(buffer: Buffer, format: FileFormat): void {
  const lower = buffer.toString('latin1').toLowerCase()
  const markers = format === 'pdf' ? SCRIPT_MARKERS : [...SCRIPT_MARKERS, '%pdf-']
  if (markers.some((marker) => lower.includes(marker)) || containsZip(buffer)) {
    throw unprocessable('FILE_POLYGLOT', '文件中夹带了网页、脚本或其他文件的内容（伪装文件），已拒收。请上传拍摄或扫描得到的原始文件')
  }
  if (format === 'pdf') {
    const eof = buffer.lastIndexOf('%%EOF')
    if (eof < 0) throw unprocessable('FILE_CORRUPT', 'PDF文件不完整，请重新导出后上传')
    if (!onlyPadding(buffer.subarray(eof + 5))) throw unprocessable('FILE_POLYGLOT', 'PDF文件末尾夹带了其他数据（伪装文件），已拒收。请重新导出PDF后上传')
    return
  }
  let end = format === 'jpg' ? jpegEnd(buffer) : pngEnd(buffer)
  // Multi-picture JPEGs (MPF, Ultra HDR gain maps) append further complete JPEGs: walk them too.
  while (format === 'jpg' && end !== null && startsWith(buffer, [0xff, 0xd8, 0xff], end)) end = jpegEnd(buffer, end)
  if (end === null) throw unprocessable('FILE_CORRUPT', '图片文件不完整或已损坏，请重新拍摄后上传')
  if (!onlyPadding(buffer.subarray(end))) {
    throw unprocessable('FILE_POLYGLOT', '图片末尾夹带了其他数据（伪装文件或动态照片），已拒收。请上传普通照片')
  }
}

async function inspectImage(buffer: Buffer, format: FileFormat): Promise<Inspection> {
  const open = () => sharp(buffer, { limitInputPixels: MAX_INPUT_PIXELS })
  // The header is read without decoding, so a declared 100000×100000 image is refused before it costs memory.
  const meta = await sharp(buffer, { limitInputPixels: false })
    .metadata()
    .catch(() => null)
  if (!meta?.width || !meta.height) throw unprocessable('FILE_CORRUPT', '图片文件已损坏，无法打开，请重新拍摄后上传')
  const { width, height } = meta
  if (width * height > MAX_INPUT_PIXELS) {
    throw unprocessable('IMAGE_TOO_MANY_PIXELS', `图片像素过大（${width}×${height}），请压缩到5000万像素以内后上传`)
  }
  if (Math.min(width, height) < MIN_SHORT_SIDE || Math.max(width, height) < MIN_LONG_SIDE) {
    throw unprocessable('IMAGE_LOW_RESOLUTION', `图片分辨率过低（${width}×${height}），至少需要${MIN_LONG_SIDE}×${MIN_SHORT_SIDE}像素，请重新拍摄`)
  }
  let grey: { data: Buffer; info: OutputInfo }
  try {
    grey = await open()
      .flatten({ background: '#ffffff' })
      .resize({ width: ANALYSIS_SIZE, height: ANALYSIS_SIZE, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true })
  } catch {
    throw unprocessable('FILE_CORRUPT', '图片文件不完整或已损坏，请重新拍摄后上传')
  }
  const raw = { raw: { width: grey.info.width, height: grey.info.height, channels: grey.info.channels } }
  const spread = (await sharp(grey.data, raw).stats()).channels[0].stdev
  if (spread < BLANK_MAX_STDEV) throw unprocessable('IMAGE_BLANK', '图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄')
  const laplacian = await sharp(grey.data, raw)
    .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], scale: 1, offset: 128 })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const edges = (
    await sharp(laplacian.data, { raw: { width: laplacian.info.width, height: laplacian.info.height, channels: laplacian.info.channels } }).stats()
  ).channels[0].stdev
  if (edges ** 2 < BLUR_MIN_LAPLACIAN_VARIANCE) throw unprocessable('IMAGE_BLURRY', '图片模糊，文字可能无法辨认，请在光线充足处对焦后重新拍摄')
  return {
    kind: 'image',
    format,
    mimeType: MIME[format],
    width,
    height,
    pages: null,
    checks: [`按内容识别为${FORMAT_LABEL[format]}图片`, `分辨率${width}×${height}`, '非空白', '清晰度合格'],
  }
}

async function inspectPdf(buffer: Buffer): Promise<Inspection> {
  let doc: PDFDocument
  try {
    doc = await PDFDocument.load(buffer, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true })
  } catch {
    throw unprocessable('FILE_CORRUPT', 'PDF文件已损坏，无法打开，请重新导出后上传')
  }
  if (doc.isEncrypted) throw unprocessable('PDF_ENCRYPTED', 'PDF文件已加密或设置了密码，请取消密码后重新上传')
  const active = findActiveContent(doc)
  if (active) throw unprocessable(active === 'too-complex' ? 'PDF_TOO_COMPLEX' : 'PDF_ACTIVE_CONTENT', ACTIVE_CONTENT_MESSAGE[active])
  let pages: number
  try {
    pages = doc.getPageCount()
  } catch {
    throw unprocessable('FILE_CORRUPT', 'PDF文件已损坏，无法读取页面，请重新导出后上传')
  }
  if (pages === 0) throw unprocessable('PDF_NO_PAGES', 'PDF文件没有页面，请重新导出后上传')
  if (pages > PDF_MAX_PAGES) throw unprocessable('PDF_TOO_MANY_PAGES', `PDF共${pages}页，超过${PDF_MAX_PAGES}页上限，请拆分后分别上传`)
  return {
    kind: 'pdf',
    format: 'pdf',
    mimeType: MIME.pdf,
    width: null,
    height: null,
    pages,
    checks: ['按内容识别为PDF', `共${pages}页`, '未加密', '无脚本、自动动作或附件'],
  }
}

/** Inspects a staged file against the material's accepted formats; throws a 422 AppError with the reason. */
export async function inspectFile(buffer: Buffer, accepted: readonly string[]): Promise<Inspection> {
  if (buffer.length === 0) throw unprocessable('FILE_EMPTY', '文件是空的，请重新选择')
  const sniffed = sniff(buffer.subarray(0, 16))
  if ('refuse' in sniffed) throw unprocessable(...sniffed.refuse)
  const { format } = sniffed
  if (!accepted.includes(format)) {
    const allowed = accepted.map((f) => FORMAT_LABEL[f as FileFormat] ?? f.toUpperCase()).join('、')
    throw unprocessable('FILE_FORMAT_NOT_ACCEPTED', `本材料只接受${allowed}格式，该文件实际是${FORMAT_LABEL[format]}`)
  }
  refusePolyglot(buffer, format)
  return format === 'pdf' ? inspectPdf(buffer) : inspectImage(buffer, format)
}
