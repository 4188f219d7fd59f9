/** The commitment (承诺书) and reservation period of a self-declared name (Reg 16, 18; shared/domain §1.7). */
import { shanghaiInstant } from '../time'

/** Bump the version whenever the text changes: each reservation stores the version and text it was signed with. */
export const COMMITMENT = {
  version: '2026-11-v1',
  title: '企业名称自主申报承诺书',
  text: [
    '本人已阅读《企业名称登记管理规定》《企业名称登记管理规定实施办法》及企业名称禁限用、相同相近比对的有关规定，对申报的企业名称自行查询、比对和筛选。',
    '本人承诺：所提交的信息真实、准确、完整；申报的企业名称不含有法律、行政法规禁止的内容；如因申报的企业名称与他人企业名称近似侵犯他人合法权益，由本人依法承担法律责任。',
    '本人知悉：名称自主申报通过不代表登记机关的最终核准，登记机关在办理企业登记时仍可依法对名称进行审查，对不适宜的名称不予登记或依法予以纠正。',
    '本人知悉：名称保留期届满前未办理企业登记的，保留的名称自动失效。',
  ],
}

/** The notice on the 名称自主申报告知书: passing self-declaration is not final (§1.7). */
export const REVIEW_NOTICE = '名称自主申报通过不代表最终核准。登记机关在企业登记审查时，仍可能依法对名称不予登记或要求更正。'

/** Reg 18: two months, one year when the business needs a pre-approval (前置审批). */
export const reservationMonths = (preApproval: boolean) => (preApproval ? 12 : 2)

/**
 * The last day of a period of `months` starting the day after `date` (民法典第二百零一、二百零二条): the
 * corresponding day of the final month, or its last day when it has no such day.
 */
export function periodLastDay(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const daysInMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, daysInMonth))
  return target.toISOString().slice(0, 10)
}

/** A reservation made on Shanghai date `today` lasts through `lastDay` and ends at the following midnight. */
export function reservationPeriod(today: string, preApproval: boolean): { lastDay: string; expiresAt: Date } {
  const lastDay = periodLastDay(today, reservationMonths(preApproval))
  const next = new Date(`${lastDay}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return { lastDay, expiresAt: shanghaiInstant(next.toISOString().slice(0, 10), '00:00') }
}
