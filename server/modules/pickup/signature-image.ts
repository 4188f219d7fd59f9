import sharp, { type Metadata, type OutputInfo } from 'sharp'
import { badRequest, unprocessable } from '../../core/errors'

/** What the BFF accepts as a handwritten signature image (the app exports well under these). */
export const SIGNATURE_LIMITS = {
  maxBytes: 150 * 1024,
  minSide: 120,
  maxSide: 3000,
  /** Longest side of the stored image: enough for print at the PDF's signature box. */
  storedMaxSide: 1200,
  /** Dark pixels needed, as a share of the image and absolutely: a dot or a tick is not a signature. */
  minInkRatio: 0.002,
  minInkPixels: 250,
  /** More ink than this is a filled area (or a black transparent export), not handwriting. */
  maxInkRatio: 0.5,
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const INVALID_MESSAGE = '签名图片无效，请重新签名'

function decodeSignature(input: string): Buffer {
  const base64 = input.replace(/^data:image\/png;base64,/, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw badRequest('SIGNATURE_INVALID', INVALID_MESSAGE)
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > SIGNATURE_LIMITS.maxBytes) throw badRequest('SIGNATURE_TOO_LARGE', '签名图片过大，请重新签名')
  if (bytes.length < PNG_MAGIC.length || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw badRequest('SIGNATURE_INVALID', INVALID_MESSAGE)
  }
  return bytes
}

/**
 * Checks that the upload is a real PNG of sane size carrying enough ink, and returns it composited
 * onto white (transparent pixels would print black in some viewers) as an opaque greyscale PNG.
 */
export async function normalizeSignature(input: string): Promise<Buffer> {
  const bytes = decodeSignature(input)
  let meta: Metadata
  try {
    meta = await sharp(bytes, { limitInputPixels: SIGNATURE_LIMITS.maxSide ** 2 }).metadata()
  } catch {
    throw badRequest('SIGNATURE_INVALID', INVALID_MESSAGE)
  }
  const { width = 0, height = 0 } = meta
  const sane = (side: number) => side >= SIGNATURE_LIMITS.minSide && side <= SIGNATURE_LIMITS.maxSide
  if (meta.format !== 'png' || !sane(width) || !sane(height)) throw badRequest('SIGNATURE_INVALID', INVALID_MESSAGE)

  let flat: { data: Buffer; info: OutputInfo }
  try {
    flat = await sharp(bytes)
      .flatten({ background: '#ffffff' })
      .resize({ width: SIGNATURE_LIMITS.storedMaxSide, height: SIGNATURE_LIMITS.storedMaxSide, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true })
  } catch {
    throw badRequest('SIGNATURE_INVALID', INVALID_MESSAGE)
  }
  const ink = countInk(flat.data)
  const ratio = ink / flat.data.length
  if (ink < SIGNATURE_LIMITS.minInkPixels || ratio < SIGNATURE_LIMITS.minInkRatio) {
    throw unprocessable('SIGNATURE_TOO_SHORT', '签名为空或过于简短，请签写完整姓名')
  }
  if (ratio > SIGNATURE_LIMITS.maxInkRatio) throw badRequest('SIGNATURE_INVALID', INVALID_MESSAGE)
  return sharp(flat.data, { raw: { width: flat.info.width, height: flat.info.height, channels: 1 } })
    .png({ compressionLevel: 9 })
    .toBuffer()
}

/** Pixels darker than mid-grey in a one-channel raw image. */
function countInk(grey: Buffer, threshold = 128): number {
  let ink = 0
  for (let i = 0; i < grey.length; i++) if (grey[i] < threshold) ink++
  return ink
}
