import type { WebSocket } from 'ws'
import type { Db } from '../../core/db'
import { QUEUE_CHANNEL, type QueueEvent } from './repository'

/** Bursts of changes (a call notifies several tickets) reach a client as one signal. */
const COALESCE_MS = 150

/**
 * Live queue updates for one BFF instance. Changes are published with NOTIFY inside the transaction
 * that made them, so every instance — not only the one that served the request — hears them after
 * commit and tells its own connected clients which hall changed; clients then re-read what they show.
 */
export class QueueLive {
  private readonly watchers = new Map<string, Set<WebSocket>>()
  private readonly pending = new WeakMap<WebSocket, Set<string>>()
  private unlisten: (() => Promise<void>) | null = null

  async start(db: Db): Promise<void> {
    this.unlisten = await db.listen(QUEUE_CHANNEL, (payload) => this.dispatch(payload))
  }

  async stop(): Promise<void> {
    await this.unlisten?.()
    this.unlisten = null
  }

  /** Sends `{type: 'changed', hallId}` to `socket` whenever the hall's queue changes; returns the unsubscribe. */
  watch(hallId: string, socket: WebSocket): () => void {
    const set = this.watchers.get(hallId) ?? new Set<WebSocket>()
    set.add(socket)
    this.watchers.set(hallId, set)
    return () => {
      set.delete(socket)
      if (set.size === 0) this.watchers.delete(hallId)
    }
  }

  private dispatch(payload: string) {
    let event: QueueEvent
    try {
      event = JSON.parse(payload) as QueueEvent
    } catch {
      return
    }
    for (const socket of this.watchers.get(event.hallId) ?? []) this.signal(socket, event.hallId)
  }

  private signal(socket: WebSocket, hallId: string) {
    const queued = this.pending.get(socket)
    if (queued) {
      queued.add(hallId)
      return
    }
    this.pending.set(socket, new Set([hallId]))
    setTimeout(() => {
      const halls = this.pending.get(socket) ?? new Set<string>()
      this.pending.delete(socket)
      if (socket.readyState !== socket.OPEN) return
      for (const hall of halls) socket.send(JSON.stringify({ type: 'changed', hallId: hall }))
    }, COALESCE_MS)
  }
}
