/**
 * Identical and similar names (Reg 17; 《企业名称相同相近比对规则》; shared/domain §1.6), judged from the
 * existing names in the same 设区的市 that still count: registered, reserved by someone else and unexpired,
 * or cancelled / changed less than a year ago (the server's query chooses those).
 */
import type { Finding, NameMatch, RegisterStatus } from './types'

export interface CollisionName {
  name: string
  zihao: string
  /** Toneless pinyin of the 字号, letters only (锦程 → jincheng). */
  zihaoPinyin: string
  industry: string
  industryGroup: string | null
  division: string
  form: string
}

export interface RegisterCandidate extends CollisionName {
  status: RegisterStatus
}

type CollisionKind =
  | 'identical.same_name'
  | 'identical.same_parts'
  | 'identical.no_industry'
  | 'similar.synonym_industry'
  | 'similar.homophone'
  | 'similar.containment'
  | 'similar.other_industry'

const IDENTICAL_RULE = '《企业名称登记管理规定》第十七条；《企业名称相同相近比对规则》'
const SIMILAR_RULE = '《企业名称相同相近比对规则》；《企业名称登记管理规定》第十六条'
const MAX_MATCHES = 10

const MESSAGES: Record<CollisionKind, (subject: CollisionName) => string> = {
  'identical.same_name': () => '与本市已登记、保留期内或注销（变更）未满一年的企业名称相同，不能申报',
  'identical.same_parts': (s) =>
    `字号“${s.zihao}”与本市同行业已有名称的字号相同；仅行政区划、组织形式或排列顺序不同的，视为相同名称，不能申报（有投资关系的请到窗口办理）`,
  'identical.no_industry': (s) =>
    `字号“${s.zihao}”已被本市${s.industry ? '不含行业表述的' : ''}企业名称使用；${s.industry ? '' : '本名称不含行业表述，'}字号相同即视为相同名称，不能申报（有投资关系的请到窗口办理）`,
  'similar.synonym_industry': (s) => `字号“${s.zihao}”与本市已有名称相同，且行业表述近义，可能构成近似名称`,
  'similar.homophone': (s) => `字号“${s.zihao}”与本市同行业已有名称的字号读音相同，可能构成近似名称`,
  'similar.containment': (s) => `字号“${s.zihao}”与本市同行业已有名称的字号存在包含关系，可能构成近似名称`,
  'similar.other_industry': (s) => `字号“${s.zihao}”已被本市其他行业的企业使用，可能引起混淆`,
}

const sameIndustryField = (a: CollisionName, b: CollisionName) =>
  !a.industry || !b.industry || a.industry === b.industry || (a.industryGroup !== null && a.industryGroup === b.industryGroup)

function classify(subject: CollisionName, other: RegisterCandidate, isBranch: boolean): CollisionKind | null {
  if (other.name === subject.name) return 'identical.same_name'
  if (isBranch || !subject.zihao) return null
  if (other.zihao === subject.zihao) {
    if (!other.industry || !subject.industry) return 'identical.no_industry'
    if (other.industry === subject.industry) return 'identical.same_parts'
    if (subject.industryGroup !== null && other.industryGroup === subject.industryGroup) return 'similar.synonym_industry'
    return 'similar.other_industry'
  }
  if (!sameIndustryField(subject, other)) return null
  if (subject.zihaoPinyin && other.zihaoPinyin === subject.zihaoPinyin) return 'similar.homophone'
  // Containment needs two characters on each side: a single character is in countless 字号.
  if ([...subject.zihao].length < 2 || [...other.zihao].length < 2) return null
  if (other.zihao.includes(subject.zihao) || subject.zihao.includes(other.zihao)) return 'similar.containment'
  return null
}

const ORDER: CollisionKind[] = [
  'identical.same_name',
  'identical.same_parts',
  'identical.no_industry',
  'similar.synonym_industry',
  'similar.homophone',
  'similar.containment',
  'similar.other_industry',
]

/** One finding per kind of collision, each with the existing names it matched (at most ten shown). */
export function collisionFindings(subject: CollisionName, candidates: RegisterCandidate[], isBranch = false): Finding[] {
  const byKind = new Map<CollisionKind, NameMatch[]>()
  const seen = new Set<string>()
  for (const candidate of candidates) {
    const kind = classify(subject, candidate, isBranch)
    if (!kind || seen.has(candidate.name)) continue
    seen.add(candidate.name)
    if (!byKind.has(kind)) byKind.set(kind, [])
    byKind.get(kind)!.push({ name: candidate.name, status: candidate.status })
  }
  return ORDER.filter((kind) => byKind.has(kind)).map((kind) => {
    const matches = byKind.get(kind)!
    const identical = kind.startsWith('identical')
    const more = matches.length > MAX_MATCHES ? `（共${matches.length}个，仅列出前${MAX_MATCHES}个）` : ''
    return {
      stage: identical ? 'identical' : 'similar',
      code: kind,
      severity: identical ? 'reject' : 'warn',
      rule: identical ? IDENTICAL_RULE : SIMILAR_RULE,
      message: MESSAGES[kind](subject) + more,
      matches: matches.slice(0, MAX_MATCHES),
    }
  })
}

/** Substrings of a 字号 that another 字号 could equal while being contained in it (two characters or more). */
export function innerZihaos(zihao: string): string[] {
  const chars = [...zihao]
  const found = new Set<string>()
  for (let length = 2; length < chars.length; length++) {
    for (let start = 0; start + length <= chars.length; start++) found.add(chars.slice(start, start + length).join(''))
  }
  return [...found]
}
