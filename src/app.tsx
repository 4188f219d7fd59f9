import type { PropsWithChildren } from 'react'
import './app.scss'

/** The app shell: pages render as children. Session and hall choice load from storage on their own. */
export default function App({ children }: PropsWithChildren) {
  return children
}
