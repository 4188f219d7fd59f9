import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { asChoice, asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { FormField } from '@/components/form-field'
import { RATING_LEVELS, RATING_LEVEL_LABEL, RATING_REASON_CODES, RATING_REASON_LABEL, isBadRating, type RatingReason } from '@/domain/rating'
import './rating.scss'

export interface RatingDraft {
  level: number
  reasons: RatingReason[]
  comment?: string
}

interface RatingFormProps {
  initial?: { level: number; reasons: string[]; comment: string | null }
  /** The window tablet: no comment field (nobody types on a shared tablet), the biggest buttons. */
  kiosk?: boolean
  submitText: string
  busy: boolean
  error: string | null
  onSubmit: (draft: RatingDraft) => void
}

/** The five national levels as big buttons, the standard reasons as chips, an optional comment. */
export function RatingForm({ initial, kiosk = false, submitText, busy, error, onSubmit }: RatingFormProps) {
  const [level, setLevel] = useState<number | null>(initial?.level ?? null)
  const [reasons, setReasons] = useState<RatingReason[]>((initial?.reasons ?? []) as RatingReason[])
  const [comment, setComment] = useState(initial?.comment ?? '')
  const [missing, setMissing] = useState<string | null>(null)
  const toggle = (code: RatingReason) => setReasons((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]))
  const submit = () => {
    if (level === null) return setMissing('请选择满意程度')
    if (isBadRating(level) && !reasons.length && !comment.trim()) return setMissing('请选择不满意的原因或填写评价内容')
    setMissing(null)
    onSubmit({ level, reasons: isBadRating(level) ? reasons : [], ...(comment.trim() ? { comment: comment.trim() } : {}) })
  }
  return (
    <View className={`rating-form${kiosk ? ' rating-form--kiosk' : ''}`}>
      <View className='rating-form__levels' {...asRole('radiogroup', '满意程度')}>
        {RATING_LEVELS.map((l) => (
          <View
            key={l}
            className={`rating-form__level rating-form__level--${l}${level === l ? ' rating-form__level--active' : ''}`}
            onClick={() => setLevel(l)}
            {...asChoice('radio', level === l)}
          >
            {RATING_LEVEL_LABEL[l]}
          </View>
        ))}
      </View>
      {level !== null && isBadRating(level) ? (
        <>
          <Text className='rating-form__hint'>请告诉我们哪里做得不好（可多选）</Text>
          <View className='rating-form__reasons'>
            {RATING_REASON_CODES.map((code) => (
              <View
                key={code}
                className={`rating-form__reason${reasons.includes(code) ? ' rating-form__reason--active' : ''}`}
                onClick={() => toggle(code)}
                {...asChoice('checkbox', reasons.includes(code))}
              >
                {RATING_REASON_LABEL[code]}
              </View>
            ))}
          </View>
        </>
      ) : null}
      {kiosk ? null : <FormField label='评价内容（选填）' value={comment} onInput={setComment} maxlength={500} placeholder='您的意见和建议' />}
      <AlertLine className='rating-form__error' message={missing ?? error} />
      <ActionButton block disabled={busy} onClick={submit}>
        {submitText}
      </ActionButton>
    </View>
  )
}
