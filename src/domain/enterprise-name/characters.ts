/** Reg 5: a name uses 规范汉字 only. Chinese numerals (四通, 一品) are words, Arabic digits are not. */
import type { Finding } from './types'

const REG5 = '《企业名称登记管理规定》第五条'

type CharClass = 'hanzi' | 'latin' | 'digit' | 'punctuation' | 'nonstandard'

function classify(char: string): CharClass {
  const cp = char.codePointAt(0)!
  // CJK Unified Ideographs and 〇; rarer blocks hold few 规范汉字 and mostly variants.
  if ((cp >= 0x4e00 && cp <= 0x9fff) || cp === 0x3007) return 'hanzi'
  if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(char)) return 'latin'
  if (/[0-9０-９]/.test(char)) return 'digit'
  if (/[\p{P}\p{S}\p{Z}\s]/u.test(char)) return 'punctuation'
  return 'nonstandard'
}

const MESSAGES: Record<Exclude<CharClass, 'hanzi'>, (chars: string) => string> = {
  latin: (c) => `名称中不得含有拉丁字母（${c}），请改用规范汉字`,
  digit: (c) => `名称中不得含有阿拉伯数字（${c}），数字请用汉字书写`,
  punctuation: (c) => `名称中不得含有标点、空格或符号（${c}），括号仅可用于置后的行政区划、“（集团）”“（中国）”及合伙企业的组织形式`,
  nonstandard: (c) => `名称中含有非规范汉字或其他文字（${c}），请使用《通用规范汉字表》中的汉字`,
}

/**
 * Characters the 《通用规范汉字表》 (2013) keeps as standard although OpenCC turns them into another character:
 * 乾 (乾坤, 乾照), 於 (a surname), 夥 (“many”).
 */
const STANDARD_DESPITE_OPENCC = new Set(['乾', '於', '夥'])

/**
 * Character findings for the text of a name whose sanctioned brackets were already taken out by the parser.
 * `simplify` (server: OpenCC t→s) finds traditional characters; without it that check is skipped.
 */
export function characterFindings(text: string, simplify?: (text: string) => string): Finding[] {
  const found = new Map<Exclude<CharClass, 'hanzi'>, Set<string>>()
  for (const char of text) {
    const kind = classify(char)
    if (kind === 'hanzi') continue
    if (!found.has(kind)) found.set(kind, new Set())
    found.get(kind)!.add(char === ' ' || char === '\u3000' ? '空格' : char)
  }
  const findings: Finding[] = (['latin', 'digit', 'punctuation', 'nonstandard'] as const)
    .filter((kind) => found.has(kind))
    .map((kind) => ({
      stage: 'characters',
      code: `characters.${kind}`,
      severity: 'reject',
      rule: REG5,
      message: MESSAGES[kind]([...found.get(kind)!].join('、')),
    }))
  if (simplify) {
    const hanzi = [...text].filter((c) => classify(c) === 'hanzi').join('')
    const simplified = [...simplify(hanzi)]
    const traditional = [...hanzi]
      .map((char, i) => [char, simplified[i]] as const)
      .filter(([char, simple]) => simple !== undefined && simple !== char && !STANDARD_DESPITE_OPENCC.has(char))
    if (traditional.length) {
      findings.push({
        stage: 'characters',
        code: 'characters.traditional',
        severity: 'reject',
        rule: REG5,
        message: `名称中不得使用繁体字（${traditional.map(([t, s]) => `${t}→${s}`).join('、')}），请改用规范汉字`,
      })
    }
  }
  return findings
}

/** Characters that count towards 字号 length (Reg 8: two or more 汉字). */
export const hanziCount = (text: string) => [...text].filter((c) => classify(c) === 'hanzi').length
