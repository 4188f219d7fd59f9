import type { ReactNode } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { AlertLine } from '../alert-line'
import './index.scss'

type Keyboard = 'text' | 'number' | 'idcard'

interface FormFieldProps {
  label: string
  value: string
  onInput: (value: string) => void
  keyboard?: Keyboard
  placeholder?: string
  maxlength?: number
  /** Shown under the field in red; also marks the input invalid. */
  error?: string | null
  /** Something beside the input, such as the send-code button. */
  suffix?: ReactNode
  onConfirm?: () => void
}

const INPUT_TYPE: Record<Keyboard, 'text' | 'number' | 'idcard'> = { text: 'text', number: 'number', idcard: 'idcard' }

/** A labelled input: the visible label is also the accessible name of the H5 <input>. */
export function FormField({ label, value, onInput, keyboard = 'text', placeholder, maxlength, error, suffix, onConfirm }: FormFieldProps) {
  const nativeProps =
    process.env.TARO_ENV === 'h5'
      ? {
          'aria-label': label,
          'aria-invalid': error ? 'true' : undefined,
          // A plain text input with a numeric keypad: <input type=number> mangles phone numbers and codes.
          type: 'text',
          inputMode: keyboard === 'number' ? 'numeric' : undefined,
          autoComplete: 'off',
        }
      : undefined
  return (
    <View className={`form-field${error ? ' form-field--error' : ''}`}>
      <Text className='form-field__label'>{label}</Text>
      <View className='form-field__row'>
        <Input
          className='form-field__input'
          type={INPUT_TYPE[keyboard]}
          value={value}
          placeholder={placeholder}
          placeholderClass='form-field__placeholder'
          maxlength={maxlength}
          onInput={(event) => onInput(event.detail.value)}
          onConfirm={onConfirm}
          nativeProps={nativeProps}
        />
        {suffix}
      </View>
      <AlertLine className='form-field__error' message={error} />
    </View>
  )
}
