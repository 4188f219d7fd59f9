import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { PrivacySheet } from '@/components/privacy-sheet'
import { PageState, ResourceView } from '@/components/page-state'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { useAction } from '@/hooks/use-action'
import { useResource } from '@/hooks/use-resource'
import { cancelAppointment, checkInAppointment, getAppointment, type AppointmentDetail, type CheckinProof } from '@/services/appointment'
import { pageLink } from '@/domain/page-routes'
import { decodeParam, openPage } from '@/routes'
import { STATUS_LABEL, instantLabel, monthDay, timeOf } from '../labels'
import { currentLocation, scanHallCheckinToken } from '@/components/checkin/proof'
import { AlertLine } from '@/components/alert-line'
import './index.scss'
import { confirmAction } from '@/components/modal'

export default function AppointmentDetailPage() {
  const id = decodeParam(useRouter().params.id)
  const appointment = useResource(id ?? null, () => getAppointment(id!))
  useDidShow(() => {
    if (appointment.resource.status === 'ready') appointment.reload(true)
  })
  if (!id) return <PageState kind='error' title='未找到该预约' message='链接缺少预约编号，请从“我的预约”进入' />
  return (
    <View className='appt'>
      <ResourceView of={appointment}>{(detail) => <Detail detail={detail} onChange={appointment.replace} />}</ResourceView>
      <PrivacySheet />
    </View>
  )
}

function Detail({ detail, onChange }: { detail: AppointmentDetail; onChange: (next: AppointmentDetail) => void }) {
  return (
    <View>
      <View className={`appt__header appt__header--${detail.status}`}>
        <Text className='appt__status'>{STATUS_LABEL[detail.status]}</Text>
        <Text className='appt__when'>
          {monthDay(detail.date)} {detail.weekday} {detail.start}–{detail.end}
        </Text>
        <Text className='appt__where'>
          {detail.hall.name} · {detail.item.name}
        </Text>
      </View>

      {detail.status === 'checked_in' && detail.ticket ? (
        <View className='card appt__ticket'>
          <Text className='muted'>您的优先排队号</Text>
          <Text className='appt__ticket-number'>{detail.ticket.number}</Text>
          <Text className='muted'>请留意大厅叫号屏和消息提醒</Text>
          <ActionButton variant='plain' onClick={() => void openPage(pageLink('queueTicket', { id: detail.ticket!.id }))}>
            查看排队进度
          </ActionButton>
        </View>
      ) : null}

      {detail.status === 'cancelled' || detail.status === 'no_show' ? (
        <View className='card' {...asRole('status')}>
          <Text className='appt__note'>{endingText(detail)}</Text>
          <Text className='muted'>预约码已失效，不能再用于签到。</Text>
        </View>
      ) : null}

      {detail.status === 'booked' ? <CheckIn detail={detail} onChange={onChange} /> : null}

      {detail.status === 'booked' && detail.voucher && detail.qrDataUrl ? (
        <View className='card appt__voucher'>
          <Text className='section-title'>预约码</Text>
          <View className='appt__qr-frame' {...asRole('img', `预约码二维码 ${detail.voucher}`)}>
            <Image className='appt__qr' src={detail.qrDataUrl} mode='aspectFit' />
          </View>
          <Text className='appt__voucher-code'>{detail.voucher}</Text>
          <Text className='muted'>到厅后可向工作人员出示，由窗口代为签到</Text>
          <Text className='muted'>地址：{detail.hall.address}</Text>
        </View>
      ) : null}

      {detail.status === 'booked' || detail.status === 'checked_in' ? (
        <View className='card'>
          <Text className='section-title'>请携带以下材料</Text>
          {detail.materials.length === 0 ? <PageState kind='empty' title='本事项无需提交材料' inline /> : null}
          {detail.materials.map((m) => (
            <View key={m.name} className={`appt__material${m.bring ? '' : ' appt__material--shared'}`}>
              <Text className='appt__material-name'>{m.name}</Text>
              <Text className='muted'>
                {m.bring ? `${m.formLabel} ${m.copies}份${m.necessity === 'required' ? '（必要）' : ''}` : '免提交：通过数据共享获取，无需携带'}
              </Text>
              {m.note ? <Text className='appt__material-note'>{m.note}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      {detail.status === 'booked' ? <Cancel detail={detail} onChange={onChange} /> : null}
    </View>
  )
}

/** Why a booking ended, in the citizen's words (who ended it matters: a hall closure is not a no-show). */
function endingText(detail: AppointmentDetail): string {
  if (detail.status === 'no_show') return '未在签到时间内到厅签到，已记爽约一次。'
  return detail.cancelReason === 'hall_closure' ? '服务中心临时调整，该预约已取消，不计爽约。请重新预约或到大厅现场取号。' : '您已取消该预约。'
}

function CheckIn({ detail, onChange }: { detail: AppointmentDetail; onChange: (next: AppointmentDetail) => void }) {
  const { busy, error, run: runAction } = useAction()
  const run = (proof: () => Promise<CheckinProof>) =>
    runAction(async () => {
      const next = await checkInAppointment(detail.id, await proof())
      onChange(next)
      void Taro.showToast({ title: `签到成功，排队号 ${next.ticket?.number ?? ''}`, icon: 'none' })
    })

  const scan = () => run(async () => ({ hallToken: await scanHallCheckinToken() }))
  const locate = () => run(async () => ({ location: await currentLocation() }))

  return (
    <View className='card appt__checkin'>
      <Text className='section-title'>到厅签到</Text>
      <Text className='appt__note'>
        签到时间：{instantLabel(detail.checkinOpensAt)} 至 {timeOf(detail.checkinClosesAt)}，签到后获得优先排队号。
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <View className='appt__actions'>
          <ActionButton block disabled={busy} onClick={() => void scan()}>
            扫描大厅签到码
          </ActionButton>
          <ActionButton block variant='ghost' disabled={busy} onClick={() => void locate()}>
            定位签到
          </ActionButton>
        </View>
      ) : (
        <Text className='appt__note'>到厅后，用手机相机扫描大厅内的签到二维码即可签到；也可向工作人员出示下方预约码。</Text>
      )}
      <AlertLine className='appt__error' message={error} />
    </View>
  )
}

function Cancel({ detail, onChange }: { detail: AppointmentDetail; onChange: (next: AppointmentDetail) => void }) {
  const { busy, run } = useAction({ toast: true })
  const cancel = async () => {
    const confirmed = await confirmAction({
      title: '取消预约',
      content: `确定取消 ${monthDay(detail.date)} ${detail.start} 的${detail.item.name}预约吗？取消后该时段将释放给他人预约。`,
      confirmText: '取消预约',
      destructive: true,
    })
    if (!confirmed) return
    await run(async () => {
      onChange(await cancelAppointment(detail.id))
      void Taro.showToast({ title: '已取消预约', icon: 'none' })
    })
  }
  return (
    <View className='appt__cancel'>
      {detail.canCancel ? (
        <ActionButton block variant='danger' disabled={busy} onClick={() => void cancel()}>
          取消预约
        </ActionButton>
      ) : (
        <Text className='muted'>预约开始前不足规定时间，已不能取消；如无法到场将记为爽约</Text>
      )}
      {detail.canCancel ? <Text className='muted appt__cancel-hint'>可取消至 {instantLabel(detail.cancelDeadline)}</Text> : null}
    </View>
  )
}
