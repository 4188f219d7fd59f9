import type { IncomingMessage } from 'node:http'
import { badRequest } from '../../core/errors'

/** How long the multipart parser may sit on received bytes without moving before the upload is refused. */
export const PARSER_STALL_MS = 1500
const TICK_MS = 250

export const malformedUpload = () => badRequest('UPLOAD_MALFORMED', '上传内容格式不正确（文件名或分段头无效），请重新选择文件后上传')

/**
 * Watches a multipart upload for a parser that stopped consuming bytes it already has.
 *
 * busboy skips a part whose decoded file name contains a line break, and when such a part is larger
 * than its stream buffer (≈16 KB) it never resumes or finishes: the request would wait forever. A
 * network that is merely slow looks different — nothing is waiting in the request's buffer — and is
 * left to the server's request timeout. So a stall is: the body is complete or bytes sit unread in
 * the request's buffer, and for PARSER_STALL_MS neither the socket, the buffer nor the consumer moved.
 */
export function watchUpload(raw: IncomingMessage, onStall: (error: Error) => void) {
  let progress = 0
  let last = ''
  let still = 0
  let stopped = false
  const timer = setInterval(() => {
    const waiting = raw.complete || raw.readableLength > 0
    const snapshot = `${raw.socket?.bytesRead ?? 0}:${raw.readableLength}:${progress}:${raw.complete}`
    still = waiting && snapshot === last ? still + TICK_MS : 0
    last = snapshot
    if (still >= PARSER_STALL_MS) {
      stop()
      onStall(malformedUpload())
    }
  }, TICK_MS)
  timer.unref()
  function stop() {
    if (stopped) return
    stopped = true
    clearInterval(timer)
  }
  return {
    /** The consumer received something (a part, a chunk). */
    progressed() {
      progress++
    },
    stop,
  }
}

export interface UploadWatch {
  /** The consumer received something (a part, a chunk). */
  progressed(): void
  /** The body has been read in full: later work (inspection, database) is not watched. */
  finished(): void
  /** Rejects with 400 UPLOAD_MALFORMED when the parser stalls. */
  stalled: Promise<never>
}

/** Runs `work` while the upload is watched; a stall rejects with 400 UPLOAD_MALFORMED. */
export function guarded<T>(raw: IncomingMessage, work: (watch: UploadWatch) => Promise<T>): Promise<T> {
  let reject!: (error: Error) => void
  const stalled = new Promise<never>((_, r) => (reject = r))
  stalled.catch(() => undefined)
  const watch = watchUpload(raw, (error) => reject(error))
  return Promise.race([work({ progressed: watch.progressed, finished: watch.stop, stalled }), stalled]).finally(watch.stop)
}
