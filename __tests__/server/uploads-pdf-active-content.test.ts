import { citizen } from './harness'
import { createCase, startReviewServer, storedFiles, upload } from './review-helpers'
import { encryptedPdf, pdfWithJavaScript, simplePdf } from './review-fixtures'
import { HARMLESS_PDFS, HOSTILE_PDFS } from './fixtures/hostile-pdfs'
import { inspectFile } from '../../server/modules/review/checks'

/**
 * Finding 5 of 2026-12: active content hidden from a byte search (compressed streams, object streams,
 * indirect references, /Next chains, annotations, the /Names tree, XFA) slipped through. The check now
 * walks the parsed object graph; each file of the hostile corpus is refused with a reason.
 */
jest.setTimeout(180_000)

const refusal = async (pdf: Buffer) => {
  try {
    await inspectFile(pdf, ['pdf'])
    return null
  } catch (error) {
    return error as { statusCode: number; code: string; message: string }
  }
}

describe('the hostile corpus', () => {
  it.each(HOSTILE_PDFS.map((c) => [c.name, c] as const))('refuses %s with a reason', async (_name, hostile) => {
    const pdf = await hostile.build()
    // None of these can be caught by looking for "/JavaScript", "<script" or "/EmbeddedFile" in the raw bytes alone.
    const error = await refusal(pdf)
    expect(error).not.toBeNull()
    expect(error!.statusCode).toBe(422)
    expect(error!.message).toMatch(hostile.reason)
  })

  it('hides its dictionaries in compressed object streams (so the walk, not a byte search, finds them)', async () => {
    const raw = (await HOSTILE_PDFS[3].build()).toString('latin1')
    expect(raw).toContain('/ObjStm')
    expect(raw).not.toContain('/OpenAction')
  })

  it('refuses the earlier cases too: JavaScript on opening, an encrypted file', async () => {
    expect((await refusal(await pdfWithJavaScript()))?.code).toBe('PDF_ACTIVE_CONTENT')
    expect((await refusal(await encryptedPdf()))?.code).toBe('PDF_ENCRYPTED')
  })
})

describe('ordinary PDFs', () => {
  it.each(HARMLESS_PDFS.map((c) => [c.name, c] as const))('accept %s', async (_name, harmless) => {
    const inspection = await inspectFile(await harmless.build(), ['pdf'])
    expect(inspection.kind).toBe('pdf')
    expect(inspection.pages).toBe(1)
  })

  it('accept a plain two-page document', async () => {
    expect((await inspectFile(await simplePdf(2), ['pdf'])).pages).toBe(2)
  })
})

describe('over HTTP', () => {
  it('answers each hostile upload with 422 and the reason in Chinese, and keeps nothing', async () => {
    const s = await startReviewServer()
    try {
      const token = await citizen(s.server)
      const created = await createCase(s.server, token)
      for (const hostile of HOSTILE_PDFS.slice(0, 6)) {
        const reply = await upload(s.server, token, created.id, 'M01', await hostile.build(), 'form.pdf', { contentType: 'application/pdf' })
        expect(reply.statusCode).toBe(422)
        expect(reply.json().message).toMatch(hostile.reason)
      }
      expect(storedFiles(s.filesDir)).toEqual([])
    } finally {
      await s.close()
    }
  })
})
