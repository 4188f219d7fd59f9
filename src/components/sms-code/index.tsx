import { Text } from '@tarojs/components'
import { ActionButton } from '../action-button'
import { FormField } from '../form-field'
import './index.scss'

type Field = { value: string; error: string | null; onInput: (value: string) => void }

interface SmsCodeFieldsProps {
  phoneLabel: string
  phonePlaceholder: string
  codePlaceholder: string
  phone: Field
  code: Field
  /** Seconds before another code may be sent (the countdown on the button). */
  resendIn: number
  sending: boolean
  onSend: () => void
  onConfirm: () => void
  /** The code itself, shown only by a development BFF (the console SMS gateway). */
  devCode: string | null
}

/** A phone number with its 获取验证码 button and the code field: signing in and changing the phone ask the same way. */
export function SmsCodeFields({
  phoneLabel,
  phonePlaceholder,
  codePlaceholder,
  phone,
  code,
  resendIn,
  sending,
  onSend,
  onConfirm,
  devCode,
}: SmsCodeFieldsProps) {
  return (
    <>
      <FormField
        label={phoneLabel}
        keyboard='number'
        // Room for pasted "+86 138 0013 8000"; normalizeMobile strips the extras.
        maxlength={20}
        placeholder={phonePlaceholder}
        {...phone}
        suffix={
          <ActionButton variant='plain' disabled={resendIn > 0 || sending} onClick={onSend}>
            {resendIn > 0 ? `${resendIn}秒后重发` : sending ? '发送中…' : '获取验证码'}
          </ActionButton>
        }
      />
      <FormField label='验证码' keyboard='number' maxlength={6} placeholder={codePlaceholder} {...code} onConfirm={onConfirm} />
      {devCode ? <Text className='sms-code__dev'>开发环境验证码：{devCode}</Text> : null}
    </>
  )
}
