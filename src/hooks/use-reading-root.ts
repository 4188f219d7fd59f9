import Taro from '@tarojs/taro'
import { isElder, useReading } from '@/stores/reading'

// 长辈版's text scale: $elder-text-scale in styles/_tokens.scss (weapp multiplies it into the inline scale).
const ELDER_TEXT_SCALE = 1.3
// WeChat's standard text size (我 → 设置 → 通用 → 字体大小 at 标准) in px, as `fontSizeSetting` reports it.
const WECHAT_STANDARD_FONT_PX = 17

/** The phone's own text size as a factor of the standard (weapp; H5 follows it through the root font in rem). */
function systemTextScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1
  try {
    // getAppBaseInfo (base library 2.20.1+) replaces getSystemInfoSync; both report fontSizeSetting.
    const info = (Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeSetting?: number }
    const setting = info.fontSizeSetting
    return typeof setting === 'number' && setting > WECHAT_STANDARD_FONT_PX ? Math.min(setting / WECHAT_STANDARD_FONT_PX, 2) : 1
  } catch {
    return 1
  }
}

const SYSTEM_TEXT_SCALE = systemTextScale()

/**
 * Props for a page's root view: the `elder` class in 长辈版 and, on weapp, the phone's text scale as the
 * `--text-scale` that every `text()` size multiplies (styles/_mixins.scss). On H5 the class is also on <html>.
 */
export function useReadingRoot(block: string): { className: string; style?: string } {
  const elder = useReading(isElder)
  const className = elder ? `${block} elder` : block
  if (SYSTEM_TEXT_SCALE === 1) return { className }
  return { className, style: `--text-scale: ${(SYSTEM_TEXT_SCALE * (elder ? ELDER_TEXT_SCALE : 1)).toFixed(3)}` }
}
