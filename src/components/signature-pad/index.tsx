import { useCallback, useEffect, useRef, useState } from 'react'
import { Canvas, Text, View } from '@tarojs/components'
import type { CanvasTouchEvent } from '@tarojs/components/types/common'
import Taro from '@tarojs/taro'
import { ActionButton } from '../action-button'
import { asRole } from '../a11y'
import { exportSurface, mountCanvas, pixelRatio, type MountedCanvas } from './canvas'
import { exportSignature, logicalSize, paintDots, repaint, toLogical, viewTransform } from './render'
import { SIGNATURE_PROBLEM_MESSAGES, SignatureModel, type Dot } from './stroke'
import './index.scss'

interface SignaturePadProps {
  /** Receives the signature as a base64 PNG (opaque, white paper) once it is finished and long enough. */
  onConfirm: (pngBase64: string) => void
  confirmText?: string
  /** The parent is submitting: the pad stays as it is and cannot be confirmed again. */
  busy?: boolean
}

interface Surface extends MountedCanvas {
  dpr: number
  rotated: boolean
}

type Mode = 'inline' | 'landscape' | 'rotated'

let instances = 0

const h5 = process.env.TARO_ENV === 'h5'

/**
 * A handwritten-signature pad on `<Canvas type="2d">` (weapp and H5): DPR-sharp, velocity-weighted
 * smoothed strokes (./stroke), undo and clear, a landscape full-screen mode, page scroll locked while
 * signing, and a PNG export that waits for the drawing to finish (./render).
 */
export function SignaturePad({ onConfirm, confirmText = '确认签署', busy = false }: SignaturePadProps) {
  const ids = useRef<{ inline: string; full: string; export: string } | null>(null)
  if (!ids.current) {
    const n = ++instances
    ids.current = { inline: `sig-pad-${n}`, full: `sig-pad-full-${n}`, export: `sig-pad-export-${n}` }
  }
  const model = useRef(new SignatureModel()).current
  const surface = useRef<Surface | null>(null)
  const [mode, setMode] = useState<Mode>('inline')
  const [strokes, setStrokes] = useState(0)
  const [exporting, setExporting] = useState(false)
  /** Bumped whenever a canvas has been (re)mounted, so the H5 listeners move to it. */
  const [surfaceKey, setSurfaceKey] = useState(0)

  const fullscreen = mode !== 'inline'
  const activeId = fullscreen ? ids.current.full : ids.current.inline

  /** (Re)sizes the active canvas and repaints the model on it; called on mount and on every mode change. */
  const setUp = useCallback(async () => {
    const mounted = await mountCanvas(activeId, pixelRatio())
    if (!mounted) return
    const previous = surface.current
    const next: Surface = { ...mounted, dpr: pixelRatio(), rotated: mode === 'rotated' }
    if (previous) {
      const from = logicalSize(previous.screen, previous.rotated)
      const to = logicalSize(next.screen, next.rotated)
      const factor = Math.min(to.width / from.width, to.height / from.height)
      if (Number.isFinite(factor) && factor > 0 && Math.abs(factor - 1) > 0.01) model.rescale(factor)
    }
    surface.current = next
    repaint(next.ctx, model.replay(), next)
    setSurfaceKey((k) => k + 1)
  }, [activeId, mode, model])

  useEffect(() => {
    // Wait a frame so the canvas (and, in full screen, the overlay) has its final size.
    const timer = setTimeout(() => void setUp(), 50)
    return () => clearTimeout(timer)
  }, [setUp])

  const paint = (dots: Dot[]) => {
    const s = surface.current
    if (!s || !dots.length) return
    // H5's canvas element may have been re-rendered (and cleared) by the component library: start over then.
    if (s.node.width !== Math.round(s.screen.width * s.dpr)) {
      void setUp()
      return
    }
    s.ctx.setTransform(...viewTransform(s.dpr, s.rotated, s.screen.width))
    paintDots(s.ctx, dots)
  }

  const at = (x: number, y: number) => {
    const s = surface.current!
    return { ...toLogical(x, y, s.rotated, s.screen.width), time: Date.now() }
  }
  const start = (x: number, y: number) => surface.current && !busy && paint(model.begin(at(x, y)))
  const move = (x: number, y: number) => surface.current && paint(model.move(at(x, y)))
  const finish = (x?: number, y?: number) => {
    if (!surface.current || !model.drawing) return
    paint(model.end(x === undefined || y === undefined ? undefined : at(x, y)))
    setStrokes(model.strokeCount)
  }

  // H5: pointer events straight on the <canvas> (mouse, touch and pen alike), default actions off so
  // the page neither scrolls nor swipes back while signing.
  const handlers = useRef({ start, move, finish })
  handlers.current = { start, move, finish }
  useEffect(() => {
    if (!h5 || !surfaceKey) return
    const element = (surface.current?.node as unknown as HTMLCanvasElement | undefined) ?? null
    if (!element?.addEventListener) return
    let active: number | null = null
    const local = (e: PointerEvent) => {
      const rect = element.getBoundingClientRect()
      return [e.clientX - rect.left, e.clientY - rect.top] as const
    }
    const down = (e: PointerEvent) => {
      if (active !== null) return
      e.preventDefault()
      active = e.pointerId
      element.setPointerCapture?.(e.pointerId)
      handlers.current.start(...local(e))
    }
    const moveHandler = (e: PointerEvent) => {
      if (e.pointerId !== active) return
      e.preventDefault()
      handlers.current.move(...local(e))
    }
    const up = (e: PointerEvent) => {
      if (e.pointerId !== active) return
      active = null
      handlers.current.finish(...local(e))
    }
    const stopTouch = (e: TouchEvent) => e.preventDefault()
    element.addEventListener('pointerdown', down)
    element.addEventListener('pointermove', moveHandler)
    element.addEventListener('pointerup', up)
    element.addEventListener('pointercancel', up)
    element.addEventListener('touchmove', stopTouch, { passive: false })
    return () => {
      element.removeEventListener('pointerdown', down)
      element.removeEventListener('pointermove', moveHandler)
      element.removeEventListener('pointerup', up)
      element.removeEventListener('pointercancel', up)
      element.removeEventListener('touchmove', stopTouch)
    }
  }, [surfaceKey])

  // H5 full screen: the page behind must not scroll either.
  useEffect(() => {
    if (!h5 || !fullscreen) return
    const previous = document.body.style.overflow
    document.body.style.overflow = 'hidden'
    return () => {
      document.body.style.overflow = previous
    }
  }, [fullscreen])

  // weapp: canvas touches carry x / y relative to the canvas.
  const weappTouch = h5
    ? {}
    : {
        onTouchStart: (e: CanvasTouchEvent) => {
          const t = e.touches[0]
          if (t) start(t.x, t.y)
        },
        onTouchMove: (e: CanvasTouchEvent) => {
          const t = e.touches[0]
          if (t) move(t.x, t.y)
        },
        onTouchEnd: (e: CanvasTouchEvent) => {
          const t = e.changedTouches[0]
          finish(t?.x, t?.y)
        },
        onTouchCancel: () => finish(),
      }

  const undo = () => {
    if (!model.undo() || !surface.current) return
    repaint(surface.current.ctx, model.replay(), surface.current)
    setStrokes(model.strokeCount)
  }
  const clear = () => {
    model.clear()
    if (surface.current) repaint(surface.current.ctx, [], surface.current)
    setStrokes(0)
  }

  // On a portrait screen the landscape pad is drawn sideways: the user turns the phone to write along its length.
  const toggleFullscreen = () => {
    if (fullscreen) return setMode('inline')
    const { windowWidth, windowHeight } = Taro.getSystemInfoSync()
    setMode(windowHeight > windowWidth ? 'rotated' : 'landscape')
  }

  const confirm = async () => {
    if (exporting || busy || !surface.current) return
    setExporting(true)
    try {
      const s = surface.current
      const result = await exportSignature(model, logicalSize(s.screen, s.rotated), exportSurface(ids.current!.export))
      if (!result.ok) {
        void Taro.showToast({ title: SIGNATURE_PROBLEM_MESSAGES[result.problem], icon: 'none' })
        return
      }
      setMode('inline')
      onConfirm(result.png)
    } catch {
      void Taro.showToast({ title: '签名导出失败，请重试', icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  const toolbar = (className = 'signature-pad__toolbar') => (
    <View className={className}>
      <ActionButton variant='ghost' onClick={undo} disabled={strokes === 0 || busy}>
        撤销
      </ActionButton>
      <ActionButton variant='ghost' onClick={clear} disabled={strokes === 0 || busy}>
        清除
      </ActionButton>
      <ActionButton variant='ghost' onClick={toggleFullscreen} disabled={busy}>
        {fullscreen ? '退出横屏' : '横屏签名'}
      </ActionButton>
      <ActionButton onClick={() => void confirm()} disabled={busy || exporting}>
        {busy || exporting ? '提交中…' : confirmText}
      </ActionButton>
    </View>
  )

  const canvas = (id: string) => (
    <Canvas
      type='2d'
      id={id}
      canvasId={id}
      className='signature-pad__canvas'
      disableScroll
      {...weappTouch}
      {...asRole('img', '签名板，请用手指在此书写签名')}
    />
  )

  return (
    <View className='signature-pad' catchMove>
      <View className='signature-pad__surface'>
        {canvas(ids.current.inline)}
        {strokes === 0 && !fullscreen ? <Text className='signature-pad__hint'>请在此处用手指签名</Text> : null}
      </View>
      {fullscreen ? null : toolbar()}
      {fullscreen ? (
        <View className={`signature-pad__overlay signature-pad__overlay--${mode}`} catchMove>
          <View className='signature-pad__full-surface'>
            {canvas(ids.current.full)}
            {strokes === 0 ? <Text className='signature-pad__full-hint'>请横握手机，在此签名</Text> : null}
          </View>
          {mode === 'rotated' ? <View className='signature-pad__strip'>{toolbar('signature-pad__toolbar signature-pad__toolbar--rotated')}</View> : toolbar()}
        </View>
      ) : null}
      <Canvas type='2d' id={ids.current.export} canvasId={ids.current.export} className='signature-pad__export' />
    </View>
  )
}
