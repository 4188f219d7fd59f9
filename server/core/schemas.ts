import { Type, type SchemaOptions, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox'
import { addDays } from '../../src/domain/working-days'
import { badRequest } from './errors'

/** Every error the BFF answers: a stable code and a Chinese message ready for a toast. */
export const ErrorBody = Type.Object(
  { code: Type.String(), message: Type.String() },
  { $id: 'ErrorBody', description: '错误：code 供程序判断，message 可直接展示给用户' },
)

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503

/** The response map of a route: its success schema plus the error statuses it can answer. */
export function replies<S extends TSchema>(ok: S, errors: ErrorStatus[] = [], okStatus: 200 | 201 = 200) {
  const map: Record<number, TSchema> = { [okStatus]: ok }
  for (const status of new Set<ErrorStatus>([400, 429, ...errors])) map[status] = ErrorBody
  return map as { [K in typeof okStatus]: S } & Record<ErrorStatus, typeof ErrorBody>
}

export const Uuid = Type.String({ format: 'uuid', title: '编号', description: 'UUID' })
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false })
/**
 * The one date type of every route: a real calendar date (format 'date' refuses 2026-02-30) in the
 * years 2000–2099, so no 9999-12-31 or 0001-01-01 reaches a service. A route that stores a date bounds it
 * further relative to today with `assertDateWithin`.
 */
export const DateString = Type.String({
  format: 'date',
  pattern: '^20\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  title: '日期',
  description: 'YYYY-MM-DD（北京时间，2000–2099 年）',
})

/** Refuses a date outside [today - pastDays, today + futureDays] with a Chinese message naming the range. */
export function assertDateWithin(date: string, today: string, horizon: { pastDays: number; futureDays: number }, what = '日期'): void {
  const first = addDays(today, -horizon.pastDays)
  const last = addDays(today, horizon.futureDays)
  if (date < first || date > last) throw badRequest('DATE_OUT_OF_RANGE', `${what}须在 ${first} 至 ${last} 之间`)
}
export const Instant = Type.String({ format: 'date-time' })

/** `schema` or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/**
 * A union of string literals that stays literal in `Static<>`: pass the values `as const`. (Mapping a plain
 * `string[]` through `Type.Literal` widens every member to `string`.)
 */
export const literals = <const T extends readonly string[]>(values: T, options?: SchemaOptions) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>

export const HallId = Type.String({ pattern: '^[a-z0-9-]{1,40}$', title: '服务中心', description: '服务中心 ID' })
export const ItemId = Type.String({ pattern: '^[a-z0-9-]{1,80}$', title: '事项', description: '事项 ID' })
export const Hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', title: '时间', description: 'HH:MM（北京时间）' })
export const ShortText = (maxLength = 100) => Type.String({ minLength: 1, maxLength })
export const Ok = Type.Object({ ok: Type.Literal(true) })
