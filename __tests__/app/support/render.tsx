import type { ComponentType } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { useHall } from '../../../src/stores/hall'
import { useSession } from '../../../src/stores/session'

/** Renders a page component as Taro would open `path?params`. */
export function renderPage(Page: ComponentType, path: string, params: Record<string, string> = {}) {
  Current.router = { path, params, onReady: '', onHide: '', onShow: '' } as typeof Current.router
  return render(<Page />)
}

/**
 * Types into a Taro <Input> the way a user does: through its inner <input>, found by its label.
 * The inner <input> appears once the H5 web component has rendered, a tick after React's commit.
 */
export async function typeInto(label: string, value: string) {
  const input = (await screen.findByLabelText(label)) as HTMLInputElement
  input.value = value
  fireEvent.input(input, { target: { value } })
}

export const tap = (element: Element) => fireEvent.click(element)

/** Fresh stores and storage for every test. */
export function resetApp() {
  Taro.clearStorageSync()
  useSession.setState({ token: null, me: null })
  useHall.setState({ hallId: null })
}

/** Spies on page navigation so tests can see where the app went. */
export function spyNavigation() {
  const ok = () => Promise.resolve({ errMsg: 'ok' }) as never
  return {
    navigateTo: jest.spyOn(Taro, 'navigateTo').mockImplementation(ok),
    redirectTo: jest.spyOn(Taro, 'redirectTo').mockImplementation(ok),
    switchTab: jest.spyOn(Taro, 'switchTab').mockImplementation(ok),
    navigateBack: jest.spyOn(Taro, 'navigateBack').mockImplementation(ok),
  }
}
