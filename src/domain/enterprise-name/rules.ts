/**
 * The rules a name can be judged by without the register (shared/domain §1.1–1.5): characters, structure,
 * prohibited and restricted words. Collisions (§1.6) are judged in ./collisions from register rows.
 */
import { characterFindings, hanziCount } from './characters'
import { isDivisionName, readDivision, type DivisionProblem } from './divisions'
import { formFindings } from './forms'
import { industryGroupOf, type IndustryGroup } from './industries'
import { composeName, industryTermsOf, normalizeName, parseName, type ParseData, type ParsedName } from './parse'
import { STAGES, type EntityType, type Finding, type LocationContext, type NameParts, type Severity, type Verdict } from './types'
import { famousMarkFindings, wordFindings } from './word-check'

const REG = (article: string) => `《企业名称登记管理规定》第${article}条`
const MEASURES = (article: string) => `《企业名称登记管理规定实施办法》第${article}条`

/**
 * Division names that also carry another meaning the public clearly recognises (Reg 8 "另有含义的除外";
 * Measures 10). Using one as 字号 is not refused outright, but a registrar must judge it.
 */
export const DIVISION_WORDS_WITH_OTHER_MEANING = new Set([
  '长安',
  '太平',
  '永安',
  '和平',
  '光明',
  '东方',
  '新华',
  '红旗',
  '白云',
  '天河',
  '中山',
  '黄山',
  '泰山',
  '长寿',
  '吉利',
  '富民',
  '安宁',
  '友谊',
  '朝阳',
  '永和',
  '太和',
  '和顺',
  '安康',
  '永康',
  '长乐',
  '兴隆',
  '新兴',
  '平安',
  '江南',
  '复兴',
  '振兴',
  '向阳',
  '前进',
  '东风',
  '友好',
  '华安',
  '兴业',
  '宝山',
  '青山',
  '金山',
  '新城',
  '阳光',
  '大同',
  '昌盛',
  '永丰',
  '万安',
  '泰和',
  '天山',
])

export const CROWN_WORDS = ['中国', '中华', '中央', '全国', '国家']

export interface RuleData extends ParseData {
  /** Server: OpenCC t→s. The client leaves it out (the BFF is the authority). */
  simplify?: (text: string) => string
}

export interface NameInput {
  entityType: EntityType
  foreignInvested?: boolean
  name?: string
  parts?: NameParts
}

export interface RuleResult {
  name: string
  parts: NameParts
  industryGroup: IndustryGroup | null
  findings: Finding[]
}

const finding = (stage: Finding['stage'], code: string, severity: Severity, rule: string, message: string): Finding => ({
  stage,
  code,
  severity,
  rule,
  message,
})

function readInput(input: NameInput, data: RuleData): ParsedName {
  if (input.name !== undefined) return parseName(input.name, input.entityType, data)
  const raw = input.parts!
  const parts: NameParts = {
    division: raw.division.trim(),
    divisionPlacement: raw.division.trim() ? raw.divisionPlacement : 'none',
    zihao: raw.zihao.trim(),
    industry: raw.industry.trim(),
    group: raw.group,
    china: raw.china,
    form: normalizeName(raw.form),
    ...(input.entityType === 'branch' ? { parent: normalizeName(raw.parent ?? '') } : {}),
  }
  return { name: composeName(parts), parts, industryTerms: industryTermsOf(parts.industry, data.industries), unbracketedDivision: '', secondDivision: '' }
}

/** The text the character rules read: every part, without the brackets the rules sanction. */
function characterText(parsed: ParsedName, input: NameInput, data: RuleData): string {
  const { parts } = parsed
  const form = parts.form.replace(/（(普通合伙|特殊普通合伙|有限合伙)）$/, '$1')
  if (parts.parent !== undefined) {
    const parent = parseName(parts.parent, 'llc', data)
    return characterText(parent, { ...input, entityType: 'llc' }, data) + parts.division + parts.zihao + form
  }
  return parts.division + parts.zihao + parts.industry + parsed.unbracketedDivision + form
}

const DIVISION_MESSAGES: Record<DivisionProblem['kind'], (p: DivisionProblem, location: LocationContext) => string> = {
  not_location: (p, l) => `行政区划“${(p as { text: string }).text}”不是企业所在地（${l.label}）的行政区划，只能使用所在地的省、设区的市或区县名称`,
  district_alone: (p) => {
    const { district, city } = p as { district: string; city: string }
    return `市辖区名称“${district}”须冠以所属设区的市名称，如“${city}${district}”`
  },
  zone_alone: (p) => {
    const { zone, city } = p as { zone: string; city: string }
    return `开发区等区域名称“${zone}”不得单独使用，须与行政区划名称连用，如“${city}${zone}”`
  },
  order: (p) => `行政区划“${(p as { text: string }).text}”的顺序不当，应按省、市、区县依次排列`,
}

function divisionFindings(parsed: ParsedName, location: LocationContext | null, crowned: boolean): Finding[] {
  const { parts } = parsed
  const findings: Finding[] = []
  if (parsed.unbracketedDivision) {
    findings.push(
      finding(
        'structure',
        'division.unbracketed',
        'reject',
        MEASURES('九'),
        `行政区划“${parsed.unbracketedDivision}”置于字号和行业之后时须加括号，如“…（${parsed.unbracketedDivision}）${parts.form || '有限公司'}”`,
      ),
    )
  } else if (!parts.division && !crowned) {
    findings.push(
      finding(
        'structure',
        'division.missing',
        'reject',
        REG('六'),
        '名称未含行政区划。只有跨省、自治区、直辖市经营的企业名称可以不含行政区划，此类名称须通过国家市场监督管理总局企业名称申报系统申报，本系统不能受理',
      ),
    )
  }
  if (parsed.secondDivision) {
    findings.push(
      finding('structure', 'division.twice', 'reject', MEASURES('九'), `名称中行政区划只能出现一次：“${parsed.secondDivision}”与“（${parts.division}）”重复`),
    )
  }
  if (parts.division && location) {
    const problem = readDivision(parts.division, location).problem
    if (problem) findings.push(finding('structure', `division.${problem.kind}`, 'reject', REG('七'), DIVISION_MESSAGES[problem.kind](problem, location)))
  }
  return findings
}

/**
 * The county names a 字号 equals when it names nothing else: no province or 设区的市, nothing in the applicant's
 * province. Such a word (秦安, 北辰, 三元) often means something else, so a registrar judges it instead of the
 * system refusing it; a province, a city or a division of the applicant's own province is refused.
 */
function countiesElsewhere(zihao: string, data: RuleData): string[] {
  const nodes = data.gazetteer?.lookup(zihao).filter((node) => node.kind !== 'zone') ?? []
  const province = data.location?.province.code.slice(0, 2)
  if (!nodes.length || nodes.some((node) => node.level !== 'county' || node.code.startsWith(province ?? '--'))) return []
  return nodes.map((node) => node.name)
}

function zihaoFindings(zihao: string, data: RuleData): Finding[] {
  const rule = `${REG('八')}；${MEASURES('十')}`
  if (!zihao) return [finding('structure', 'zihao.missing', 'reject', rule, '名称缺少字号，字号应由两个以上汉字组成')]
  const findings: Finding[] = []
  if (hanziCount(zihao) < 2) findings.push(finding('structure', 'zihao.too_short', 'reject', rule, `字号“${zihao}”不足两个汉字，字号应由两个以上汉字组成`))
  if (isDivisionName(zihao, data.location, data.gazetteer)) {
    const elsewhere = countiesElsewhere(zihao, data)
    findings.push(
      DIVISION_WORDS_WITH_OTHER_MEANING.has(zihao)
        ? finding(
            'structure',
            'zihao.division_other_meaning',
            'warn',
            rule,
            `字号“${zihao}”与县级以上行政区划名称相同，仅在其另有公众明确认知的含义时可用，登记机关将人工审查`,
          )
        : elsewhere.length
          ? finding(
              'structure',
              'zihao.division_elsewhere',
              'warn',
              rule,
              `字号“${zihao}”与外省县级行政区划名称（${elsewhere.join('、')}）相同。行政区划名称不得作为字号，另有含义的除外，登记机关将人工审查`,
            )
          : finding('structure', 'zihao.division', 'reject', rule, `县级以上行政区划名称“${zihao}”不得作为字号，字号应具有显著性`),
    )
  }
  if (data.industries.find(zihao) || data.industries.isGenericTail(zihao)) {
    findings.push(finding('structure', 'zihao.industry', 'reject', rule, `行业或经营特点用语“${zihao}”不得作为字号，字号应具有显著性`))
  }
  return findings
}

function industryFindings(parsed: ParsedName, input: NameInput, group: IndustryGroup | null): Finding[] {
  const { industry } = parsed.parts
  if (!industry) {
    return [
      finding(
        'structure',
        'industry.missing',
        'warn',
        REG('六'),
        '名称未含行业或经营特点。只有跨行业综合经营的企业名称可以不含行业表述，登记时须说明综合经营情况',
      ),
    ]
  }
  if (input.parts && !group) {
    return [
      finding(
        'structure',
        'industry.unlisted',
        'info',
        `${REG('九')}；${MEASURES('十一')}`,
        `行业表述“${industry}”不在常用行业表述中，请确认与主营业务相符，可参照《国民经济行业分类》（GB/T 4754）`,
      ),
    ]
  }
  return []
}

function structureFindings(parsed: ParsedName, input: NameInput, data: RuleData, group: IndustryGroup | null, crowned: boolean): Finding[] {
  const { parts } = parsed
  const findings: Finding[] = []
  if (parts.parent !== undefined) {
    findings.push(...formFindings('branch', parts.form, parsed.name))
    if (!parsed.name.startsWith(parts.parent) || !/(有限公司|有限责任公司|股份公司)$/.test(parts.parent)) {
      findings.push(
        finding('structure', 'branch.parent', 'reject', REG('十三'), '分支机构名称须冠以所从属企业的完整名称（以“有限公司”“股份有限公司”等组织形式结尾）'),
      )
    }
    return findings
  }
  findings.push(...divisionFindings(parsed, data.location, crowned))
  findings.push(...zihaoFindings(parts.zihao, data))
  findings.push(...industryFindings(parsed, input, group))
  findings.push(...formFindings(input.entityType, parts.form, parsed.name))
  if (parts.group) {
    findings.push(
      finding(
        'structure',
        'form.group',
        'warn',
        REG('十四'),
        '使用“集团”字样须符合企业集团条件，其名称应与控股企业名称的行政区划、字号、行业一致，登记时须提交相关证明',
      ),
    )
  }
  return findings
}

function restrictedFindings(parsed: ParsedName, input: NameInput, crown: string | undefined): Finding[] {
  const { parts } = parsed
  const rule = REG('十二')
  const findings: Finding[] = []
  if (crown) {
    findings.push(
      finding(
        'restricted',
        'restricted.crown',
        'reject',
        rule,
        `名称冠以“${crown}”须按规定从严审核并报国务院批准，不能通过自主申报取得，请咨询国家市场监督管理总局`,
      ),
    )
  }
  // Elsewhere 中国/中华/全国/国家 may only qualify a following industry wording (中国餐饮), never sit in the 字号.
  const terms = parsed.industryTerms
  const qualifiesIndustry = (word: string) => terms.some((term, i) => term === word && i < terms.length - 1)
  const middleText = crown ? parts.zihao.slice(crown.length) : parts.zihao
  for (const word of ['中国', '中华', '全国', '国家']) {
    if (middleText.includes(word) || (parts.industry.includes(word) && !qualifiesIndustry(word))) {
      findings.push(
        finding(
          'restricted',
          'restricted.middle',
          'reject',
          rule,
          `名称中间含有“${word}”的，该字词只能作为行业限定语（其后须接行业表述），不能用于字号或其他位置`,
        ),
      )
    } else if (qualifiesIndustry(word)) {
      findings.push(
        finding(
          'restricted',
          'restricted.middle_qualifier',
          'warn',
          rule,
          `“${word}”须确为对行业的限定（如“${word}${terms[terms.indexOf(word) + 1]}”），登记机关将审查`,
        ),
      )
    }
  }
  if (parts.zihao.includes('国际')) {
    findings.push(
      finding(
        'restricted',
        'restricted.international',
        'reject',
        `${rule}；《企业名称禁限用规则》`,
        '“国际”只能作为行业表述的一部分（如国际贸易、国际货运代理），不能用作字号',
      ),
    )
  }
  if (parts.china) {
    findings.push(
      input.foreignInvested
        ? finding(
            'restricted',
            'restricted.china_marker',
            'info',
            rule,
            '“（中国）”仅限使用外国投资者字号的外商独资或控股企业，登记时须提交外国投资者的主体资格证明',
          )
        : finding(
            'restricted',
            'restricted.china_marker_domestic',
            'reject',
            rule,
            '只有使用外国投资者字号的外商独资或控股的外商投资企业，名称中才可以含有“（中国）”',
          ),
    )
  }
  return findings
}

const stageRank = (f: Finding) => STAGES.indexOf(f.stage)

/** Every finding of §1.1–1.5, in the order of §1.7. */
export function checkNameRules(input: NameInput, data: RuleData): RuleResult {
  const parsed = readInput(input, data)
  const { parts } = parsed
  const crown = parts.parent === undefined ? CROWN_WORDS.find((word) => parsed.name.startsWith(word)) : undefined
  const group = industryGroupOf(parts.industry, data.industries)
  const findings = [
    ...characterFindings(characterText(parsed, input, data), data.simplify),
    ...structureFindings(parsed, input, data, group, crown !== undefined),
    ...wordFindings(parts),
    ...famousMarkFindings(parts),
    ...restrictedFindings(parsed, input, crown),
  ].sort((a, b) => stageRank(a) - stageRank(b))
  return { name: parsed.name, parts, industryGroup: group, findings }
}

/** The most serious finding decides: 禁用 → reject, 限用 → approval, 提示 → warn. */
export function verdictOf(findings: Finding[]): Verdict {
  for (const severity of ['reject', 'approval', 'warn'] as const) if (findings.some((f) => f.severity === severity)) return severity
  return 'accept'
}
