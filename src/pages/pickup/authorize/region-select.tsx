import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ResourceView } from '@/components/page-state'
import { asButton, asRole } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { listDivisions, type Division } from '@/services/pickup'
import { AlertLine } from '@/components/alert-line'

export interface Region {
  province: Division | null
  city: Division | null
  district: Division | null
}

type Level = 'province' | 'city' | 'district'
const LEVEL_TITLES: Record<Level, string> = { province: '选择省份', city: '选择城市', district: '选择区县' }

/**
 * Province → city → district from the BFF's division lists, as plain tappable lists (the same on weapp
 * and H5, readable by screen readers) instead of a scroll wheel.
 */
export function RegionSelect({ value, onChange, error }: { value: Region; onChange: (region: Region) => void; error?: string }) {
  const [level, setLevel] = useState<Level | null>(null)
  const parent = level === 'city' ? value.province?.code : level === 'district' ? value.city?.code : undefined
  const options = useResource(level === null ? null : `${level}:${parent ?? ''}`, () => listDivisions(parent))
  const chosen = [value.province, value.city, value.district].filter((d): d is Division => d !== null).map((d) => d.name)

  const choose = (division: Division) => {
    if (level === 'province') {
      onChange({ province: division, city: null, district: null })
      setLevel('city')
    } else if (level === 'city') {
      onChange({ ...value, city: division, district: null })
      setLevel('district')
    } else {
      onChange({ ...value, district: division })
      setLevel(null)
    }
  }

  return (
    <View className={`region-select${error ? ' region-select--error' : ''}`}>
      <Text className='form-field__label'>所在地区</Text>
      <View
        className='region-select__value'
        onClick={() => setLevel(level ? null : 'province')}
        {...asButton(chosen.length ? `所在地区：${chosen.join(' ')}，点按重新选择` : '选择所在地区')}
      >
        <Text className={chosen.length ? '' : 'region-select__placeholder'}>{chosen.length ? chosen.join(' ') : '请选择省、市、区县'}</Text>
        <Text className='region-select__arrow'>{level ? '收起' : '选择 ›'}</Text>
      </View>
      <AlertLine className='form-field__error' message={error} />
      {level ? (
        <View className='region-select__panel'>
          <Text className='region-select__level'>{LEVEL_TITLES[level]}</Text>
          <ResourceView resource={options.resource} onRetry={() => options.reload()} inline isEmpty={(list) => list.length === 0} emptyTitle='没有可选的地区'>
            {(list) => (
              <View className='region-select__options' {...asRole('listbox', LEVEL_TITLES[level])}>
                {list.map((division) => (
                  <View key={division.code} className='region-select__option' onClick={() => choose(division)} {...asButton(division.name)}>
                    {division.name}
                  </View>
                ))}
              </View>
            )}
          </ResourceView>
        </View>
      ) : null}
    </View>
  )
}
