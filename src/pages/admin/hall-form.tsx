import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { decimalNumber, numberIn, useForm } from '@/hooks/use-form'
import type { HallLevel, HallSettings, HallSummary, NewHall } from '@/services/admin'
import type { UserAction } from '@/services/http'
import { HALL_TITLES, LEVEL_LABELS } from './labels'

type Key = keyof typeof HALL_TITLES
const LEVELS = Object.keys(LEVEL_LABELS) as HallLevel[]
const RANK: Record<HallLevel, number> = { district: 0, street: 1, community: 2 }

/** The typed text of each field: the hall's settings, or a new hall's defaults (no coordinates yet). */
const toText = (hall: HallSettings | null): Record<Key, string> => ({
  id: '',
  name: hall?.name ?? '',
  shortName: hall?.shortName ?? '',
  address: hall?.address ?? '',
  phone: hall?.phone ?? '',
  lat: hall ? String(hall.lat) : '',
  lng: hall ? String(hall.lng) : '',
  geofenceMeters: String(hall?.geofenceMeters ?? 300),
  countyCode: hall?.countyCode ?? '',
  openTime: hall?.openTime ?? '09:00',
  closeTime: hall?.closeTime ?? '17:00',
  takeCutoffMinutes: String(hall?.takeCutoffMinutes ?? 30),
})

interface HallFormProps {
  /** The hall's settings, or null for a new hall (which also asks for its 编号). */
  hall: HallSettings | null
  /** Halls that may be the parent (the platform's list); the place in the service system is the platform's to change. */
  halls: HallSummary[]
  platform: boolean
  submitText: string
  onSubmit: (hall: NewHall, action: UserAction) => Promise<unknown>
}

/** 服务中心设置: name, address, coordinates and 签到范围, phone, opening hours, 网上取号截止, and (platform) its level and parent. */
export function HallForm({ hall, halls, platform, submitText, onSubmit }: HallFormProps) {
  const form = useForm(HALL_TITLES, toText(hall))
  const [place, setPlace] = useState(() => ({
    level: hall?.level ?? ('district' as HallLevel),
    parentHallId: hall?.parentHallId ?? null,
    parentManaged: hall?.parentManaged ?? false,
  }))
  const parents = halls.filter((h) => RANK[h.level] < RANK[place.level])
  const parentName = (id: string | null) => (id ? (halls.find((h) => h.id === id)?.name ?? id) : '无（区县中心）')

  const save = () =>
    form.submit(
      (values) => ({
        id: values.id.trim(),
        name: values.name.trim(),
        shortName: values.shortName.trim(),
        address: values.address.trim(),
        phone: values.phone.trim(),
        countyCode: values.countyCode.trim(),
        openTime: values.openTime.trim(),
        closeTime: values.closeTime.trim(),
        lat: numberIn(values, HALL_TITLES, 'lat', decimalNumber),
        lng: numberIn(values, HALL_TITLES, 'lng', decimalNumber),
        geofenceMeters: numberIn(values, HALL_TITLES, 'geofenceMeters'),
        takeCutoffMinutes: numberIn(values, HALL_TITLES, 'takeCutoffMinutes'),
        ...place,
      }),
      onSubmit,
    )

  return (
    <View className='card'>
      {hall ? null : <FormField {...form.field('id')} maxlength={31} placeholder='如 huayang（小写字母、数字、连字符）' />}
      <FormField {...form.field('name')} maxlength={60} />
      <FormField {...form.field('shortName')} maxlength={20} />
      <FormField {...form.field('address')} maxlength={120} />
      <FormField {...form.field('phone')} maxlength={20} keyboard='number' />
      <FormField {...form.field('lat')} maxlength={12} placeholder='GCJ-02，如 30.5012' />
      <FormField {...form.field('lng')} maxlength={12} placeholder='GCJ-02，如 104.0654' />
      <FormField {...form.field('geofenceMeters')} maxlength={4} keyboard='number' />
      <FormField {...form.field('countyCode')} maxlength={6} keyboard='number' placeholder='GB/T 2260，如 510116' />
      <FormField {...form.field('openTime')} maxlength={5} placeholder='HH:MM' />
      <FormField {...form.field('closeTime')} maxlength={5} placeholder='HH:MM' />
      <FormField {...form.field('takeCutoffMinutes')} maxlength={3} keyboard='number' />

      {platform ? (
        <View>
          <Text className='admin__label'>层级</Text>
          <View className='admin__choices' {...asRole('radiogroup', '层级')}>
            {LEVELS.map((level) => (
              <View
                key={level}
                className={`admin__choice${place.level === level ? ' admin__choice--active' : ''}`}
                onClick={() =>
                  setPlace({
                    level,
                    parentHallId: level === 'district' ? null : place.parentHallId,
                    parentManaged: level === 'district' ? false : place.parentManaged,
                  })
                }
                {...asChoice('radio', place.level === level)}
              >
                {LEVEL_LABELS[level]}
              </View>
            ))}
          </View>
          {place.level === 'district' ? null : (
            <View>
              <Text className='admin__label'>上级服务中心</Text>
              <View className='admin__choices' {...asRole('radiogroup', '上级服务中心')}>
                {parents.map((parent) => (
                  <View
                    key={parent.id}
                    className={`admin__choice${place.parentHallId === parent.id ? ' admin__choice--active' : ''}`}
                    onClick={() => setPlace({ ...place, parentHallId: parent.id })}
                    {...asChoice('radio', place.parentHallId === parent.id)}
                  >
                    {parent.name}
                  </View>
                ))}
              </View>
              <View className='admin__choices'>
                <View
                  className={`admin__choice${place.parentManaged ? ' admin__choice--active' : ''}`}
                  onClick={() => setPlace({ ...place, parentManaged: !place.parentManaged })}
                  {...asChoice('checkbox', place.parentManaged)}
                >
                  由上级服务中心管理员管理
                </View>
              </View>
            </View>
          )}
        </View>
      ) : (
        <View>
          <Text className='admin__label'>层级 · 上级服务中心（由平台管理员设置）</Text>
          <Text className='admin__value'>
            {LEVEL_LABELS[place.level]} · {parentName(place.parentHallId)}
            {place.parentManaged ? ' · 由上级管理' : ''}
          </Text>
        </View>
      )}

      <AlertLine className='admin__error' message={form.error} />
      <View className='admin__gap'>
        <ActionButton block disabled={form.busy} onClick={() => void save()}>
          {form.busy ? '保存中…' : submitText}
        </ActionButton>
      </View>
    </View>
  )
}
