import zlib from 'node:zlib'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib'

/**
 * Active content in an uploaded PDF, found by walking its parsed object graph — never by matching the
 * file's bytes, which compression and object streams hide. Every indirect object is visited (objects
 * from object streams included: pdf-lib unpacks them while parsing), references are followed, and
 * streams are decoded (Flate with zlib under a size budget, the text filters with pdf-lib) and their
 * decoded bytes looked at. Refused:
 * - script anywhere: a /JS or /JavaScript key (actions, the /Names tree), an action whose /S is
 *   JavaScript, SubmitForm, ImportData, ResetForm, GoToR, GoToE, RichMediaExecute, or Launch; a
 *   `javascript:`, `file:` or `data:` URI; an XFA form whose packets (often Flate-compressed) hold a
 *   <script> or an <execute>; `<script` in any decoded stream;
 * - anything that runs by itself: /OpenAction and every /AA (additional actions of the document,
 *   pages, annotations and fields) may only be GoTo actions, through their whole /Next chain — a Named
 *   action or a URI that fires on opening is refused, directly or through an indirect reference;
 * - attachments: the /EmbeddedFiles name tree, FileAttachment annotations, file specifications with
 *   an /EF, streams of /Type /EmbeddedFile, and any decoded stream that starts like an executable
 *   (ELF, PE, Mach-O), /Type or not.
 * A clicked link (GoTo or http/https URI) and an ordinary AcroForm stay allowed.
 */

export type ActiveContent = 'script' | 'launch' | 'open-action' | 'attachment' | 'too-complex'

export const ACTIVE_CONTENT_MESSAGE: Record<ActiveContent, string> = {
  script: 'PDF中含有脚本（JavaScript）或表单提交动作，出于安全原因不予接收，请打印为普通PDF后上传',
  launch: 'PDF中含有启动外部程序的动作，出于安全原因不予接收，请打印为普通PDF后上传',
  'open-action': 'PDF打开时或浏览时会自动执行动作（如打开网址），出于安全原因不予接收，请打印为普通PDF后上传',
  attachment: 'PDF中夹带了附件或可执行程序，请去掉附件、打印为普通PDF后上传',
  'too-complex': 'PDF中压缩内容过大，无法完成安全检查，请打印为普通PDF后上传',
}

const SCRIPT_ACTIONS = new Set(['JavaScript', 'SubmitForm', 'ImportData', 'ResetForm', 'GoToR', 'GoToE', 'RichMediaExecute'])
const IMAGE_FILTERS = new Set(['DCTDecode', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode'])
const TEXT_FILTERS = new Set(['ASCIIHexDecode', 'ASCII85Decode', 'LZWDecode', 'RunLengthDecode'])
/** Decoded bytes looked at in all, per file: a decompression bomb stops here. */
export const DECODE_BUDGET_BYTES = 64 * 1024 * 1024
const SAFE_URI = /^(https?:|mailto:|#)/i

/** The first problem found, or null. */
export function findActiveContent(doc: PDFDocument): ActiveContent | null {
  const { context } = doc
  // XFA packets are looked at more strictly, so an object seen as plain content is looked at again as XFA.
  const seen = { plain: new Set<PDFObject>(), xfa: new Set<PDFObject>() }
  let budget = DECODE_BUDGET_BYTES

  const resolve = (object: PDFObject | undefined): PDFObject | undefined => (object instanceof PDFRef ? context.lookup(object) : object)
  const nameOf = (object: PDFObject | undefined) => {
    const resolved = resolve(object)
    return resolved instanceof PDFName ? resolved.decodeText() : null
  }
  const textOf = (object: PDFObject | undefined) => {
    const resolved = resolve(object)
    return resolved instanceof PDFString || resolved instanceof PDFHexString ? resolved.decodeText() : null
  }

  /** The decoded bytes of a stream, null for images and what cannot be decoded. */
  const decode = (stream: PDFStream): Buffer | null | 'too-complex' => {
    if (!(stream instanceof PDFRawStream)) return Buffer.from(stream.getContents())
    const filter = resolve(stream.dict.get(PDFName.of('Filter')))
    const filters = (filter instanceof PDFArray ? filter.asArray().map(nameOf) : filter ? [nameOf(filter)] : []).filter((f): f is string => f !== null)
    if (filters.some((f) => IMAGE_FILTERS.has(f))) return null
    try {
      let bytes = Buffer.from(stream.getContents())
      if (filters.every((f) => f === 'FlateDecode')) {
        for (let i = 0; i < filters.length; i++) {
          bytes = zlib.inflateSync(bytes, { maxOutputLength: Math.max(1, budget), finishFlush: zlib.constants.Z_SYNC_FLUSH })
        }
      } else if (filters.every((f) => f === 'FlateDecode' || TEXT_FILTERS.has(f))) {
        bytes = Buffer.from(decodePDFRawStream(stream).decode())
      } else {
        return null
      }
      budget -= bytes.length
      return budget < 0 ? 'too-complex' : bytes
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-complex' : null
    }
  }

  const EXECUTABLE = [
    Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
    Buffer.from('MZ'),
    Buffer.from([0xfe, 0xed, 0xfa, 0xce]),
    Buffer.from([0xfe, 0xed, 0xfa, 0xcf]),
    Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
    Buffer.from([0xce, 0xfa, 0xed, 0xfe]),
  ]
  const inspectBytes = (bytes: Buffer, xfa: boolean): ActiveContent | null => {
    if (EXECUTABLE.some((magic) => bytes.subarray(0, magic.length).equals(magic))) return 'attachment'
    const text = bytes.toString('latin1').toLowerCase()
    if (text.includes('<script')) return 'script'
    if (xfa && (text.includes('<execute') || text.includes('javascript'))) return 'script'
    return null
  }

  /** An action that runs by itself: GoTo only, through the whole /Next chain. */
  const automatic = (object: PDFObject | undefined, chain = new Set<PDFObject>()): ActiveContent | null => {
    const action = resolve(object)
    if (!action || chain.has(action)) return null
    chain.add(action)
    if (action instanceof PDFArray) {
      // An explicit destination ([page /Fit …]) is just where to open; an array of actions is a chain.
      const items = action.asArray().map(resolve)
      if (!items.some((item) => item instanceof PDFDict)) return null
      for (const item of items) {
        const found = automatic(item, chain)
        if (found) return found
      }
      return null
    }
    if (!(action instanceof PDFDict)) return null
    const kind = nameOf(action.get(PDFName.of('S')))
    if (kind === null) return null
    if (kind === 'Launch') return 'launch'
    if (SCRIPT_ACTIONS.has(kind)) return 'script'
    if (kind !== 'GoTo') return 'open-action'
    return automatic(action.get(PDFName.of('Next')), chain)
  }

  const visit = (object: PDFObject | undefined, xfa = false): ActiveContent | null => {
    const resolved = resolve(object)
    const visited = xfa ? seen.xfa : seen.plain
    if (!resolved || visited.has(resolved)) return null
    visited.add(resolved)
    if (resolved instanceof PDFStream) {
      const inDict = visit(resolved.dict)
      if (inDict) return inDict
      const type = nameOf(resolved.dict.get(PDFName.of('Type')))
      if (type === 'EmbeddedFile') return 'attachment'
      if (type === 'ObjStm' || type === 'XRef' || nameOf(resolved.dict.get(PDFName.of('Subtype'))) === 'Image') return null
      const bytes = decode(resolved)
      if (bytes === 'too-complex') return 'too-complex'
      if (bytes === null) return xfa ? 'script' : null
      return inspectBytes(bytes, xfa)
    }
    if (resolved instanceof PDFArray) {
      for (const item of resolved.asArray()) {
        const found = visit(item, xfa)
        if (found) return found
      }
      return null
    }
    if (!(resolved instanceof PDFDict)) return null
    for (const [key, value] of resolved.entries()) {
      const found = entry(key.decodeText(), value)
      if (found) return found
    }
    return null
  }

  const entry = (key: string, value: PDFObject): ActiveContent | null => {
    switch (key) {
      case 'JS':
      case 'JavaScript':
        return 'script'
      case 'EmbeddedFiles':
      case 'EF':
        return 'attachment'
      case 'S': {
        const kind = nameOf(value)
        if (kind === 'Launch') return 'launch'
        if (kind && SCRIPT_ACTIONS.has(kind)) return 'script'
        break
      }
      case 'Subtype':
        if (nameOf(value) === 'FileAttachment') return 'attachment'
        break
      case 'URI': {
        const uri = textOf(value)?.trim()
        if (uri !== undefined && uri !== null && !SAFE_URI.test(uri)) return 'script'
        break
      }
      case 'OpenAction': {
        const found = automatic(value)
        if (found) return found
        break
      }
      case 'AA': {
        const triggers = resolve(value)
        if (triggers instanceof PDFDict) {
          for (const [, action] of triggers.entries()) {
            const found = automatic(action)
            if (found) return found
          }
        }
        break
      }
      case 'XFA':
        return visit(value, true)
    }
    return visit(value)
  }

  for (const [, object] of context.enumerateIndirectObjects()) {
    const found = visit(object)
    if (found) return found
  }
  // The trailer's catalog is reached above; its inline dictionaries (and an inline /OpenAction) too.
  return visit(doc.catalog)
}
