import { Button } from '@tarojs/components'
import { asButton } from '../a11y'

/** `danger`: an action that cancels, deletes or gives something up (red outline, one style for all of them). */
type Variant = 'primary' | 'ghost' | 'danger' | 'plain' | 'inverse' | 'wechat'

interface ActionButtonProps {
  children: string
  onClick: () => void
  variant?: Variant
  block?: boolean
  round?: boolean
  disabled?: boolean
}

/**
 * The app's button (styles in app.scss). `disabled` is only passed when true: Taro H5 would render
 * disabled="false", which CSS and screen readers read as disabled.
 */
export function ActionButton({ children, onClick, variant = 'primary', block = false, round = false, disabled = false }: ActionButtonProps) {
  const classes = ['btn', variant === 'primary' ? '' : `btn--${variant}`, block ? 'btn--block' : '', round ? 'btn--round' : '', disabled ? 'btn--disabled' : '']
  return (
    <Button
      className={classes.filter(Boolean).join(' ')}
      disabled={disabled || undefined}
      onClick={disabled ? undefined : onClick}
      {...asButton(children, disabled)}
    >
      {children}
    </Button>
  )
}
