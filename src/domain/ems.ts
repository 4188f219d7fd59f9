/**
 * EMS domestic item numbers, UPU S10 (domain rules §6): 2 letters, 8 serial digits, a check digit, "CN".
 * Check digit: 11 − Σ dᵢ·[8,6,4,2,3,5,9,7] mod 11, where 10 → 0 and 11 → 5.
 */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7]

export function s10CheckDigit(serial: string): number {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * WEIGHTS[i]
  const check = 11 - (sum % 11)
  return check === 10 ? 0 : check === 11 ? 5 : check
}

export type EmsNumberResult = { ok: true; value: string } | { ok: false; message: string }

/** Accepts lower case and spaces (as typed from a waybill) and returns the 13-character number. */
export function parseEmsNumber(input: string): EmsNumberResult {
  const value = input.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{9}CN$/.test(value)) return { ok: false, message: 'EMS单号应为13位：2位字母、9位数字和CN，如 EA123456785CN' }
  if (s10CheckDigit(value.slice(2, 10)) !== Number(value[10])) return { ok: false, message: 'EMS单号校验位不正确，请核对面单后重新输入' }
  return { ok: true, value }
}
