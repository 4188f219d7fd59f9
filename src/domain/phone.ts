/** Mainland mobile numbers: strip +86 / 0086, then 1[3-9] and nine more digits. */
export function normalizeMobile(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null
}

export const MOBILE_INVALID_MESSAGE = '请输入正确的11位手机号码'
