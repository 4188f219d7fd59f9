import type { PropsWithChildren } from 'react'
import { watchPrivacyAuthorization } from './components/privacy-sheet/consent'
import './app.scss'

// WeChat asks before any privacy API runs without the user's consent (src/components/privacy-sheet).
watchPrivacyAuthorization()

/** The app shell: pages render as children. Session and hall choice load from storage on their own. */
export default function App({ children }: PropsWithChildren) {
  return children
}
