import { useState } from 'react'
import type { UserAction } from '../services/http'
import { useAction } from './use-action'

/** A form's messages, one per invalid field; a field without one is valid. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>

/**
 * The one way a form shows its field errors. `check` judges the current values. Nothing shows until the user
 * tries to go on (`validate`, for the whole form or for some fields, e.g. the phone before 获取验证码); from
 * then on the errors of those fields are judged again on every render, so a message follows what the user
 * types and disappears as soon as the field is valid.
 */
export function useFormErrors<K extends string>(check: () => FieldErrors<K>) {
  const [shown, setShown] = useState<'all' | readonly K[]>([])
  const all = check()
  const errors: FieldErrors<K> = {}
  for (const key of Object.keys(all) as K[]) if (all[key] && (shown === 'all' || shown.includes(key))) errors[key] = all[key]
  return {
    errors,
    /** Shows the errors of `fields` (all when omitted) from now on; true when those fields are valid. */
    validate: (fields?: readonly K[]) => {
      setShown((current) => (fields === undefined || current === 'all' ? 'all' : [...new Set([...current, ...fields])]))
      return (fields ?? (Object.keys(all) as K[])).every((key) => !all[key])
    },
    /** A fresh form again (after it was sent): nothing shown. */
    reset: () => setShown([]),
  }
}

/**
 * A form judged on the client, whose values live in the component: the values, `field(key)` to spread on a
 * FormField (value, live error, onInput) and the checks of useFormErrors. (`useForm` below is for forms whose
 * rules live in the BFF: its refusal lands under the field it names.)
 */
export function useCheckedForm<V extends Record<string, string>>(initial: V, check: (values: V) => FieldErrors<keyof V & string>) {
  const [values, setValues] = useState(initial)
  const { errors, validate, reset } = useFormErrors(() => check(values))
  const set = (patch: Partial<V>) => setValues((current) => ({ ...current, ...patch }))
  const field = (key: keyof V & string) => ({
    value: values[key],
    error: errors[key] ?? null,
    onInput: (value: string) => set({ [key]: value } as Partial<V>),
  })
  return {
    values,
    set,
    field,
    errors,
    validate,
    reset: () => {
      setValues(initial)
      reset()
    },
  }
}

/**
 * The field a refusal is about. The BFF names a field by its Chinese title (`纬度超出允许范围`,
 * `缺少必填项：类别名称`, `结束办公时间须晚于开始办公时间`): the title that appears first in the message wins,
 * the longer one when two start at the same place. Null when the message names none of them.
 */
export function fieldOfMessage<K extends string>(message: string, titles: Record<K, string>): K | null {
  let found: { key: K; at: number; length: number } | null = null
  for (const key of Object.keys(titles) as K[]) {
    const at = message.indexOf(titles[key])
    if (at < 0) continue
    if (!found || at < found.at || (at === found.at && titles[key].length > found.length)) found = { key, at, length: titles[key].length }
  }
  return found?.key ?? null
}

/** A whole number typed into a field, or null when the text is not one. */
export const wholeNumber = (text: string): number | null => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : null)

/** A decimal number typed into a field (coordinates), or null when the text is not one. */
export const decimalNumber = (text: string): number | null => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null)

/** Thrown while building a body when a field cannot be sent as typed: the message goes under that field. */
export class FieldProblem extends Error {
  readonly field: string

  constructor(field: string, message: string) {
    super(message)
    Object.setPrototypeOf(this, FieldProblem.prototype)
    this.field = field
  }
}

/** The number in field `key` (`parse`: wholeNumber or decimalNumber), or a FieldProblem naming it. */
export function numberIn<K extends string>(values: Record<K, string>, titles: Record<K, string>, key: K, parse = wholeNumber): number {
  const value = parse(values[key])
  if (value === null) throw new FieldProblem(key, `${titles[key]}请填写数字`)
  return value
}

/**
 * A form of text fields with one error per field. `submit` runs the BFF call as a user action; a refusal that
 * names a field (by its title) shows under that field, any other refusal in `error` for the form's foot.
 * `field(key)` is what a FormField takes: its label (the title), value, error and input handler.
 */
export function useForm<K extends string>(titles: Record<K, string>, initial: Record<K, string>) {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const { busy, run } = useAction()

  const set = (key: K, value: string) => {
    setValues((current) => ({ ...current, [key]: value }))
    setErrors((current) => ({ ...current, [key]: undefined }))
  }

  /** Builds the body from the typed values (a `FieldProblem` stops here, under its field), then sends it. */
  const submit = async <B>(build: (values: Record<K, string>) => B, send: (body: B, action: UserAction) => Promise<unknown>) => {
    setErrors({})
    setFormError(null)
    let body: B
    try {
      body = build(values)
    } catch (problem) {
      if (!(problem instanceof FieldProblem)) throw problem
      setErrors({ [problem.field]: problem.message } as Partial<Record<K, string>>)
      return
    }
    await run(
      (action) => send(body, action),
      (failure) => {
        const key = fieldOfMessage(failure.message, titles)
        if (key) setErrors({ [key]: failure.message } as Partial<Record<K, string>>)
        else setFormError(failure.message)
      },
    )
  }

  const field = (key: K) => ({ label: titles[key], value: values[key], error: errors[key] ?? null, onInput: (value: string) => set(key, value) })

  return { values, set, setValues, errors, error: formError, busy, submit, field }
}
