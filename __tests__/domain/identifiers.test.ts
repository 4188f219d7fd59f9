import { ageOn, parseIdCard } from '../../src/domain/id-card'
import { maskIdNumber, maskName, maskPhone } from '../../src/domain/mask'
import { normalizeMobile } from '../../src/domain/phone'
import { parseUscc } from '../../src/domain/uscc'

const TODAY = '2026-11-22'

describe('citizen ID numbers (GB 11643-1999)', () => {
  it.each(['11010519491231002X', '360426199101010071', '11010519491231002x'])('accepts %s', (id) => {
    const result = parseIdCard(id, TODAY)
    expect(result.ok).toBe(true)
  })

  it('normalises a lowercase x and derives sex and birth date', () => {
    const result = parseIdCard('11010519491231002x', TODAY)
    expect(result).toEqual({ ok: true, value: { normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' } })
    expect(parseIdCard('360426199101010071', TODAY)).toMatchObject({ value: { sex: 'male' } })
  })

  it.each([
    ['110105194912310021', 'check_digit', '校验位'],
    ['11010519491231002', 'format', '18位'],
    ['99010519491231002X', 'province', '地区码'],
    ['110105194902300028', 'birth_date', '出生日期'],
    ['110105203001010011', 'birth_date', '出生日期'],
    ['110105184901010011', 'birth_date', '出生日期'],
  ])('refuses %s (%s)', (id, problem, text) => {
    const result = parseIdCard(id, TODAY)
    expect(result).toMatchObject({ ok: false, problem })
    if (!result.ok) expect(result.message).toContain(text)
  })

  it('computes age on a given day', () => {
    expect(ageOn('1966-11-23', '2026-11-22')).toBe(59)
    expect(ageOn('1966-11-22', '2026-11-22')).toBe(60)
  })
})

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts a valid code', () => expect(parseUscc('91110000600037341L')).toEqual({ ok: true, value: '91110000600037341L' }))
  it('refuses a wrong check character', () => expect(parseUscc('91110000600037341N')).toMatchObject({ ok: false }))
  it('refuses forbidden letters', () => expect(parseUscc('9111000060003734IL').ok).toBe(false))
  it('refuses a wrong organisation-code check inside', () => expect(parseUscc('91110000600037351L').ok).toBe(false))
})

describe('mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
  ])('normalises %s', (input, expected) => expect(normalizeMobile(input)).toBe(expected))
  it.each(['12812345678', '1381234567', '138123456789', 'abc'])('refuses %s', (input) => expect(normalizeMobile(input)).toBeNull())
})

describe('masks', () => {
  it('never shows a full ID number', () => expect(maskIdNumber('11010519491231002X')).toBe('110105********002X'))
  it('masks phones and names', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
  })
})
