import type { PropsWithChildren } from 'react'
import { watchPrivacyAuthorization } from './components/privacy-sheet/consent'
import { startShell } from './components/shell'
import { isElder, useReading } from './stores/reading'
import './app.scss'

// WeChat asks before any privacy API runs without the user's consent (src/components/privacy-sheet).
watchPrivacyAuthorization()
// The 404 page for unknown routes; on H5 also the navigation bar, the connectivity notice and the desktop column.
startShell()

// 长辈版 on H5: the class on <html> reaches every page (weapp pages take it on their root: hooks/use-reading-root).
if (process.env.TARO_ENV === 'h5') {
  const applyElder = (on: boolean) => document.documentElement.classList.toggle('elder', on)
  applyElder(isElder(useReading.getState()))
  useReading.subscribe((state) => applyElder(isElder(state)))
  // Each Taro page is its own scrolling box (the body does not scroll): focusable, so arrow keys can scroll it.
  new MutationObserver(() => {
    document.querySelectorAll<HTMLElement>('.taro_page:not([tabindex])').forEach((page) => (page.tabIndex = 0))
  }).observe(document.body, { childList: true, subtree: true })
}

/** The app shell: pages render as children. Session, hall choice and reading mode load from storage on their own. */
export default function App({ children }: PropsWithChildren) {
  return children
}
