import { Text } from '@tarojs/components'
import { asRole } from '../a11y'

/** A refusal or failure message, announced to screen readers as it appears; nothing when there is none. */
export function AlertLine({ message, className }: { message: string | null | undefined; className: string }) {
  return message ? (
    <Text className={className} {...asRole('alert')}>
      {message}
    </Text>
  ) : null
}
