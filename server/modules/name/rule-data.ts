/** What the pure name rules get injected on the server: national divisions, OpenCC, pinyin. */
import * as OpenCC from 'opencc-js'
import { pinyin } from 'pinyin-pro'
import { buildIndustryLexicon } from '../../../src/domain/enterprise-name/industries'
import type { RuleData } from '../../../src/domain/enterprise-name/rules'
import type { LocationContext } from '../../../src/domain/enterprise-name/types'
import { divisionData } from '../../core/divisions'

export const industryLexicon = buildIndustryLexicon()

// Whole-text conversion keeps phrases right (乾隆 stays, 乾坤 stays); a character that changes is traditional.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })

export function ruleDataFor(location: LocationContext | null): RuleData {
  return { location, gazetteer: divisionData().gazetteer, industries: industryLexicon, simplify: toSimplified }
}

const pinyinCache = new Map<string, string>()
/** Toneless pinyin of a 字号, letters only: homophones (锦程 / 锦城) share it. */
export function zihaoPinyin(zihao: string): string {
  let value = pinyinCache.get(zihao)
  if (value === undefined) {
    value = pinyin(zihao, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
      .join('')
      .replace(/[^a-z]/g, '')
    if (pinyinCache.size > 50_000) pinyinCache.clear()
    pinyinCache.set(zihao, value)
  }
  return value
}
