/**
 * The platform side of the signature pad: finding a `<Canvas type="2d">` node, sizing its backing store
 * by devicePixelRatio, and reading it back as PNG. weapp and H5 share the node API (width, height,
 * getContext('2d')); they differ only in how a PNG comes out.
 */
import Taro from '@tarojs/taro'
import type { Context2D, ExportSurface, Size } from './render'

export interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): Context2D | null
  requestAnimationFrame?: (callback: () => void) => number
  toDataURL?: (type: string) => string
}

export interface MountedCanvas {
  node: CanvasNode
  ctx: Context2D
  /** CSS size of the canvas on screen. */
  screen: Size
  /** Its top-left corner in the viewport (H5 pointer events give viewport coordinates). */
  origin: { left: number; top: number }
}

/** Backing-store pixels per CSS pixel: crisp on phones, capped so a 4× tablet does not allocate 16× memory. */
export function pixelRatio(): number {
  const ratio = Taro.getSystemInfoSync().pixelRatio || 1
  return Math.min(Math.max(ratio, 1), 3)
}

interface Rect {
  width: number
  height: number
  left: number
  top: number
}

/** The node and its on-screen box. On H5 `fields({ node })` carries no size, so the box is a second query. */
export function queryCanvas(id: string): Promise<{ node: CanvasNode; rect: Rect } | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true })
      .select(`#${id}`)
      .boundingClientRect()
      .exec((res: [{ node?: CanvasNode } | null, Rect | null]) => {
        const node = res?.[0]?.node
        const rect = res?.[1]
        resolve(node && rect && rect.width > 0 && rect.height > 0 ? { node, rect } : null)
      })
  })
}

/** Sizes the canvas's backing store to its CSS size × `dpr` and returns its context. */
export async function mountCanvas(id: string, dpr: number): Promise<MountedCanvas | null> {
  const found = await queryCanvas(id)
  if (!found) return null
  const { node, rect } = found
  node.width = Math.round(rect.width * dpr)
  node.height = Math.round(rect.height * dpr)
  const ctx = node.getContext('2d')
  return ctx ? { node, ctx, screen: { width: rect.width, height: rect.height }, origin: { left: rect.left, top: rect.top } } : null
}

/** The hidden canvas the signature is exported from, at its own pixel size. */
export function exportSurface(id: string): ExportSurface {
  let node: CanvasNode | null = null
  return {
    async prepare(pixels) {
      const found = await queryCanvas(id)
      if (!found) throw new Error('签名画布不可用')
      node = found.node
      node.width = pixels.width
      node.height = pixels.height
      const ctx = node.getContext('2d')
      if (!ctx) throw new Error('签名画布不可用')
      return ctx
    },
    nextFrame() {
      return new Promise<void>((resolve) => {
        if (node?.requestAnimationFrame) node.requestAnimationFrame(() => resolve())
        else if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve())
        else setTimeout(resolve, 16)
      })
    },
    async toPng() {
      if (!node) throw new Error('签名画布不可用')
      if (process.env.TARO_ENV === 'h5') return node.toDataURL!('image/png').replace(/^data:image\/png;base64,/, '')
      const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: node as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
      const file = await new Promise<string>((resolve, reject) =>
        Taro.getFileSystemManager().readFile({
          filePath: tempFilePath,
          encoding: 'base64',
          success: (res) => resolve(res.data as string),
          fail: reject,
        }),
      )
      return file
    },
  }
}
