/**
 * The signature pad as rendered on H5 (jsdom with a recording 2D context in place of a real canvas):
 * pointer input draws, undo and clear follow the strokes, an empty or scribbled pad is refused, and
 * confirming hands over the PNG of a canvas painted white first.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { SignaturePad } from '../../src/components/signature-pad'

class RecordingContext {
  fillStyle: unknown = '#000'
  ops: string[] = []
  constructor(readonly canvas: HTMLCanvasElement) {}
  setTransform(...m: number[]) {
    this.ops.push(`transform ${m.join(',')}`)
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.ops.push(`fillRect ${this.fillStyle} ${x},${y},${w},${h}`)
  }
  beginPath() {}
  moveTo() {}
  arc() {
    this.ops.push('arc')
  }
  fill() {
    this.ops.push(`fill ${this.fillStyle}`)
  }
}

const contexts = new Map<HTMLCanvasElement, RecordingContext>()

beforeEach(() => {
  contexts.clear()
  jest.restoreAllMocks()
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    if (!contexts.has(this)) contexts.set(this, new RecordingContext(this))
    return contexts.get(this) as never
  })
  jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(function (this: HTMLCanvasElement) {
    const ops = contexts.get(this)?.ops ?? []
    return `data:image/png;base64,${Buffer.from(`${this.width}x${this.height}|${ops[1]}|${ops.filter((o) => o === 'arc').length}`).toString('base64')}`
  })
  // jsdom lays nothing out: give the canvases the size a phone would.
  jest
    .spyOn(Element.prototype, 'getBoundingClientRect')
    .mockReturnValue({ x: 0, y: 0, left: 0, top: 0, width: 320, height: 200, right: 320, bottom: 200, toJSON: () => ({}) })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
  // Taro's H5 selector query needs a mounted Taro page; answer it the way it does: the inner <canvas> and the host's box.
  jest.spyOn(Taro, 'createSelectorQuery').mockImplementation(() => {
    const ids: string[] = []
    const query = {
      select: (selector: string) => {
        ids.push(selector.slice(1))
        return { fields: () => query, boundingClientRect: () => query }
      },
      exec: (callback: (res: unknown[]) => void) => {
        const host = document.getElementById(ids[0])
        setTimeout(() => callback([host ? { node: host.querySelector('canvas') } : null, host ? host.getBoundingClientRect() : null]), 0)
      },
    }
    return query as never
  })
})

const pointer = (type: string, x: number, y: number) =>
  Object.assign(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true }), { pointerId: 1 })

async function padCanvas(): Promise<HTMLCanvasElement> {
  let canvas: HTMLCanvasElement | undefined
  await waitFor(() => {
    canvas = Array.from(document.querySelectorAll('canvas')).find((c) => contexts.get(c)?.ops.some((o) => o.startsWith('fillRect')))
    expect(canvas).toBeDefined()
  })
  return canvas!
}

async function stroke(canvas: HTMLCanvasElement, y: number) {
  fireEvent(canvas, pointer('pointerdown', 20, y))
  for (let i = 1; i <= 15; i++) {
    await new Promise((resolve) => setTimeout(resolve, 18))
    fireEvent(canvas, pointer('pointermove', 20 + i * 18, y + Math.sin(i) * 20))
  }
  fireEvent(canvas, pointer('pointerup', 300, y))
}

const button = (name: string) => screen.getByRole('button', { name })

test('draws with the pointer at device-pixel scale, undoes and clears stroke by stroke', async () => {
  render(<SignaturePad onConfirm={() => undefined} />)
  const canvas = await padCanvas()
  expect(canvas.width).toBe(320 * Math.max(1, window.devicePixelRatio || 1))
  expect(button('撤销').getAttribute('aria-disabled')).toBe('true')

  await stroke(canvas, 60)
  await waitFor(() => expect(button('撤销').getAttribute('aria-disabled')).toBeNull())
  const ctx = contexts.get(canvas)!
  expect(ctx.ops.filter((o) => o === 'arc').length).toBeGreaterThan(50)

  await stroke(canvas, 140)
  ctx.ops = []
  fireEvent.click(button('撤销'))
  // Undo repaints: white paper, then only the first stroke.
  expect(ctx.ops[1]).toMatch(/^fillRect #ffffff 0,0,/)
  expect(ctx.ops.filter((o) => o === 'arc').length).toBeGreaterThan(50)

  ctx.ops = []
  fireEvent.click(button('清除'))
  expect(ctx.ops[1]).toMatch(/^fillRect #ffffff 0,0,/)
  expect(ctx.ops).not.toContain('arc')
  await waitFor(() => expect(button('撤销').getAttribute('aria-disabled')).toBe('true'))
  expect(screen.getByText('请在此处用手指签名')).toBeTruthy()
})

test('refuses to confirm an empty pad or a tap, and confirms a signature as a PNG painted on white', async () => {
  const onConfirm = jest.fn()
  render(<SignaturePad onConfirm={onConfirm} confirmText='确认签署' />)
  const canvas = await padCanvas()

  fireEvent.click(button('确认签署'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '请先在框内签名', icon: 'none' }))
  fireEvent(canvas, pointer('pointerdown', 50, 50))
  fireEvent(canvas, pointer('pointerup', 51, 50))
  fireEvent.click(button('确认签署'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '签名过短，请签写完整姓名', icon: 'none' }))
  expect(onConfirm).not.toHaveBeenCalled()

  fireEvent.click(button('清除'))
  await stroke(canvas, 80)
  await stroke(canvas, 150)
  fireEvent.click(button('确认签署'))
  await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1))
  const [width, white, arcs] = Buffer.from(onConfirm.mock.calls[0][0], 'base64').toString().split('|')
  expect(width).toBe('640x400') // 320×200 logical at the export scale of 2
  expect(white).toBe('fillRect #ffffff 0,0,640,400')
  expect(Number(arcs)).toBeGreaterThan(100)
})
