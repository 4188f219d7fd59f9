import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView, SignInFirst } from '@/components/page-state'
import { pageLink } from '@/domain/page-routes'
import { useForm } from '@/hooks/use-form'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { createHall, grantHallAdmin, listManagedHalls, type HallAdmin, type StaffMember } from '@/services/admin'
import { useSession } from '@/stores/session'
import { openPage } from '@/routes'
import { HallForm } from '../hall-form'
import '../admin.scss'

/** 新建服务中心 (platform administrators): the hall's settings, then its administrator by phone. */
export default function NewHallPage() {
  const token = useSession((s) => s.token)
  const platform = useSession((s) => s.me?.platformAdmin ?? false)
  const halls = useResource(token && platform ? 'halls' : null, listManagedHalls)
  const [created, setCreated] = useState<HallAdmin | null>(null)
  const root = useReadingRoot('admin')
  if (!token) return <SignInFirst message='平台管理员登录后使用' />
  if (!platform) return <PageState kind='error' title='仅限平台管理员使用' message='新建服务中心需要平台管理员身份' />
  return (
    <View {...root}>
      <View className='admin__head'>
        <Text className='admin__title'>{created ? created.name : '新建服务中心'}</Text>
        <Text className='admin__sub'>
          {created ? `已创建（编号 ${created.id}），请设置服务中心管理员` : '创建后由服务中心管理员设置排队类别、窗口和工作人员'}
        </Text>
      </View>
      {created ? (
        <GrantAdmin hall={created} />
      ) : (
        <ResourceView of={halls}>
          {(list) => (
            <HallForm
              hall={null}
              halls={list}
              platform
              submitText='创建服务中心'
              onSubmit={async (hall, action) => setCreated(await createHall(hall, action))}
            />
          )}
        </ResourceView>
      )}
    </View>
  )
}

const ADMIN_TITLES = { phone: '手机号' }

function GrantAdmin({ hall }: { hall: HallAdmin }) {
  const form = useForm(ADMIN_TITLES, { phone: '' })
  const [admins, setAdmins] = useState<StaffMember[]>([])
  const grant = () =>
    form.submit(
      (values) => values.phone.trim(),
      async (phone, action) => {
        setAdmins(await grantHallAdmin(hall.id, phone, action))
        form.set('phone', '')
      },
    )
  return (
    <View className='card'>
      <Text className='section-title'>设置服务中心管理员</Text>
      <Text className='muted'>该手机号尚未注册时将新建账号；本人用该手机号短信登录后，在工作台进入“服务中心管理”。</Text>
      <FormField {...form.field('phone')} keyboard='number' maxlength={11} />
      <AlertLine className='admin__error' message={form.error} />
      <View className='admin__gap'>
        <ActionButton block disabled={form.busy} onClick={() => void grant()}>
          {form.busy ? '设置中…' : '设为管理员'}
        </ActionButton>
      </View>
      {admins.map((member) => (
        <View key={member.userId} className='admin__row'>
          <View className='admin__row-main'>
            <Text className='admin__row-title'>{member.phoneMasked}</Text>
            <Text className='muted'>管理员 · {member.nameMasked}</Text>
          </View>
        </View>
      ))}
      {admins.length ? (
        <View className='admin__gap'>
          <ActionButton block variant='ghost' onClick={() => void openPage(pageLink('adminHall', { hallId: hall.id }))}>
            进入服务中心设置
          </ActionButton>
        </View>
      ) : null}
    </View>
  )
}
