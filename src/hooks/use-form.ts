import { useState } from 'react'
import type { UserAction } from '../services/http'
import { useAction } from './use-action'

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
