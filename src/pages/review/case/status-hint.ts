import { formatInstant } from '@/components/review'
import type { CaseDetail } from '@/services/review'

/** The promised answer time as the BFF computed it (the reviewer sees the same instant). */
const answerBy = (c: CaseDetail, lead: string) => (c.deadline ? `${lead}${formatInstant(c.deadline.dueAt)}前` : '')

/** What the applicant should do or expect now, by the case status. */
export function statusHint(c: CaseDetail): string {
  switch (c.status) {
    case 'draft':
      return '请按清单上传材料，自动检查通过后提交预审。'
    case 'submitted':
      return `已提交，等待预审人员审核（承诺${c.item.promisedDays}个工作日内答复${answerBy(c, '，即')}）。`
    case 'reviewing':
      return `预审人员正在审核您的材料，结果将${answerBy(c, '在')}一次性告知。`
    case 'needs_fix':
      return `请在${c.fixDueDate}前按告知书更换材料后重新提交。`
    case 'deferred_approved':
      return `已容缺受理，请在${c.supplementDueDate}前补传容缺材料后提交。`
    case 'approved':
      return '预审通过。请预约或到厅取号办理，携带材料原件，一次办结。'
    case 'rejected':
      return '不予受理，理由见告知书。'
    case 'withdrawn':
      return '办件已撤回。如需办理，请重新申报。'
    case 'expired':
      return '办件已过期。如需办理，请重新申报。'
  }
}
