import fs from 'node:fs'
import PDFDocument from 'pdfkit'
import { authorizationText, type AuthorizationDocument } from '../../../src/domain/pickup-authorization'

/**
 * Renders the signed 取件委托书 as an A4 PDF: the text from the shared builder, set in Noto Sans SC
 * (pdfkit embeds only the glyphs used, ≈ 15 KB), with the signature image in a fixed box at the foot.
 */
const FONT_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')
let fontBytes: Buffer | null = null
const font = () => (fontBytes ??= fs.readFileSync(FONT_PATH))

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 56
const BOTTOM_MARGIN = 30

/** Where the signature goes on page 1, in PDF points from the top-left corner (tests look there). */
export const SIGNATURE_BOX = { x: MARGIN + 110, y: 650, width: 200, height: 72 }
const SIGNING_TOP = SIGNATURE_BOX.y - 10
const FOOTER_TOP = 780

class PdfLayoutError extends Error {}

export function renderAuthorizationPdf(doc: AuthorizationDocument, signaturePng: Buffer, verifyPath: string): Promise<Buffer> {
  if (!doc.number || !doc.signedAt) throw new Error('only a signed authorization is rendered')
  const text = authorizationText(doc)
  const pdf = new PDFDocument({
    size: [A4.width, A4.height],
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM_MARGIN },
    autoFirstPage: true,
    info: { Title: text.title, Subject: doc.number, Author: '仅跑一次', Creator: 'OneTrip BFF', CreationDate: new Date(doc.signedAt) },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })

  pdf.registerFont('cjk', font())
  pdf.font('cjk')
  const width = A4.width - MARGIN * 2

  pdf.fillColor('#000000').fontSize(22).text(text.title, MARGIN, MARGIN, { width, align: 'center', characterSpacing: 4 })
  pdf.moveDown(0.2).fontSize(9).fillColor('#555555').text(text.signing[0], { width, align: 'right' })
  pdf.moveDown(0.4)
  for (const section of text.sections) {
    pdf.fillColor('#1a5fb4').fontSize(11.5).text(section.heading, { width })
    pdf.moveDown(0.1).fillColor('#000000').fontSize(10)
    for (const line of section.lines) pdf.text(line, { width, lineGap: 1.5 })
    pdf.moveDown(0.45)
  }
  // The text is bounded by the input limits; if it ever reached the signing block the two would overlap.
  if (pdf.y > SIGNING_TOP || pdf.bufferedPageRange().count > 1) throw new PdfLayoutError('authorization text overflows the page')

  pdf.fontSize(11).fillColor('#000000')
  pdf.text(text.signatureLabel, MARGIN, SIGNATURE_BOX.y + SIGNATURE_BOX.height / 2 - 8, { lineBreak: false })
  pdf.image(signaturePng, SIGNATURE_BOX.x, SIGNATURE_BOX.y, {
    fit: [SIGNATURE_BOX.width, SIGNATURE_BOX.height],
    align: 'center',
    valign: 'center',
  })
  pdf
    .moveTo(SIGNATURE_BOX.x, SIGNATURE_BOX.y + SIGNATURE_BOX.height + 2)
    .lineTo(SIGNATURE_BOX.x + SIGNATURE_BOX.width, SIGNATURE_BOX.y + SIGNATURE_BOX.height + 2)
    .lineWidth(0.5)
    .strokeColor('#888888')
    .stroke()
  let y = SIGNATURE_BOX.y + SIGNATURE_BOX.height + 12
  pdf.fontSize(10.5).fillColor('#000000')
  for (const line of text.signing.slice(1)) {
    pdf.text(line, MARGIN, y, { width, lineBreak: false })
    y += 17
  }
  pdf
    .fontSize(8)
    .fillColor('#777777')
    .text(`本委托书的内容、签名和本文件经 SHA-256 摘要及服务端电子签名保全，可通过 ${verifyPath} 核验是否被改动。`, MARGIN, FOOTER_TOP, {
      width,
    })
  pdf.end()
  return done
}
