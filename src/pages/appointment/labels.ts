import type { AppointmentStatus, BookingRules, DayStatus } from '@/services/appointment'
import { shanghaiDate, shanghaiTime } from '@/domain/time'

export const STATUS_LABEL: Record<AppointmentStatus, string> = {
  booked: '待签到',
  checked_in: '已签到',
  cancelled: '已取消',
  no_show: '已爽约',
}

export const DAY_STATUS_LABEL: Record<Exclude<DayStatus, 'open'>, string> = { full: '已约满', closed: '已截止', suspended: '暂停预约' }

/** '2026-11-25' → '11月25日'. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/** An ISO instant as '11月25日 09:15' in Shanghai time. */
export const instantLabel = (iso: string) => {
  const instant = new Date(iso)
  return `${monthDay(shanghaiDate(instant))} ${shanghaiTime(instant)}`
}

/** An ISO instant as '09:15' in Shanghai time. */
export const timeOf = (iso: string) => shanghaiTime(new Date(iso))

const duration = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`)

/** The hall's rules in one line each, as the citizen should know them before booking (domain README §4). */
export const rulesText = (rules: BookingRules) => [
  `可预约未来${rules.horizonDays}个工作日，每个时段${rules.slotMinutes}分钟；次日预约于前一天${rules.bookingCloseTime}截止`,
  `时段开始前${duration(rules.cancelCutoffMinutes)}以前可取消`,
  `请在时段开始前${rules.checkinBeforeMinutes}分钟至开始后${rules.checkinAfterMinutes}分钟内到厅签到，签到后获得优先排队号`,
  `未按时签到记为爽约，${rules.noShowWindowDays}天内爽约${rules.noShowLimit}次将暂停预约${rules.blockDays}天；现场取号不受影响`,
]
