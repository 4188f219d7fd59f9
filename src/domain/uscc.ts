/** Unified social credit codes, GB 32100-2015, with the GB 11714 organisation-code check inside. */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i]
  return CHARSET[(31 - (sum % 31)) % 31]
}

export function orgCodeCheckChar(first8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(first8[i]) * ORG_WEIGHTS[i]
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

export type UsccResult = { ok: true; value: string } | { ok: false; message: string }

export function parseUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase()
  if (code.length !== 18 || [...code].some((ch) => !CHARSET.includes(ch))) {
    return { ok: false, message: '统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、Z、S、V）' }
  }
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) {
    return { ok: false, message: '统一社会信用代码中的组织机构代码校验位不正确' }
  }
  if (usccCheckChar(code) !== code[17]) return { ok: false, message: '统一社会信用代码校验位不正确，请核对后重新输入' }
  return { ok: true, value: code }
}
