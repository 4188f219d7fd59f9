import { Text, View } from '@tarojs/components'
import { asChoice } from '@/components/a11y'

/** One choice of a group: a radio for screen readers on H5. */
export function Chip({ label, active, onTap }: { label: string; active: boolean; onTap: () => void }) {
  return (
    <View className={`name-chip${active ? ' name-chip--active' : ''}`} onClick={onTap} {...asChoice('radio', active, label)}>
      {label}
    </View>
  )
}

/** A yes/no statement the user ticks (risk confirmation, the commitment, pre-approval). */
export function CheckRow({ label, checked, onToggle }: { label: string; checked: boolean; onToggle: (checked: boolean) => void }) {
  return (
    <View className={`name-check${checked ? ' name-check--on' : ''}`} onClick={() => onToggle(!checked)} {...asChoice('checkbox', checked, label)}>
      <View className='name-check__box'>{checked ? '✓' : ''}</View>
      <Text>{label}</Text>
    </View>
  )
}
