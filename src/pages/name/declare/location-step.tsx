import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { asButton, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { ResourceView } from '@/components/page-state'
import { ENTITY_TYPE_LABELS } from '@/domain/enterprise-name/forms'
import { ENTITY_TYPES } from '@/domain/enterprise-name/types'
import { useResource } from '@/hooks/use-resource'
import { getLocation, listDivisions } from '@/services/name'
import { useNameDraft } from '@/stores/name'
import { Chip, CheckRow } from '../chip'

const LEVELS = ['省（自治区、直辖市）', '市（州、盟）', '区县']

/** Step 1: where the enterprise is (its divisions and comparison scope follow) and what kind it is. */
export function LocationStep() {
  const { path, location, entityType, foreignInvested, pick, backTo, setLocation, setEntityType, setForeignInvested, goTo } = useNameDraft()
  const level = Math.min(path.length, 2)
  const parent = level === 0 ? undefined : path[level - 1].code
  const options = useResource(path.length < 3 ? `divisions:${parent ?? 'root'}` : null, () => listDivisions(parent))
  const countyCode = path.length === 3 ? path[2].code : null
  const chosen = useResource(countyCode && location?.code !== countyCode ? countyCode : null, () => getLocation(countyCode!))
  useEffect(() => {
    if (chosen.resource.status === 'ready') setLocation(chosen.resource.data)
  }, [chosen.resource, setLocation])

  return (
    <View>
      <View className='card'>
        <Text className='section-title'>企业所在地</Text>
        {path.length ? (
          <View className='declare__crumbs'>
            {path.map((entry, i) => (
              <View key={entry.code} className='declare__crumb' onClick={() => backTo(i)} {...asButton(`重选${LEVELS[i]}：${entry.name}`)}>
                {entry.name} ✎
              </View>
            ))}
          </View>
        ) : null}
        {path.length < 3 ? (
          <View>
            <Text className='declare__label'>请选择{LEVELS[level]}</Text>
            {/* A fixed-height box: the list arriving must not push the rest of the page down. */}
            <View className='declare__options'>
              <ResourceView resource={options.resource} onRetry={() => options.reload()} inline isEmpty={(list) => list.length === 0}>
                {(list) => (
                  <View className='name-chips' {...asRole('radiogroup', LEVELS[level])}>
                    {list.map((entry) => (
                      <Chip key={entry.code} label={entry.name} active={false} onTap={() => pick(path.length, entry)} />
                    ))}
                  </View>
                )}
              </ResourceView>
            </View>
          </View>
        ) : location ? (
          <Text className='muted declare__hint'>
            名称中可使用“{location.divisionChoices.slice(0, 4).join('”“')}”等行政区划；相同、近似名称在{location.city?.name ?? location.province.name}
            范围内比对。
          </Text>
        ) : (
          <ResourceView resource={chosen.resource} onRetry={() => chosen.reload()} inline>
            {() => null}
          </ResourceView>
        )}
      </View>

      <View className='card'>
        <Text className='section-title'>企业类型</Text>
        <View className='name-chips' {...asRole('radiogroup', '企业类型')}>
          {ENTITY_TYPES.map((type) => (
            <Chip key={type} label={ENTITY_TYPE_LABELS[type]} active={type === entityType} onTap={() => setEntityType(type)} />
          ))}
        </View>
        <CheckRow label='外商投资企业' checked={foreignInvested} onToggle={setForeignInvested} />
      </View>

      <View className='declare__actions'>
        <ActionButton block disabled={!location} onClick={() => goTo(2)}>
          下一步：拟定名称
        </ActionButton>
      </View>
    </View>
  )
}
