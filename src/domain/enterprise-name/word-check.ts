/**
 * Graded word findings (Reg 11, 12; 《企业名称禁限用规则》) and famous-mark findings (Reg 11(8)) for the parts of a
 * name. Words are searched in the 字号 and the industry wording, each part on its own (国泰 + 国际贸易 holds 泰国
 * only across the boundary), and in a branch's parent name; the division is exempt (公安县).
 */
import { FAMOUS_MARK_RULE, FAMOUS_MARKS } from './famous-marks'
import { basisOf, NAME_WORDS, WORD_GRADE_LABELS, type NameWord } from './prohibited-words'
import type { Finding, NameParts } from './types'

/** Whether `word` occurs in `text` somewhere not covered by one of its harmless compounds. */
export function unexcusedIn(text: string, word: string, harmless: string[]): boolean {
  const covered = (at: number) =>
    harmless.some((compound) => {
      for (let k = compound.indexOf(word); k !== -1; k = compound.indexOf(word, k + 1)) {
        if (at - k >= 0 && text.startsWith(compound, at - k)) return true
      }
      return false
    })
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) if (!covered(at)) return true
  return false
}

interface Hit {
  entry: NameWord
  /** A 'zihao'-scope word inside a longer 字号: the registrar judges it. */
  review: boolean
}

function hitsIn(parts: NameParts): Hit[] {
  const texts = [parts.zihao, parts.industry, parts.parent ?? ''].filter(Boolean)
  const hits: Hit[] = []
  for (const entry of NAME_WORDS) {
    if (entry.scope === 'zihao') {
      if (parts.zihao === entry.word) hits.push({ entry, review: false })
      else if (unexcusedIn(parts.zihao, entry.word, entry.harmless)) hits.push({ entry, review: true })
    } else if (texts.some((text) => unexcusedIn(text, entry.word, entry.harmless))) {
      hits.push({ entry, review: false })
    }
  }
  // 印度尼西亚 holds 印度: report the longer word only.
  return hits.filter((hit) => !hits.some((other) => other !== hit && other.entry.word.includes(hit.entry.word)))
}

const grade = (label: keyof typeof WORD_GRADE_LABELS) => WORD_GRADE_LABELS[label]

function wordFinding({ entry, review }: Hit, zihao: string): Finding {
  const { rule, reason } = basisOf(entry)
  if (entry.grade === 'restricted') {
    return {
      stage: 'restricted',
      code: `restricted.approval.${entry.basis}`,
      severity: 'approval',
      rule,
      message: `名称中含有“${entry.word}”，属于${grade('restricted')}字词：须取得${reason}后方可使用。申报时请填写该批准文件的名称和文号，登记时提交原件`,
      approval: { key: entry.basis, document: reason },
    }
  }
  if (entry.grade === 'caution') {
    return {
      stage: 'prohibited',
      code: `caution.${entry.basis}`,
      severity: 'warn',
      rule,
      message: `名称中含有“${entry.word}”（${grade('caution')}）：${reason}`,
    }
  }
  if (review) {
    return {
      stage: 'prohibited',
      code: `prohibited.${entry.basis}.review`,
      severity: 'warn',
      rule,
      message: `字号“${zihao}”含有“${entry.word}”（${reason}）。该字词不得作为字号；字号另有含义的（如投资人姓名），由登记机关人工审查`,
    }
  }
  return {
    stage: 'prohibited',
    code: `prohibited.${entry.basis}`,
    severity: 'reject',
    rule,
    message: `名称中含有“${entry.word}”，属于${grade('forbidden')}的${reason}`,
  }
}

/** 禁用, 限用 and 提示 findings of the word list; one 限用 finding per approval document. */
export function wordFindings(parts: NameParts): Finding[] {
  const findings: Finding[] = []
  const approvals = new Set<string>()
  for (const hit of hitsIn(parts)) {
    if (hit.entry.grade === 'restricted') {
      if (approvals.has(hit.entry.basis)) continue
      approvals.add(hit.entry.basis)
    }
    findings.push(wordFinding(hit, parts.zihao))
  }
  return findings
}

/** A 提示 for each well-known 字号 or mark the 字号 contains (a branch's parent name is its own). */
export function famousMarkFindings(parts: NameParts): Finding[] {
  const { zihao } = parts
  if (!zihao) return []
  const found = FAMOUS_MARKS.filter(({ mark, harmless }) => unexcusedIn(zihao, mark, harmless))
  return found
    .filter((hit) => !found.some((other) => other !== hit && other.mark.includes(hit.mark)))
    .map(({ mark, sector }) => ({
      stage: 'prohibited',
      code: 'famous.mark',
      severity: 'warn',
      rule: FAMOUS_MARK_RULE,
      message:
        `字号“${zihao}”含有知名字号或驰名商标“${mark}”（${sector}），可能使公众误认为与其权利人存在特定联系。` +
        '申请人是该字号或商标的权利人、其投资的企业或经其授权的，登记时请提交权利证明、投资关系证明或授权文件；否则可能构成不正当竞争，登记机关将人工审查',
    }))
}
