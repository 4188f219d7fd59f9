/**
 * The app's accessible primitives for H5. Taro's H5 components are custom elements with no implicit role
 * and no keyboard behaviour, so a tappable view spreads one of these: a role, a label, a place in the Tab
 * order, and Enter / Space doing what a tap does. Mini-program templates drop unknown attributes, so weapp
 * gets nothing (and no extra setData).
 */
const h5 = process.env.TARO_ENV === 'h5'

interface KeyEventLike {
  key: string
  currentTarget: unknown
  target: unknown
  preventDefault: () => void
}

/** Enter or Space on the focused control itself (not on a control inside it) taps it. */
function pressOnKey(event: KeyEventLike) {
  if ((event.key !== 'Enter' && event.key !== ' ') || event.currentTarget !== event.target) return
  event.preventDefault()
  ;(event.currentTarget as { click?: () => void }).click?.()
}

const focusable = (disabled: boolean) => ({ tabIndex: disabled ? -1 : 0, onKeyDown: pressOnKey })

/** A tappable view or button: role=button, its label, reachable and pressed by keyboard. */
export const asButton = (label?: string, disabled = false): object =>
  h5 ? { role: 'button', 'aria-label': label, 'aria-disabled': disabled || undefined, ...focusable(disabled) } : {}

/** One choice a user picks or ticks (radio, checkbox, switch, tab), with its state, by keyboard too. */
export const asChoice = (role: 'radio' | 'checkbox' | 'switch' | 'tab', checked: boolean, label?: string, disabled = false): object =>
  h5
    ? {
        role,
        [role === 'tab' ? 'aria-selected' : 'aria-checked']: checked,
        'aria-label': label,
        'aria-disabled': disabled || undefined,
        ...focusable(disabled),
      }
    : {}

/** A non-interactive role (status, alert, group, radiogroup, region, img) and its label. */
export const asRole = (role: string, label?: string): object => (h5 ? { role, 'aria-label': label } : {})
