/**
 * The name rules are right for any location in China, not only Chengdu: municipalities, autonomous
 * prefectures, counties under a prefecture-level city, province-administered county-level cities and
 * prefecture-level cities without districts. Also the client's way of running them: explicit parts,
 * the location from the BFF, no national gazetteer and no OpenCC.
 */
import { divisionAliases, divisionChoices } from '../../src/domain/enterprise-name/divisions'
import { buildIndustryLexicon } from '../../src/domain/enterprise-name/industries'
import { composeName } from '../../src/domain/enterprise-name/parse'
import { checkNameRules, verdictOf } from '../../src/domain/enterprise-name/rules'
import type { NameParts } from '../../src/domain/enterprise-name/types'
import { divisionData } from '../../server/core/divisions'
import { ruleDataFor } from '../../server/modules/name/rule-data'

const location = (code: string) => divisionData().location(code)!
const verdictAt = (code: string, name: string) => verdictOf(checkNameRules({ entityType: 'llc', name }, ruleDataFor(location(code))).findings)
const codesAt = (code: string, name: string) => checkNameRules({ entityType: 'llc', name }, ruleDataFor(location(code))).findings.map((f) => f.code)

describe('locations', () => {
  it('北京市海淀区: the municipality is the city a district follows', () => {
    const haidian = location('110108')
    expect(haidian).toMatchObject({ label: '北京市海淀区', scopeCode: '110100', city: null })
    expect(divisionChoices(haidian)).toEqual(['北京', '北京市', '北京海淀', '北京市海淀区'])
    for (const name of ['北京蓉光科技有限公司', '北京海淀蓉光科技有限公司', '北京市海淀区蓉光科技有限公司', '蓉光科技（北京）有限公司']) {
      expect(verdictAt('110108', name)).toBe('accept')
    }
    expect(codesAt('110108', '海淀蓉光科技有限公司')).toEqual(['division.district_alone'])
    expect(codesAt('110108', '北京朝阳蓉光科技有限公司')).toEqual(['division.not_location'])
    expect(codesAt('110108', '成都蓉光科技有限公司')).toEqual(['division.not_location'])
  })

  it('广东省深圳市南山区: province, city, city + district', () => {
    for (const name of [
      '广东蓉光科技有限公司',
      '深圳市蓉光科技有限公司',
      '广东深圳蓉光科技有限公司',
      '深圳南山蓉光科技有限公司',
      '蓉光科技（深圳南山）有限公司',
    ]) {
      expect(verdictAt('440305', name)).toBe('accept')
    }
    expect(codesAt('440305', '南山蓉光科技有限公司')).toEqual(['division.district_alone'])
    expect(codesAt('440305', '广东南山蓉光科技有限公司')).toEqual(['division.district_alone'])
    expect(codesAt('440305', '广州蓉光科技有限公司')).toEqual(['division.not_location'])
  })

  it('四川省绵阳市三台县: a county may stand alone', () => {
    expect(location('510722').scopeCode).toBe('510700')
    for (const name of ['三台蓉光科技有限公司', '三台县蓉光科技有限公司', '绵阳三台蓉光科技有限公司', '绵阳蓉光科技有限公司', '四川蓉光科技有限公司']) {
      expect(verdictAt('510722', name)).toBe('accept')
    }
    expect(codesAt('510722', '成都蓉光科技有限公司')).toEqual(['division.not_location'])
  })

  it('an autonomous prefecture and its county-level city (凉山州西昌市)', () => {
    expect(divisionAliases('凉山彝族自治州', 'prefecture')).toEqual(['凉山彝族自治州', '凉山', '凉山州'])
    expect(divisionAliases('峨边彝族自治县', 'county')).toEqual(['峨边彝族自治县', '峨边'])
    for (const name of ['凉山蓉光科技有限公司', '凉山州蓉光科技有限公司', '西昌蓉光科技有限公司', '凉山彝族自治州西昌市蓉光科技有限公司']) {
      expect(verdictAt('513401', name)).toBe('accept')
    }
  })

  it('a county of 重庆, a province-administered city (仙桃) and a city without districts (东莞)', () => {
    expect(verdictAt('500229', '城口蓉光科技有限公司')).toBe('accept')
    expect(verdictAt('500229', '重庆城口蓉光科技有限公司')).toBe('accept')
    expect(location('500229').scopeCode).toBe('500100')
    expect(verdictAt('429004', '仙桃蓉光科技有限公司')).toBe('accept')
    expect(verdictAt('429004', '湖北仙桃蓉光科技有限公司')).toBe('accept')
    expect(location('429004').scopeCode).toBe('429004')
    expect(verdictAt('441900', '东莞蓉光科技有限公司')).toBe('accept')
    expect(location('441900')).toMatchObject({ scopeCode: '441900', county: null })
    expect(codesAt('441900', '深圳蓉光科技有限公司')).toEqual(['division.not_location'])
  })

  it('keeps one-character short forms whole (和县 is never just 和)', () => {
    expect(divisionAliases('和县', 'county')).toEqual(['和县'])
    expect(verdictAt('340523', '和县蓉光科技有限公司')).toBe('accept')
  })
})

describe('on the client: explicit parts, no national data', () => {
  const industries = buildIndustryLexicon()
  const haidian = location('110108')
  const parts = (overrides: Partial<NameParts>): NameParts => ({
    division: '北京海淀',
    divisionPlacement: 'prefix',
    zihao: '蓉光',
    industry: '网络科技',
    group: false,
    china: false,
    form: '有限公司',
    ...overrides,
  })
  const clientCheck = (p: NameParts) => checkNameRules({ entityType: 'llc', parts: p }, { location: haidian, industries })

  it('composes the name and accepts good parts', () => {
    const result = clientCheck(parts({}))
    expect(result.name).toBe('北京海淀蓉光网络科技有限公司')
    expect(result.findings).toEqual([])
    expect(composeName(parts({ divisionPlacement: 'bracket', division: '北京', group: true }))).toBe('蓉光网络科技（北京）集团有限公司')
  })

  it('still finds the location’s own rules and the pure ones', () => {
    expect(clientCheck(parts({ division: '海淀' })).findings.map((f) => f.code)).toEqual(['division.district_alone'])
    expect(clientCheck(parts({ zihao: '光' })).findings.map((f) => f.code)).toEqual(['zihao.too_short'])
    expect(clientCheck(parts({ zihao: '海淀' })).findings.map((f) => f.code)).toEqual(['zihao.division'])
    expect(clientCheck(parts({ zihao: '公安' })).findings.map((f) => f.code)).toEqual(['prohibited.party_state_military'])
    expect(clientCheck(parts({ industry: '量子计算' })).findings).toEqual([expect.objectContaining({ code: 'industry.unlisted', severity: 'info' })])
  })
})
