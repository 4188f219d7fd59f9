import { parseEmsNumber, s10CheckDigit } from '../../src/domain/ems'

/** UPU S10 check digit: weights 8 6 4 2 3 5 9 7, check = 11 − Σ mod 11, 10 → 0, 11 → 5 (domain rules §6). */
describe('s10CheckDigit', () => {
  it('computes the UPU example (47326213 → 6) and an ordinary serial', () => {
    expect(s10CheckDigit('47326213')).toBe(6)
    expect(s10CheckDigit('12345678')).toBe(5) // Σ = 204, 204 mod 11 = 6, 11 − 6 = 5
  })

  it('maps a remainder of 1 (check 10) to 0 and a remainder of 0 (check 11) to 5', () => {
    expect(s10CheckDigit('00000000')).toBe(5) // Σ = 0 → 11 → 5
    expect(s10CheckDigit('02000000')).toBe(0) // Σ = 6·2 = 12, 12 mod 11 = 1 → 10 → 0
  })
})

describe('parseEmsNumber', () => {
  it('accepts a valid number typed in lower case and with spaces', () => {
    expect(parseEmsNumber(' ea 1234 5678 5cn ')).toEqual({ ok: true, value: 'EA123456785CN' })
    expect(parseEmsNumber('RR473262136CN')).toEqual({ ok: true, value: 'RR473262136CN' })
  })

  it.each(['EA123456784CN', 'EA123456780CN'])('refuses the wrong check digit in %s', (input) => {
    expect(parseEmsNumber(input)).toEqual({ ok: false, message: 'EMS单号校验位不正确，请核对面单后重新输入' })
  })

  it.each(['', 'EA12345678CN', 'EA1234567855CN', 'E1123456785CN', 'EA123456785US', '12EA3456785CN'])('refuses the malformed %j', (input) => {
    expect(parseEmsNumber(input)).toEqual({ ok: false, message: 'EMS单号应为13位：2位字母、9位数字和CN，如 EA123456785CN' })
  })
})
