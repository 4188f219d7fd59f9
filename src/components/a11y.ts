/**
 * ARIA attributes for H5 only: Taro's H5 components are custom elements without implicit roles.
 * Mini-program templates drop unknown attributes, so weapp gets nothing (and no extra setData).
 */
const h5 = process.env.TARO_ENV === 'h5'

export const asButton = (label?: string, disabled = false): object =>
  h5 ? { role: 'button', 'aria-label': label, 'aria-disabled': disabled || undefined } : {}

export const asRole = (role: string, label?: string): object => (h5 ? { role, 'aria-label': label } : {})
