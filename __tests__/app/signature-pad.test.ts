/**
 * The signature pad's logic without a canvas: point filtering, velocity-weighted width, Bézier
 * smoothing, empty / too-short detection, undo, the landscape mapping, and an export that paints
 * white paper first and reads the PNG only after the drawing is flushed and finished.
 */
import {
  EXPORT_MAX_SIDE,
  exportSignature,
  logicalSize,
  repaint,
  toLogical,
  viewTransform,
  type Context2D,
  type ExportSurface,
} from '../../src/components/signature-pad/render'
import { DEFAULT_STROKE_OPTIONS, SignatureModel, StrokeBuilder, type Point } from '../../src/components/signature-pad/stroke'

/** A stroke along a sine wave: `count` points `step` px apart horizontally, `dt` ms apart. */
function wave(count: number, options: { x0?: number; y0?: number; step?: number; dt?: number; t0?: number } = {}): Point[] {
  const { x0 = 20, y0 = 100, step = 12, dt = 20, t0 = 1000 } = options
  return Array.from({ length: count }, (_, i) => ({ x: x0 + i * step, y: y0 + Math.sin(i / 2) * 30, time: t0 + i * dt }))
}

function draw(model: SignatureModel, points: Point[]) {
  const dots = [...model.begin(points[0])]
  for (const p of points.slice(1, -1)) dots.push(...model.move(p))
  dots.push(...model.end(points[points.length - 1]))
  return dots
}

describe('SignatureModel: what counts as a signature', () => {
  it('is empty before anything is drawn, and refuses a tap or a tick as too short', () => {
    const model = new SignatureModel()
    expect(model.isEmpty).toBe(true)
    expect(model.problem()).toBe('empty')

    draw(model, [
      { x: 50, y: 50, time: 0 },
      { x: 50, y: 50, time: 100 },
    ])
    expect(model.isEmpty).toBe(false)
    expect(model.problem()).toBe('too_short')

    draw(model, wave(5, { t0: 5000 }))
    expect(model.problem()).toBe('too_short')
  })

  it('accepts a written name: enough ink and enough points', () => {
    const model = new SignatureModel()
    draw(model, wave(12))
    draw(model, wave(10, { y0: 160, t0: 3000 }))
    expect(model.inkLength).toBeGreaterThan(80)
    expect(model.pointCount).toBeGreaterThanOrEqual(12)
    expect(model.problem()).toBeNull()
  })

  it('is not finished while a stroke is being drawn', () => {
    const model = new SignatureModel()
    draw(model, wave(20))
    model.begin({ x: 10, y: 10, time: 9000 })
    expect(model.drawing).toBe(true)
    expect(model.problem()).toBe('drawing')
    expect(model.undo()).toBe(false)
    model.end()
    expect(model.problem()).toBeNull()
  })
})

describe('SignatureModel: point filtering', () => {
  it('drops points closer than the minimum distance and sooner than the throttle interval', () => {
    const model = new SignatureModel()
    model.begin({ x: 0, y: 0, time: 0 })
    expect(model.move({ x: 3, y: 0, time: 50 })).toEqual([]) // 3 px ≤ 5 px
    expect(model.move({ x: 30, y: 0, time: 60 })).toEqual([]) // 60 − 0 ≥ 16 ms but a second point gives no curve yet
    expect(model.move({ x: 60, y: 0, time: 65 })).toEqual([]) // 5 ms after the last accepted point: throttled
    expect(model.move({ x: 60, y: 0, time: 90 }).length).toBeGreaterThan(0)
    model.end()
    expect(model.pointCount).toBe(3)
  })

  it('keeps the pen’s last position at the lift even inside the throttle interval', () => {
    const model = new SignatureModel()
    model.begin({ x: 0, y: 0, time: 0 })
    model.move({ x: 20, y: 0, time: 20 })
    model.end({ x: 40, y: 0, time: 25 })
    expect(model.pointCount).toBe(3)
  })
})

describe('SignatureModel: smooth, pressure-like strokes', () => {
  it('lays a Bézier curve between points: many interpolated dots, all within the stroke’s bounds', () => {
    const points = wave(10)
    const dots = draw(new SignatureModel(), points)
    expect(dots.length).toBeGreaterThan(points.length * 5)
    const inside = (v: number, values: number[]) => v >= Math.min(...values) - 10 && v <= Math.max(...values) + 10
    expect(
      dots.every(
        (d) =>
          inside(
            d.x,
            points.map((p) => p.x),
          ) &&
          inside(
            d.y,
            points.map((p) => p.y),
          ),
      ),
    ).toBe(true)
    // Consecutive dots overlap: the line has no gaps.
    for (let i = 1; i < dots.length; i++) expect(Math.hypot(dots[i].x - dots[i - 1].x, dots[i].y - dots[i - 1].y)).toBeLessThan(2)
  })

  it('draws fast movement thinner than slow movement, never outside [minWidth, maxWidth]', () => {
    const widthAtEnd = (dt: number) => {
      const dots = draw(new SignatureModel(), wave(15, { dt }))
      return dots[dots.length - 1].r
    }
    const slow = widthAtEnd(200)
    const fast = widthAtEnd(17)
    expect(fast).toBeLessThan(slow)
    for (const dot of draw(new SignatureModel(), wave(30, { dt: 17, step: 40 }))) {
      expect(dot.r).toBeGreaterThanOrEqual(DEFAULT_STROKE_OPTIONS.minWidth)
      expect(dot.r).toBeLessThanOrEqual(DEFAULT_STROKE_OPTIONS.maxWidth)
    }
  })

  it('replays exactly what was painted live', () => {
    const model = new SignatureModel()
    const live = [...draw(model, wave(12)), ...draw(model, wave(9, { y0: 200, t0: 4000 }))]
    expect(model.replay()).toEqual(live)
  })

  it('leaves a dot for a single tap', () => {
    const builder = new StrokeBuilder(DEFAULT_STROKE_OPTIONS)
    expect(builder.add({ x: 5, y: 5, time: 0 })).toEqual([{ x: 5, y: 5, r: (DEFAULT_STROKE_OPTIONS.minWidth + DEFAULT_STROKE_OPTIONS.maxWidth) / 2 }])
  })
})

describe('SignatureModel: undo and clear', () => {
  it('undoes the last stroke only, and clears everything', () => {
    const model = new SignatureModel()
    const first = draw(model, wave(12))
    draw(model, wave(9, { y0: 200, t0: 4000 }))
    expect(model.strokeCount).toBe(2)
    expect(model.undo()).toBe(true)
    expect(model.strokeCount).toBe(1)
    expect(model.replay()).toEqual(first)
    model.clear()
    expect(model.isEmpty).toBe(true)
    expect(model.undo()).toBe(false)
    expect(model.problem()).toBe('empty')
  })

  it('scales the strokes when the pad changes size', () => {
    const model = new SignatureModel()
    draw(model, wave(12))
    const before = model.inkLength
    model.rescale(2)
    expect(model.inkLength).toBeCloseTo(before * 2, 5)
  })
})

describe('landscape mode on a portrait screen', () => {
  it('maps touches to a sideways drawing area and paints them back where the finger was', () => {
    const screen = { width: 375, height: 600 }
    expect(logicalSize(screen, true)).toEqual({ width: 600, height: 375 })
    const touch = { x: 300, y: 100 }
    const logical = toLogical(touch.x, touch.y, true, screen.width)
    expect(logical).toEqual({ x: 100, y: 75 })
    const [a, b, c, d, e, f] = viewTransform(2, true, screen.width)
    // The transform takes the logical point back to the backing-store pixel under the finger (× dpr).
    expect({ x: a * logical.x + c * logical.y + e, y: b * logical.x + d * logical.y + f }).toEqual({ x: touch.x * 2, y: touch.y * 2 })
    expect(toLogical(10, 20, false, screen.width)).toEqual({ x: 10, y: 20 })
    expect(viewTransform(3, false, 375)).toEqual([3, 0, 0, 3, 0, 0])
  })
})

class RecordingContext implements Context2D {
  fillStyle: unknown = '#000000'
  calls: string[] = []
  setTransform(...m: number[]) {
    this.calls.push(`transform ${m.join(',')}`)
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.calls.push(`fillRect ${this.fillStyle} ${x},${y},${w},${h}`)
  }
  beginPath() {
    this.calls.push('beginPath')
  }
  moveTo() {}
  arc() {
    if (this.calls.at(-1) !== 'arc') this.calls.push('arc')
  }
  fill() {
    this.calls.push(`fill ${this.fillStyle}`)
  }
}

function recordingSurface() {
  const ctx = new RecordingContext()
  const order: string[] = []
  let size: { width: number; height: number } | null = null
  const surface: ExportSurface = {
    async prepare(pixels) {
      size = pixels
      order.push('prepare')
      return ctx
    },
    async nextFrame() {
      order.push(`frame after ${ctx.calls.length} calls`)
    },
    async toPng() {
      order.push('toPng')
      return 'iVBORw0KGgo='
    },
  }
  return { ctx, order, surface, size: () => size }
}

describe('exportSignature', () => {
  const logical = { width: 343, height: 200 }

  it('refuses an empty pad, a too-short signature and a stroke still being drawn, without touching the canvas', async () => {
    const model = new SignatureModel()
    const rec = recordingSurface()
    expect(await exportSignature(model, logical, rec.surface)).toEqual({ ok: false, problem: 'empty' })
    draw(model, wave(3))
    expect(await exportSignature(model, logical, rec.surface)).toEqual({ ok: false, problem: 'too_short' })
    draw(model, wave(20, { t0: 9000 }))
    model.begin({ x: 1, y: 1, time: 20000 })
    expect(await exportSignature(model, logical, rec.surface)).toEqual({ ok: false, problem: 'drawing' })
    expect(rec.order).toEqual([])
  })

  it('paints opaque white paper, then the ink, waits a frame, and only then reads the PNG', async () => {
    const model = new SignatureModel()
    draw(model, wave(20))
    const rec = recordingSurface()
    const result = await exportSignature(model, logical, rec.surface)
    expect(result).toEqual({ ok: true, png: 'iVBORw0KGgo=', size: { width: 686, height: 400 } })
    expect(rec.ctx.calls).toEqual(['transform 1,0,0,1,0,0', 'fillRect #ffffff 0,0,686,400', 'transform 2,0,0,2,0,0', 'beginPath', 'arc', 'fill #111111'])
    expect(rec.order).toEqual(['prepare', 'frame after 6 calls', 'toPng'])
  })

  it('caps the exported image so a full-screen signature stays small enough to upload', async () => {
    const model = new SignatureModel()
    draw(model, wave(40, { step: 20 }))
    const rec = recordingSurface()
    const result = await exportSignature(model, { width: 800, height: 375 }, rec.surface)
    expect(result.ok && result.size).toEqual({ width: EXPORT_MAX_SIDE, height: Math.round(375 * (EXPORT_MAX_SIDE / 800)) })
  })
})

describe('repaint', () => {
  it('clears to white in device pixels before drawing the strokes in logical ones', () => {
    const ctx = new RecordingContext()
    repaint(ctx, [{ x: 1, y: 1, r: 1 }], { dpr: 3, rotated: false, screen: { width: 300, height: 200 } })
    expect(ctx.calls).toEqual(['transform 1,0,0,1,0,0', 'fillRect #ffffff 0,0,900,600', 'transform 3,0,0,3,0,0', 'beginPath', 'arc', 'fill #111111'])
  })
})
