import { Type, type TSchema } from '@sinclair/typebox'

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

export const Uuid = Type.String({ format: 'uuid', description: 'UUID' })
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）' })
export const Instant = Type.String({ format: 'date-time' })
export const ShortText = (maxLength = 100) => Type.String({ minLength: 1, maxLength })
export const Ok = Type.Object({ ok: Type.Literal(true) })
