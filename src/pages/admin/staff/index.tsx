import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { asButton, asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView } from '@/components/page-state'
import { formatInstant } from '@/components/review'
import { pageLink } from '@/domain/page-routes'
import { refusalModal, useAction } from '@/hooks/use-action'
import { useForm } from '@/hooks/use-form'
import { useReadingRoot } from '@/hooks/use-reading-root'
import { useResource } from '@/hooks/use-resource'
import { getHallAdmin, inviteStaff, listStaff, setStaffDisabled, type AdminRole, type StaffMember, type WindowAdmin } from '@/services/admin'
import { useSession } from '@/stores/session'
import { openPage } from '@/routes'
import { useAdminHallId } from '../admin-hall'
import { INVITE_ROLES, ROLE_LABELS } from '../labels'
import '../admin.scss'
import { confirmAction } from '@/components/modal'
import { AdminSignInFirst, NoAdminHall } from '../admin-gate'

/** 工作人员: who works at the hall (masked), their roles and last activity; invite by phone, 停用 / 启用. */
export default function AdminStaffPage() {
  const token = useSession((s) => s.token)
  const myId = useSession((s) => s.me?.id)
  const hallId = useAdminHallId()
  const staff = useResource(token && hallId, () => listStaff(hallId!))
  const hall = useResource(token && hallId, () => getHallAdmin(hallId!))
  const root = useReadingRoot('admin')
  if (!token) return <AdminSignInFirst />
  if (!hallId) return <NoAdminHall />
  return (
    <View {...root}>
      <View className='admin__head'>
        <Text className='admin__title'>工作人员</Text>
        <Text className='admin__sub'>{hall.resource.status === 'ready' ? hall.resource.data.name : hallId}</Text>
      </View>
      <ResourceView of={staff}>{(list) => <StaffList hallId={hallId} myId={myId} list={list} onChanged={staff.replace} />}</ResourceView>
      <Invite hallId={hallId} windows={hall.resource.status === 'ready' ? hall.resource.data.windows : []} onInvited={staff.replace} />
    </View>
  )
}

function StaffList({ hallId, myId, list, onChanged }: { hallId: string; myId?: string; list: StaffMember[]; onChanged: (next: StaffMember[]) => void }) {
  const { busy, run } = useAction()
  const toggle = async (member: StaffMember) => {
    const disabling = !member.disabled
    const confirmed = await confirmAction({
      title: disabling ? '停用工作人员' : '启用工作人员',
      content: disabling
        ? `停用后 ${member.phoneMasked} 在本中心的全部岗位立即失效，办理记录保留。确定停用？`
        : `启用后 ${member.phoneMasked} 恢复在本中心的岗位。确定启用？`,
      confirmText: disabling ? '停用' : '启用',
      cancelText: '取消',
      destructive: disabling,
    })
    if (!confirmed) return
    await run(async (action) => onChanged(await setStaffDisabled(hallId, member.userId, disabling, action)), refusalModal('操作未完成'))
  }
  return (
    <View className='card'>
      {list.length === 0 ? <PageState kind='empty' inline title='尚无工作人员' /> : null}
      {list.map((member) => (
        <View key={member.userId} className='admin__row'>
          <View className='admin__row-main'>
            <Text className='admin__row-title'>
              {member.nameMasked} {member.phoneMasked}
            </Text>
            <Text className='muted'>{member.roles.map((r) => ROLE_LABELS[r.role] + (r.windowNumber ? `（${r.windowNumber}号窗口）` : '')).join('、')}</Text>
            <Text className='muted'>{member.lastActiveAt ? `最近登录 ${formatInstant(member.lastActiveAt)}` : '尚未登录'}</Text>
            <Text className='admin__link' onClick={() => void openPage(pageLink('adminHistory', { hallId, target: `user:${member.userId}` }))} {...asButton()}>
              修改记录
            </Text>
          </View>
          <View className='admin__row-side'>
            <Text className={`admin__badge${member.disabled ? ' admin__badge--off' : ''}`}>{member.disabled ? '已停用' : '在岗'}</Text>
            {member.userId === myId ? null : (
              <ActionButton variant={member.disabled ? 'primary' : 'ghost'} disabled={busy} onClick={() => void toggle(member)}>
                {member.disabled ? '启用' : '停用'}
              </ActionButton>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}

const INVITE_TITLES = { phone: '手机号', windowNumber: '窗口号' }

function Invite({ hallId, windows, onInvited }: { hallId: string; windows: WindowAdmin[]; onInvited: (next: StaffMember[]) => void }) {
  const form = useForm(INVITE_TITLES, { phone: '', windowNumber: '' })
  const [role, setRole] = useState<AdminRole>('staff')
  const [windowNumber, setWindowNumber] = useState<number | null>(null)
  const invite = () =>
    form.submit(
      (values) => ({ phone: values.phone.trim(), role, windowNumber: role === 'staff' ? windowNumber : null }),
      async (body, action) => {
        onInvited(await inviteStaff(hallId, body, action))
        form.set('phone', '')
        void Taro.showToast({ title: '已邀请', icon: 'success' })
      },
    )
  return (
    <View className='card'>
      <Text className='section-title'>邀请工作人员</Text>
      <Text className='muted'>按手机号授予岗位（尚未注册的手机号将新建账号），本人短信登录后即可使用工作台。</Text>
      <FormField {...form.field('phone')} keyboard='number' maxlength={11} />
      <Text className='admin__label'>岗位</Text>
      <View className='admin__choices' {...asRole('radiogroup', '岗位')}>
        {INVITE_ROLES.map((r) => (
          <View key={r} className={`admin__choice${role === r ? ' admin__choice--active' : ''}`} onClick={() => setRole(r)} {...asChoice('radio', role === r)}>
            {ROLE_LABELS[r]}
          </View>
        ))}
      </View>
      {role === 'staff' ? (
        <View>
          <Text className='admin__label'>绑定窗口</Text>
          <View className='admin__choices' {...asRole('radiogroup', '绑定窗口')}>
            {[null, ...windows.map((w) => w.number)].map((n) => (
              <View
                key={n ?? 'none'}
                className={`admin__choice${windowNumber === n ? ' admin__choice--active' : ''}`}
                onClick={() => {
                  setWindowNumber(n)
                  form.set('windowNumber', '')
                }}
                {...asChoice('radio', windowNumber === n)}
              >
                {n === null ? '不绑定' : `${n}号窗口`}
              </View>
            ))}
          </View>
          <AlertLine className='admin__error' message={form.errors.windowNumber} />
        </View>
      ) : null}
      <AlertLine className='admin__error' message={form.error} />
      <View className='admin__gap'>
        <ActionButton block disabled={form.busy} onClick={() => void invite()}>
          {form.busy ? '邀请中…' : '邀请'}
        </ActionButton>
      </View>
    </View>
  )
}
