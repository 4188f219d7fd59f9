/**
 * Splits a full name into its parts (Reg 6): the division by the longest match at the start (or in brackets
 * right before the form, Measures 9), the form by its ending, the industry by the longest known wordings
 * before the form, and the rest is the 字号.
 */
import { divisionPrefixes } from './divisions'
import { ALLOWED_FORMS, endsWithCompanyForm, formSuffix } from './forms'
import type { IndustryLexicon } from './industries'
import type { EntityType, Gazetteer, LocationContext, NameParts } from './types'

export interface ParseData {
  location: LocationContext | null
  gazetteer?: Gazetteer
  industries: IndustryLexicon
}

export interface ParsedName {
  name: string
  parts: NameParts
  /** The industry wording split into its known words (国际 + 贸易), for the qualifier rules of Reg 12. */
  industryTerms: string[]
  /** A division written without brackets between the industry and the form (蓉光网络科技成都有限公司). */
  unbracketedDivision: string
  /** A second division when one stands at the start and another in brackets. */
  secondDivision: string
}

/** Words that may qualify an industry (国际贸易) but are restricted elsewhere (Reg 12). */
export const QUALIFIER_WORDS = ['国际', '中国', '中华', '全国', '国家']

/** Half-width brackets count as the full-width ones registrations use. */
export const normalizeName = (raw: string) => raw.trim().replace(/\(/g, '（').replace(/\)/g, '）')

const isWholeDivision = (text: string, data: ParseData) => text.length > 0 && divisionPrefixes(text, 0, data.location, data.gazetteer).includes(text)

/** Splits the words before the form into 字号 and industry, always leaving at least one character of 字号. */
export function splitIndustry(text: string, industries: IndustryLexicon): { zihao: string; terms: string[] } {
  const terms: string[] = []
  let rest = text
  for (;;) {
    const word = industries.suffixes(rest).find((w) => w.length < rest.length)
    const qualifier = terms.length ? QUALIFIER_WORDS.find((q) => rest.endsWith(q) && q.length < rest.length) : undefined
    const next = word ?? qualifier
    if (!next) break
    terms.unshift(next)
    rest = rest.slice(0, -next.length)
  }
  return { zihao: rest, terms }
}

/** The industry wording split into its words, for explicit parts (no 字号 to keep). */
export function industryTermsOf(industry: string, industries: IndustryLexicon): string[] {
  const { zihao, terms } = splitIndustry(`_${industry}`, industries)
  return zihao === '_' ? terms : [industry]
}

function parseBranch(text: string, data: ParseData): ParsedName {
  const form = ALLOWED_FORMS.branch.find((f) => text.endsWith(f) && text.length > f.length) ?? ''
  const rest = form ? text.slice(0, -form.length) : text
  let parent = ''
  for (let i = rest.length; i > 0 && !parent; i--) if (endsWithCompanyForm(rest.slice(0, i))) parent = rest.slice(0, i)
  // Without a recognisable parent name the whole text stands as the parent; the rules refuse it (Reg 13).
  const label = parent ? rest.slice(parent.length) : ''
  const division = divisionPrefixes(label, 0, data.location, data.gazetteer)[0] ?? ''
  return {
    name: text,
    parts: {
      division,
      divisionPlacement: division ? 'prefix' : 'none',
      zihao: label.slice(division.length),
      industry: '',
      group: false,
      china: false,
      form,
      parent: parent || rest,
    },
    industryTerms: [],
    unbracketedDivision: '',
    secondDivision: '',
  }
}

export function parseName(raw: string, entityType: EntityType, data: ParseData): ParsedName {
  const text = normalizeName(raw)
  if (entityType === 'branch') return parseBranch(text, data)
  const form = formSuffix(text)
  let head = form ? text.slice(0, -form.length) : text
  let group = false
  let china = false
  let bracketDivision = ''
  // Markers before the form, in any order: （集团）/集团 (Reg 14), （中国） (Reg 12), （division） (Measures 9).
  for (let peeled = true; peeled;) {
    peeled = false
    const bracket = /（([^（）]+)）$/.exec(head)
    if (!group && (head.endsWith('（集团）') || (head.endsWith('集团') && head.length > 2))) {
      group = true
      head = head.slice(0, head.endsWith('（集团）') ? -4 : -2)
      peeled = true
    } else if (!china && bracket?.[1] === '中国') {
      china = true
      head = head.slice(0, -4)
      peeled = true
    } else if (!bracketDivision && bracket && isWholeDivision(bracket[1], data)) {
      bracketDivision = bracket[1]
      head = head.slice(0, -bracket[0].length)
      peeled = true
    }
  }
  // The longest division at the start that leaves a 字号 of two or more characters besides the industry
  // (成都金牛贸易 in 武侯 reads as 成都 + 金牛 + 贸易, not 成都金牛 + 贸易; 广州白云山医药 as 广州 + 白云山, not
  // 广州白云 + 山); failing that, the longest that leaves anything.
  const prefixes = divisionPrefixes(head, 0, data.location, data.gazetteer).filter((d) => d.length < head.length)
  const leavesZihao = (d: string) => {
    const { zihao } = splitIndustry(head.slice(d.length), data.industries)
    return [...zihao].length >= 2 && !data.industries.find(zihao) && !data.industries.isGenericTail(zihao)
  }
  const prefix = prefixes.find(leavesZihao) ?? prefixes[0] ?? ''
  let middle = head.slice(prefix.length)
  let unbracketedDivision = ''
  if (!prefix && !bracketDivision) {
    for (let i = 1; i < middle.length && !unbracketedDivision; i++) {
      if (isWholeDivision(middle.slice(i), data)) unbracketedDivision = middle.slice(i)
    }
    if (unbracketedDivision) middle = middle.slice(0, -unbracketedDivision.length)
  }
  const { zihao, terms } = splitIndustry(middle, data.industries)
  const division = bracketDivision || prefix
  return {
    name: text,
    parts: {
      division,
      divisionPlacement: bracketDivision ? 'bracket' : prefix ? 'prefix' : 'none',
      zihao,
      industry: terms.join(''),
      group,
      china,
      form,
    },
    industryTerms: terms,
    unbracketedDivision,
    secondDivision: bracketDivision && prefix ? prefix : '',
  }
}

/** The full name the parts make: division, 字号, industry, markers, form (Reg 6, 12, 14; Measures 9). */
export function composeName(parts: NameParts): string {
  if (parts.parent !== undefined) return `${parts.parent}${parts.division}${parts.zihao}${parts.form}`
  const lead = parts.divisionPlacement === 'prefix' ? parts.division : ''
  const placed = parts.divisionPlacement === 'bracket' && parts.division ? `（${parts.division}）` : ''
  return `${lead}${parts.zihao}${parts.industry}${placed}${parts.china ? '（中国）' : ''}${parts.group ? '集团' : ''}${parts.form}`
}
