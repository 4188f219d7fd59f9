/**
 * Painting and exporting a signature on any 2D canvas context (weapp Canvas 2d, the H5 <canvas>, or a
 * test double). Kept apart from the component so the order that matters — white paper first, every
 * dot, a frame for the platform to finish drawing, only then the PNG — is testable without a canvas.
 */
import type { Dot, SignatureModel, SignatureProblem } from './stroke'

export interface Context2D {
  fillStyle: unknown
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
  fillRect(x: number, y: number, width: number, height: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  arc(x: number, y: number, radius: number, start: number, end: number): void
  fill(): void
}

const INK = '#111111'
const PAPER = '#ffffff'

export interface Size {
  width: number
  height: number
}

/**
 * Logical → backing-store pixels. Rotated (landscape on a portrait screen) the user holds the phone
 * sideways: logical x runs down the screen and logical y runs from the right edge to the left.
 */
export function viewTransform(dpr: number, rotated: boolean, screenWidth: number): [number, number, number, number, number, number] {
  return rotated ? [0, dpr, -dpr, 0, screenWidth * dpr, 0] : [dpr, 0, 0, dpr, 0, 0]
}

/** A touch at screen position (relative to the canvas) → logical drawing coordinates. */
export function toLogical(x: number, y: number, rotated: boolean, screenWidth: number): { x: number; y: number } {
  return rotated ? { x: y, y: screenWidth - x } : { x, y }
}

/** The logical drawing area of a canvas shown `screen` large. */
export const logicalSize = (screen: Size, rotated: boolean): Size => (rotated ? { width: screen.height, height: screen.width } : screen)

export function paintPaper(ctx: Context2D, size: Size): void {
  ctx.fillStyle = PAPER
  ctx.fillRect(0, 0, size.width, size.height)
}

export function paintDots(ctx: Context2D, dots: Dot[]): void {
  if (!dots.length) return
  ctx.fillStyle = INK
  ctx.beginPath()
  for (const dot of dots) {
    ctx.moveTo(dot.x, dot.y)
    ctx.arc(dot.x, dot.y, dot.r, 0, 2 * Math.PI)
  }
  ctx.fill()
}

/** A canvas the export draws on: sized on demand, given a frame to flush, then read as PNG. */
export interface ExportSurface {
  prepare(pixels: Size): Promise<Context2D>
  /** Resolves once the platform has drawn what was painted (a blank PNG is the classic bug without it). */
  nextFrame(): Promise<void>
  /** Base64 PNG (no data: prefix). */
  toPng(): Promise<string>
}

/** Longest side of the exported image: crisp in the PDF, small enough to upload (≈ 20–60 KB). */
export const EXPORT_MAX_SIDE = 1000

const exportScale = (logical: Size) => Math.min(2, EXPORT_MAX_SIDE / Math.max(logical.width, logical.height))

export type ExportResult = { ok: true; png: string; size: Size } | { ok: false; problem: SignatureProblem }

/** Renders the finished signature on white and exports it; refuses while a stroke is still being drawn. */
export async function exportSignature(model: SignatureModel, logical: Size, surface: ExportSurface): Promise<ExportResult> {
  const problem = model.problem()
  if (problem) return { ok: false, problem }
  const scale = exportScale(logical)
  const pixels = { width: Math.round(logical.width * scale), height: Math.round(logical.height * scale) }
  const ctx = await surface.prepare(pixels)
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  paintPaper(ctx, pixels)
  ctx.setTransform(scale, 0, 0, scale, 0, 0)
  paintDots(ctx, model.replay())
  await surface.nextFrame()
  return { ok: true, png: await surface.toPng(), size: pixels }
}

/** Paints the whole signature again on a visible canvas (after undo, clear or a resize). */
export function repaint(ctx: Context2D, dots: Dot[], view: { dpr: number; rotated: boolean; screen: Size }): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  paintPaper(ctx, { width: view.screen.width * view.dpr, height: view.screen.height * view.dpr })
  ctx.setTransform(...viewTransform(view.dpr, view.rotated, view.screen.width))
  paintDots(ctx, dots)
}
