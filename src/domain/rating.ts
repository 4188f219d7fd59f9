/**
 * 政务服务"好差评" (国办发〔2019〕51号; docs/domain-rules.md §7): the five levels, the standard reasons, the
 * change window and the follow-up deadlines. Pure: shared by the BFF (rules) and the app (labels).
 */

export const RATING_LEVELS = [5, 4, 3, 2, 1] as const
export type RatingLevel = (typeof RATING_LEVELS)[number]

export const RATING_LEVEL_LABEL: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
}

/** 不满意 and 非常不满意 are 差评: each opens a follow-up. */
export const isBadRating = (level: number) => level <= 2

/** 满意率 counts 非常满意, 满意 and 基本满意 among all ratings (how the national platform publishes it). */
export const isSatisfied = (level: number) => level >= 3

/**
 * The standard 差评 reasons, grouped by the evaluation dimensions of 国办发〔2019〕51号 (服务标准, 办事流程,
 * 服务效率, 服务态度, 服务结果, 廉洁). The code is what the export sends; see docs/rating.md for the source.
 */
export const RATING_REASON_LABEL = {
  guide_unclear: '办事指南不清楚、不准确',
  too_many_materials: '要求提交的材料过多',
  process_complex: '办事流程繁琐',
  too_many_trips: '多次跑腿',
  slow: '办理时间长、等候久',
  attitude: '服务态度差',
  not_explained: '政策解释不清楚',
  online_unusable: '网上办事不便捷',
  result_wrong: '办理结果不满意',
  improper_conduct: '吃拿卡要等不廉洁行为',
} as const
export type RatingReason = keyof typeof RATING_REASON_LABEL
export const RATING_REASON_CODES = Object.keys(RATING_REASON_LABEL) as [RatingReason, ...RatingReason[]]
export const ratingReasonLabel = (code: string) => RATING_REASON_LABEL[code as RatingReason] ?? code

/** A rating may be changed for this long after it was first given (docs/rating.md). */
export const RATING_CHANGE_HOURS = 24

/** 回访 within 1 working day of the bad rating, 整改 and feedback within 15 working days (docs/rating.md). */
export const FOLLOW_UP_VISIT_WORKING_DAYS = 1
export const FOLLOW_UP_RECTIFY_WORKING_DAYS = 15

export const SERVICE_KIND_LABEL = { queue: '窗口办事', review: '材料预审', pickup: '证照领取', name: '名称自主申报' } as const
export type ServiceKind = keyof typeof SERVICE_KIND_LABEL

export const FOLLOW_UP_STATUS_LABEL = { open: '待回访', visited: '整改中', rectified: '已整改', withdrawn: '已撤回' } as const
export type FollowUpStatus = keyof typeof FOLLOW_UP_STATUS_LABEL
