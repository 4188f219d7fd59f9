/**
 * The geometry of handwriting, without Taro or a canvas (after szimek/signature_pad): points closer
 * than `minDistance` or sooner than `throttleMs` after the last one are dropped, the pen width follows
 * the smoothed velocity (w = max(maxWidth / (v + 1), minWidth)), and each segment is a cubic Bézier
 * through the neighbouring points, laid down as overlapping dots so the width can change along it.
 * Coordinates are logical (CSS) pixels of the drawing area; time is in milliseconds.
 */

export interface Point {
  x: number
  y: number
  time: number
}

/** A filled circle: the unit the renderer paints. */
export interface Dot {
  x: number
  y: number
  r: number
}

export interface StrokeOptions {
  minWidth: number
  maxWidth: number
  minDistance: number
  throttleMs: number
  /** Weight of the newest velocity against the previous smoothed one. */
  velocityFilterWeight: number
}

export const DEFAULT_STROKE_OPTIONS: StrokeOptions = { minWidth: 0.8, maxWidth: 3, minDistance: 5, throttleMs: 16, velocityFilterWeight: 0.7 }

/** What a signature needs before it can be confirmed: not a tap, not a tick. */
const SIGNATURE_MINIMUM = { inkLength: 80, points: 12 }

export type SignatureProblem = 'empty' | 'too_short' | 'drawing'

export const SIGNATURE_PROBLEM_MESSAGES: Record<SignatureProblem, string> = {
  empty: '请先在框内签名',
  too_short: '签名过短，请签写完整姓名',
  drawing: '请完成签名后再确认',
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)
const velocity = (from: Point, to: Point) => (to.time !== from.time ? distance(from, to) / (to.time - from.time) : 0)

function controlPoints(s1: Point, s2: Point, s3: Point) {
  const m1 = { x: (s1.x + s2.x) / 2, y: (s1.y + s2.y) / 2 }
  const m2 = { x: (s2.x + s3.x) / 2, y: (s2.y + s3.y) / 2 }
  const l1 = distance(s1, s2)
  const l2 = distance(s2, s3)
  const k = l1 + l2 === 0 ? 0 : l2 / (l1 + l2)
  const cm = { x: m2.x + (m1.x - m2.x) * k, y: m2.y + (m1.y - m2.y) * k }
  const tx = s2.x - cm.x
  const ty = s2.y - cm.y
  return { c1: { x: m1.x + tx, y: m1.y + ty }, c2: { x: m2.x + tx, y: m2.y + ty } }
}

interface Xy {
  x: number
  y: number
}

function bezierPoint(t: number, p0: Xy, c1: Xy, c2: Xy, p1: Xy): Xy {
  const u = 1 - t
  const a = u * u * u
  const b = 3 * u * u * t
  const c = 3 * u * t * t
  const d = t * t * t
  return { x: a * p0.x + b * c1.x + c * c2.x + d * p1.x, y: a * p0.y + b * c1.y + c * c2.y + d * p1.y }
}

function bezierLength(p0: Xy, c1: Xy, c2: Xy, p1: Xy): number {
  const steps = 10
  let length = 0
  let previous = p0
  for (let i = 1; i <= steps; i++) {
    const point = bezierPoint(i / steps, p0, c1, c2, p1)
    length += Math.hypot(point.x - previous.x, point.y - previous.y)
    previous = point
  }
  return length
}

/** Turns the accepted points of one stroke, one by one, into dots. */
export class StrokeBuilder {
  private window: Point[] = []
  private lastVelocity = 0
  private lastWidth: number

  constructor(private readonly options: StrokeOptions) {
    this.lastWidth = (options.minWidth + options.maxWidth) / 2
  }

  add(point: Point): Dot[] {
    const first = this.window.length === 0
    this.window.push(point)
    // The first point is a dot of middle width, so a tap leaves a mark.
    if (first) return [{ x: point.x, y: point.y, r: this.lastWidth }]
    if (this.window.length < 3) return []
    if (this.window.length === 3) this.window.unshift(this.window[0])
    const [s0, s1, s2, s3] = this.window
    const v = this.options.velocityFilterWeight * velocity(s1, s2) + (1 - this.options.velocityFilterWeight) * this.lastVelocity
    const endWidth = Math.max(this.options.maxWidth / (v + 1), this.options.minWidth)
    const startWidth = this.lastWidth
    this.lastVelocity = v
    this.lastWidth = endWidth
    this.window.shift()

    const c1 = controlPoints(s0, s1, s2).c2
    const c2 = controlPoints(s1, s2, s3).c1
    const steps = Math.max(1, Math.ceil(bezierLength(s1, c1, c2, s2)) * 2)
    const dots: Dot[] = []
    for (let i = 0; i < steps; i++) {
      const t = i / steps
      const at = bezierPoint(t, s1, c1, c2, s2)
      dots.push({ x: at.x, y: at.y, r: Math.min(startWidth + t * t * t * (endWidth - startWidth), this.options.maxWidth) })
    }
    return dots
  }
}

/**
 * The strokes of one signature. `begin`/`move`/`end` return the dots to paint now; `replay` returns
 * every dot again (after undo, a resize or for export) and gives exactly what was painted live.
 */
export class SignatureModel {
  private readonly options: StrokeOptions
  private strokes: Point[][] = []
  private current: { points: Point[]; builder: StrokeBuilder } | null = null

  constructor(options: Partial<StrokeOptions> = {}) {
    this.options = { ...DEFAULT_STROKE_OPTIONS, ...options }
  }

  get drawing(): boolean {
    return this.current !== null
  }

  get strokeCount(): number {
    return this.strokes.length
  }

  get isEmpty(): boolean {
    return this.strokes.length === 0 && !this.current
  }

  /** Points kept, over all finished strokes. */
  get pointCount(): number {
    return this.strokes.reduce((n, s) => n + s.length, 0)
  }

  /** Length of the pen's path over all finished strokes, in logical pixels. */
  get inkLength(): number {
    let length = 0
    for (const stroke of this.strokes) for (let i = 1; i < stroke.length; i++) length += distance(stroke[i - 1], stroke[i])
    return length
  }

  begin(point: Point): Dot[] {
    if (this.current) this.end()
    const builder = new StrokeBuilder(this.options)
    this.current = { points: [point], builder }
    return builder.add(point)
  }

  move(point: Point): Dot[] {
    const current = this.current
    if (!current) return []
    const last = current.points[current.points.length - 1]
    if (point.time - last.time < this.options.throttleMs) return []
    return this.accept(current, point)
  }

  /** The lift of the pen: its last position counts even inside the throttle interval. */
  end(point?: Point): Dot[] {
    const current = this.current
    if (!current) return []
    const dots = point ? this.accept(current, point) : []
    this.strokes.push(current.points)
    this.current = null
    return dots
  }

  private accept(current: { points: Point[]; builder: StrokeBuilder }, point: Point): Dot[] {
    const last = current.points[current.points.length - 1]
    if (distance(last, point) <= this.options.minDistance) return []
    current.points.push(point)
    return current.builder.add(point)
  }

  /** Removes the last finished stroke; false when there is none. */
  undo(): boolean {
    if (this.current) return false
    return this.strokes.pop() !== undefined
  }

  clear(): void {
    this.strokes = []
    this.current = null
  }

  replay(): Dot[] {
    const dots: Dot[] = []
    for (const stroke of this.strokes) {
      const builder = new StrokeBuilder(this.options)
      for (const point of stroke) dots.push(...builder.add(point))
    }
    return dots
  }

  /** Scales every stroke about the origin, when the drawing area changes size (entering landscape). */
  rescale(factor: number): void {
    this.strokes = this.strokes.map((stroke) => stroke.map((p) => ({ x: p.x * factor, y: p.y * factor, time: p.time })))
  }

  problem(): SignatureProblem | null {
    if (this.current) return 'drawing'
    if (this.isEmpty) return 'empty'
    if (this.inkLength < SIGNATURE_MINIMUM.inkLength || this.pointCount < SIGNATURE_MINIMUM.points) return 'too_short'
    return null
  }
}
