/** Resident ID numbers, GB 11643-1999. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
])

export type IdCardProblem = 'format' | 'province' | 'birth_date' | 'check_digit'

export interface IdCardInfo {
  normalized: string
  birthDate: string // YYYY-MM-DD
  sex: 'male' | 'female'
}

export type IdCardResult = { ok: true; value: IdCardInfo } | { ok: false; problem: IdCardProblem; message: string }

const MESSAGES: Record<IdCardProblem, string> = {
  format: '身份证号码应为18位，前17位为数字，最后一位为数字或X',
  province: '身份证号码的地区码不正确',
  birth_date: '身份证号码中的出生日期不正确',
  check_digit: '身份证号码校验位不正确，请核对后重新输入',
}

export function idCardCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** `today` is YYYY-MM-DD in Asia/Shanghai; a birth date after it is refused. */
export function parseIdCard(input: string, today: string): IdCardResult {
  const normalized = input.trim().toUpperCase()
  const fail = (problem: IdCardProblem): IdCardResult => ({ ok: false, problem, message: MESSAGES[problem] })
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail('format')
  if (!PROVINCE_CODES.has(Number(normalized.slice(0, 2)))) return fail('province')
  const year = Number(normalized.slice(6, 10))
  const month = Number(normalized.slice(10, 12))
  const day = Number(normalized.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  const birthDate = normalized.slice(6, 10) + '-' + normalized.slice(10, 12) + '-' + normalized.slice(12, 14)
  const realDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  if (!realDate || year < 1850 || birthDate > today) return fail('birth_date')
  if (idCardCheckChar(normalized) !== normalized[17]) return fail('check_digit')
  return { ok: true, value: { normalized, birthDate, sex: Number(normalized[16]) % 2 === 1 ? 'male' : 'female' } }
}

/** Whole years between a YYYY-MM-DD birth date and `today`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1
}
