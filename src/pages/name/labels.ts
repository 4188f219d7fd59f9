import type { RegisterStatus, Severity } from '@/domain/enterprise-name/types'
import type { CheckResult, NameReservation } from '@/services/name'

/** The grades registration authorities use: 禁用 refuses, 限用 needs an approval document, 提示 goes to manual review. */
export const SEVERITY_LABEL: Record<Severity, string> = { reject: '禁用·不能申报', approval: '限用·需批准文件', warn: '提示·人工审查', info: '说明' }

export const MATCH_STATUS_LABEL: Record<RegisterStatus, string> = {
  registered: '已登记',
  reserved: '保留中',
  cancelled: '注销未满一年',
  changed: '变更未满一年',
}

export const VERDICT_TEXT: Record<CheckResult['verdict'], { title: string; hint: string }> = {
  accept: { title: '可以申报', hint: '未发现禁限用、结构问题或相同、近似名称。' },
  warn: { title: '存在风险，确认后可申报', hint: '以下提示不妨碍申报，但名称可能与他人权利冲突，申报后由登记机关人工审查。' },
  approval: { title: '需批准文件，填写后可申报', hint: '名称含限用字词：须已取得下列批准文件，填写文件名称和文号后方可申报，登记时提交原件。' },
  reject: { title: '不能申报', hint: '请按以下提示修改名称后重新检查。' },
}

export const RESERVATION_STATUS_LABEL: Record<NameReservation['status'], string> = { active: '保留中', released: '已放弃', expired: '已到期' }

/** 2027-01-24 → 2027年1月24日 */
export const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
