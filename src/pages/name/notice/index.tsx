import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { PageState, ResourceView } from '@/components/page-state'
import { useResource } from '@/hooks/use-resource'
import { decodeParam, goToLogin, openPage, withQuery } from '@/routes'
import { getReservation, type NameReservation } from '@/services/name'
import { useSession } from '@/stores/session'
import { shanghaiDate } from '@/domain/time'
import { FindingList } from '../findings'
import { RESERVATION_STATUS_LABEL, chineseDate } from '../labels'
import { NAME_PAGES } from '../paths'
import '../name.scss'
import './index.scss'

const REVIEW_HINT = '以下提示事项在企业登记时由登记机关人工审查；含限用字词的，登记时须提交所填写批准文件的原件。'

/** 名称自主申报告知书: what was reserved, until when, and that registration review may still refuse it. */
export default function NoticePage() {
  const id = decodeParam(useRouter().params.id) ?? null
  const token = useSession((s) => s.token)
  const notice = useResource(token && id ? id : null, () => getReservation(id!))
  if (!token) {
    return (
      <PageState
        kind='empty'
        title='请先登录'
        message='登录后查看名称自主申报告知书'
        actionText='去登录'
        onAction={() => void goToLogin(withQuery(NAME_PAGES.notice, { id: id ?? undefined }))}
      />
    )
  }
  if (!id) return <PageState kind='error' title='链接不完整' message='未指定名称保留记录' />
  return (
    <ResourceView resource={notice.resource} onRetry={() => notice.reload()}>
      {(reservation) => <Notice reservation={reservation} />}
    </ResourceView>
  )
}

/** The term row: while active, until when; once ended, when and how it ended (never a live-looking date). */
function reservationTerm(r: NameReservation): [string, string] {
  if (r.status === 'expired') return ['保留期限', `已于${chineseDate(r.lastDay)}届满，保留已失效`]
  if (r.status === 'released') return ['保留期限', `已于${chineseDate(shanghaiDate(new Date(r.endedAt ?? r.expiresAt)))}放弃保留`]
  return ['保留期至', `${chineseDate(r.lastDay)}${r.preApproval ? '（涉及前置审批，保留 1 年）' : '（保留 2 个月）'}`]
}

const endedText = (r: NameReservation) =>
  `${r.status === 'expired' ? '保留期届满未办理企业登记' : '您已放弃保留'}，该名称不再为您保留，不能凭本告知书办理登记。如仍需使用，请重新申报（他人可能已申报相同名称）。`

function Notice({ reservation: r }: { reservation: NameReservation }) {
  const warnings = r.findings.filter((f) => f.severity !== 'reject')
  const rows: [string, string][] = [
    ['名称保留号', r.number],
    ['企业名称', r.name],
    ['企业类型', `${r.entityTypeLabel}${r.foreignInvested ? '（外商投资）' : ''}`],
    ['企业所在地', r.locationLabel],
    ['申报日期', chineseDate(shanghaiDate(new Date(r.reservedAt)))],
    reservationTerm(r),
  ]
  return (
    <View className='notice'>
      <View className='card'>
        <View className='notice__head'>
          <Text className='notice__title'>名称自主申报告知书</Text>
          <Text className={`name-badge name-badge--${r.status}`}>{RESERVATION_STATUS_LABEL[r.status]}</Text>
        </View>
        {rows.map(([label, value]) => (
          <View key={label} className='notice__row' {...asRole('group', `${label}：${value}`)}>
            <Text className='notice__label'>{label}</Text>
            <Text className='notice__value'>{value}</Text>
          </View>
        ))}
      </View>
      {r.status === 'active' ? (
        <View className='card notice__warning' {...asRole('note')}>
          <Text className='section-title'>请注意</Text>
          <Text className='notice__text'>{r.notice}</Text>
          <Text className='notice__text'>请在保留期届满前办理企业登记，逾期未办理的，名称自动失效。</Text>
        </View>
      ) : (
        <View className='card notice__warning' {...asRole('status')}>
          <Text className='section-title'>名称保留已失效</Text>
          <Text className='notice__text'>{endedText(r)}</Text>
        </View>
      )}
      {warnings.length ? (
        <View className='card'>
          <Text className='section-title'>申报时已确认的提示和批准文件</Text>
          {warnings.some((f) => f.severity !== 'info') ? <Text className='notice__text'>{REVIEW_HINT}</Text> : null}
          <FindingList findings={warnings} />
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>已签署的承诺（版本 {r.commitment.version}）</Text>
        {r.commitment.text.split('\n').map((line) => (
          <Text key={line} className='notice__text'>
            {line}
          </Text>
        ))}
      </View>
      <View className='notice__actions'>
        <ActionButton block onClick={() => void openPage(NAME_PAGES.mine)}>
          查看我的名称
        </ActionButton>
      </View>
    </View>
  )
}
