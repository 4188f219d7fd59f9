/** Enterprise name self-declaration (企业名称自主申报): shared types. Rules: shared/domain §1. */

export const ENTITY_TYPES = [
  'llc',
  'joint_stock',
  'general_partnership',
  'special_general_partnership',
  'limited_partnership',
  'sole_proprietorship',
  'branch',
] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

/**
 * reject: cannot be declared (禁用 and every structural fault); approval: 限用, declared only with the named
 * approval document stated; warn: 提示, declared after the applicant confirms it, then reviewed by a registrar;
 * info: a remark.
 */
export type Severity = 'reject' | 'approval' | 'warn' | 'info'

/** What a declaration's findings allow, from the most serious finding. */
export type Verdict = 'accept' | 'warn' | 'approval' | 'reject'

/** The order findings are reported in (shared/domain §1.7). */
export const STAGES = ['characters', 'structure', 'prohibited', 'restricted', 'identical', 'similar'] as const
export type Stage = (typeof STAGES)[number]

export type RegisterStatus = 'registered' | 'reserved' | 'cancelled' | 'changed'

export interface NameMatch {
  name: string
  status: RegisterStatus
}

export interface Finding {
  stage: Stage
  /** Stable identifier of the rule broken, for programs and tests (the API sends rule + message). */
  code: string
  severity: Severity
  /** The legal source, e.g. 《企业名称登记管理规定》第十一条. */
  rule: string
  message: string
  matches?: NameMatch[]
  /** 限用 only: the approval document the applicant must hold; `key` names it in the declaration. */
  approval?: { key: string; document: string }
}

export type DivisionPlacement = 'prefix' | 'bracket' | 'none'

/** A name split into its four parts (Reg 6) plus the optional markers Reg 12 and Reg 14 allow. */
export interface NameParts {
  /** The division as written ('成都', '成都武侯', '四川省'); '' when absent. */
  division: string
  divisionPlacement: DivisionPlacement
  zihao: string
  /** The industry or business-feature wording ('网络科技'); '' when absent. */
  industry: string
  /** 集团 or （集团） before the form (Reg 14). */
  group: boolean
  /** （中国） for a foreign-invested enterprise using its investor's 字号 (Reg 12). */
  china: boolean
  /** The organisational form ('有限公司', '合伙企业（有限合伙）', '分公司'); '' when absent. */
  form: string
  /** Branches only: the full name of the enterprise the branch belongs to (Reg 13). */
  parent?: string
}

export const DIVISION_LEVELS = ['province', 'city', 'county'] as const
export type DivisionLevel = (typeof DIVISION_LEVELS)[number]

export const DIVISION_KINDS = ['province', 'municipality', 'autonomous_region', 'city', 'prefecture', 'district', 'county', 'county_city', 'zone'] as const
export type DivisionKind = (typeof DIVISION_KINDS)[number]

/** One administrative division with every way it may be written in a name. */
export interface DivisionNode {
  code: string
  name: string
  level: DivisionLevel
  kind: DivisionKind
  /** Full name first, then the short forms (成都市, 成都). */
  aliases: string[]
}

/**
 * Where the enterprise is (Reg 7: its division must be one of these). `city` is null where the province
 * level itself is the 设区的市 (municipalities) or the county answers to the province directly.
 */
export interface LocationContext {
  code: string
  /** The 设区的市 (or province-administered county) whose registration authorities form the comparison scope (§1.6). */
  scopeCode: string
  label: string
  province: DivisionNode
  city: DivisionNode | null
  county: DivisionNode | null
}

/** Every division name in the country (server side; the client works without it). */
export interface Gazetteer {
  /** Division nodes whose alias is exactly `text`. */
  lookup(text: string): DivisionNode[]
  /** Aliases that `text` starts with at `from`, longest first. */
  prefixes(text: string, from?: number): string[]
}
