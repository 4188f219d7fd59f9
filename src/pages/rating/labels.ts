import { FOLLOW_UP_STATUS_LABEL, RATING_LEVEL_LABEL, isBadRating, type RatingLevel } from '@/domain/rating'
import { shanghaiDate, shanghaiTime } from '@/domain/time'
import type { RatedService } from '@/services/rating'

export const when = (iso: string) => `${shanghaiDate(new Date(iso))} ${shanghaiTime(new Date(iso))}`
export const levelLabel = (level: number) => RATING_LEVEL_LABEL[level as RatingLevel]

/** The state of a service's rating in a word: 待评价, its level, or where its 差评 follow-up is. */
export function ratingState(service: RatedService): { text: string; tone: 'todo' | 'bad' | 'good' } {
  const r = service.rating
  if (!r) return { text: '待评价', tone: 'todo' }
  if (!isBadRating(r.level)) return { text: levelLabel(r.level), tone: 'good' }
  return { text: r.followUp ? `${levelLabel(r.level)} · ${FOLLOW_UP_STATUS_LABEL[r.followUp.status]}` : levelLabel(r.level), tone: 'bad' }
}
