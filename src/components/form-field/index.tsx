import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
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
  /** Shown under the field as text (not colour alone); also marks the input invalid. */
  error?: string | null
  /** Long text (notes, a street address): several lines that grow with what is typed. */
  multiline?: boolean
  /** Something beside the input, such as the send-code button. */
  suffix?: ReactNode
  onConfirm?: () => void
}

const INPUT_TYPE: Record<Keyboard, 'text' | 'number' | 'idcard'> = { text: 'text', number: 'number', idcard: 'idcard' }

/**
 * A labelled input: the visible label is also the accessible name of the H5 <input> / <textarea>; its error
 * (from useForm / useFormErrors) is a line of text under it, announced as it appears.
 */
export function FormField({ label, value, onInput, keyboard = 'text', placeholder, maxlength, error, suffix, onConfirm, multiline = false }: FormFieldProps) {
  const nativeProps =
    process.env.TARO_ENV === 'h5'
      ? {
          'aria-label': label,
          // 'false', not absent: Taro's H5 input applies nativeProps as attributes and may leave a removed one behind.
          'aria-invalid': error ? 'true' : 'false',
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
        {multiline ? (
          <Textarea
            className='form-field__input form-field__input--multiline'
            value={value}
            placeholder={placeholder}
            placeholderClass='form-field__placeholder'
            maxlength={maxlength}
            autoHeight
            onInput={(event) => onInput(event.detail.value)}
            nativeProps={nativeProps && { 'aria-label': label, 'aria-invalid': nativeProps['aria-invalid'] }}
          />
        ) : (
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
        )}
        {suffix}
      </View>
      <AlertLine className='form-field__error' message={error} />
    </View>
  )
}
