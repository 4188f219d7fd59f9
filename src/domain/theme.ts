/**
 * 一件事一次办 (证照通, issue 20): a theme is a set of service items across departments with a short 情形引导
 * questionnaire whose answers decide which items apply. Pure rules shared by the BFF and the app: which items
 * a set of answers selects, the merged material checklist (a material several items need is asked once), and
 * the time promised for the theme against doing its items one after another.
 */

export interface ThemeOption {
  value: string
  label: string
}

export interface ThemeQuestion {
  id: string
  text: string
  /** Why the question is asked, in the applicant's words. */
  hint: string
  options: readonly ThemeOption[]
}

/** An item of the theme, selected when every condition holds (none: always). */
export interface ThemeItemRule {
  itemId: string
  when?: Readonly<Record<string, readonly string[]>>
  /** Why the item applies, shown beside it. */
  why: string
}

export interface Theme {
  id: string
  name: string
  summary: string
  questions: readonly ThemeQuestion[]
  items: readonly ThemeItemRule[]
  /** What the hall reported for this theme (the seed articles), shown instead of the computed comparison. */
  reported?: { beforeDays: number; afterDays: number; beforeVisits: number; source: string }
}

export type ThemeAnswers = Readonly<Record<string, string>>

export interface ItemSelection {
  itemId: string
  why: string
}

/** The problem with a set of answers, in Chinese (the BFF answers 400 with it, the page shows it beside the question). */
export interface AnswerProblem {
  questionId: string
  message: string
}

/** Every question answered with one of its options, and no answer to a question the theme does not ask. */
export function answerProblems(theme: Theme, answers: ThemeAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = []
  for (const question of theme.questions) {
    const answer = answers[question.id]
    if (answer === undefined || answer === '') problems.push({ questionId: question.id, message: `请回答：${question.text}` })
    else if (!question.options.some((o) => o.value === answer)) problems.push({ questionId: question.id, message: `「${question.text}」的选项不正确` })
  }
  for (const id of Object.keys(answers)) {
    if (!theme.questions.some((q) => q.id === id)) problems.push({ questionId: id, message: '该主题没有这个问题' })
  }
  return problems
}

/** The items the answers select, in the theme's order; empty while a question is unanswered or answered wrongly. */
export function selectItems(theme: Theme, answers: ThemeAnswers): ItemSelection[] {
  if (answerProblems(theme, answers).length) return []
  return theme.items
    .filter((rule) => Object.entries(rule.when ?? {}).every(([question, values]) => values.includes(answers[question])))
    .map((rule) => ({ itemId: rule.itemId, why: rule.why }))
}

/** Every item a theme can select under some answers (the guide lists them all). */
export const possibleItems = (theme: Theme) => [...new Set(theme.items.map((rule) => rule.itemId))]

// ---------------------------------------------------------------- merged checklist

export type MaterialNecessity = 'required' | 'optional' | 'deferrable'

/** A material as the catalog holds it, with the key that says it is the same document as another item's. */
export interface ChecklistMaterial {
  code: string
  name: string
  necessity: MaterialNecessity
  source: 'self' | 'department' | 'shared'
  formats: readonly string[]
  maxSizeMb: number
  shareKey: string | null
}

export interface ChecklistItem {
  itemId: string
  itemName: string
  department: string
  materials: readonly ChecklistMaterial[]
}

export interface MergedMaterial {
  /** The share key, or `<item>/<code>` for a material only one item asks for. */
  key: string
  name: string
  /** The strongest need among the items that ask for it. */
  necessity: MaterialNecessity
  /** Formats every member accepts, and the smallest size limit: one file must satisfy every item. */
  formats: string[]
  maxSizeMb: number
  members: { itemId: string; itemName: string; department: string; code: string; name: string }[]
}

export interface MergedChecklist {
  materials: MergedMaterial[]
  /** Materials the applicant would hand in item by item (免提交 ones excluded). */
  separately: number
  /** How many of those the merge saves: asked once instead of once per item. */
  saved: number
  /** Materials no item asks for because the departments share the data (免提交). */
  viaDataSharing: number
}

/** What the merged entry of a shared material is called (the items' own wordings differ). */
export const SHARED_MATERIAL_LABEL: Readonly<Record<string, string>> = {
  identity: '申请人（举办人、负责人）身份证明',
  premises: '经营场所产权证明或使用证明（租赁合同）',
  site_plan: '经营场所平面布局图',
  agent: '授权委托书及受托人身份证明',
}

const STRENGTH: Record<MaterialNecessity, number> = { optional: 0, deferrable: 1, required: 2 }

/**
 * One checklist for the selected items: materials with the same share key are one entry (asked once,
 * shared by every item that needs it); materials the government already holds (免提交) are not asked.
 */
export function mergeChecklist(items: readonly ChecklistItem[]): MergedChecklist {
  const entries = new Map<string, MergedMaterial>()
  let separately = 0
  let viaDataSharing = 0
  for (const item of items) {
    for (const m of item.materials) {
      if (m.source === 'shared') {
        viaDataSharing++
        continue
      }
      separately++
      const key = m.shareKey ?? `${item.itemId}/${m.code}`
      const member = { itemId: item.itemId, itemName: item.itemName, department: item.department, code: m.code, name: m.name }
      const found = entries.get(key)
      if (!found) {
        entries.set(key, {
          key,
          name: m.name,
          necessity: m.necessity,
          formats: [...m.formats],
          maxSizeMb: m.maxSizeMb,
          members: [member],
        })
        continue
      }
      found.members.push(member)
      found.name = SHARED_MATERIAL_LABEL[key] ?? found.name
      if (STRENGTH[m.necessity] > STRENGTH[found.necessity]) found.necessity = m.necessity
      found.formats = found.formats.filter((f) => m.formats.includes(f))
      found.maxSizeMb = Math.min(found.maxSizeMb, m.maxSizeMb)
    }
  }
  const materials = [...entries.values()]
  return { materials, separately, saved: separately - materials.length, viaDataSharing }
}

// ---------------------------------------------------------------- time

export interface ThemeTiming {
  /** Working days when the items are applied for one after another, each at its own department. */
  beforeDays: number
  /** Working days promised for the theme: the departments review in parallel, so the longest item. */
  afterDays: number
  /** Trips to the hall before (at least one per department) and now (one). */
  beforeVisits: number
  afterVisits: 1
  /** Where the numbers come from: the hall's report, or the items' promised times. */
  source: string | null
}

/** The time promised against the time it used to take: the hall's reported figures when it has them. */
export function themeTiming(theme: Theme, items: readonly { promisedDays: number; department: string }[]): ThemeTiming {
  if (theme.reported) return { ...theme.reported, afterVisits: 1 }
  return {
    beforeDays: items.reduce((sum, i) => sum + i.promisedDays, 0),
    afterDays: items.reduce((max, i) => Math.max(max, i.promisedDays), 0),
    beforeVisits: new Set(items.map((i) => i.department)).size,
    afterVisits: 1,
    source: null,
  }
}

// ---------------------------------------------------------------- joint review (联审)

export type ThemeItemStatus = 'draft' | 'reviewing' | 'needs_fix' | 'approved'
export type ThemeApplicationStatus = 'draft' | 'reviewing' | 'needs_fix' | 'approved'

export const THEME_ITEM_STATUS_LABEL: Record<ThemeItemStatus, string> = {
  draft: '待提交',
  reviewing: '审查中',
  needs_fix: '需补正',
  approved: '已通过',
}

export const THEME_APPLICATION_STATUS_LABEL: Record<ThemeApplicationStatus, string> = {
  draft: '待提交',
  reviewing: '联审中',
  needs_fix: '需补正',
  approved: '全部通过',
}

/**
 * When a round of 联审 is complete and what follows: the combined 一次性告知 is issued only when every
 * department reviewing in this round has decided, so the applicant hears every problem at once.
 */
export function roundOutcome(decisions: readonly ('approve' | 'needs_fix' | null)[]): 'pending' | 'needs_fix' | 'approved' {
  if (decisions.some((d) => d === null)) return 'pending'
  return decisions.includes('needs_fix') ? 'needs_fix' : 'approved'
}
