/** The BFF's one clock. Every time rule reads it, so a demo or a test can start the day at any hour. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** Starts at `start` and runs forward in real time. */
export function clockFrom(start: string | Date): Clock {
  const startMs = new Date(start).getTime()
  if (Number.isNaN(startMs)) throw new Error(`invalid clock start: ${String(start)}`)
  const realStart = Date.now()
  return { now: () => new Date(startMs + (Date.now() - realStart)) }
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number
  constructor(start: string | Date) {
    this.current = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.current)
  }
  set(to: string | Date): void {
    this.current = new Date(to).getTime()
  }
  advance(ms: number): void {
    this.current += ms
  }
}
