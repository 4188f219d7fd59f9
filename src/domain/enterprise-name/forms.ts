/**
 * Organisational forms (Reg 10; 公司法第七条; 合伙企业法第十五、五十六、六十二条; 个人独资企业法第十一条 and
 * 个人独资企业登记管理办法第六条; branches Reg 13) and how a name's form is read from its end.
 */
import type { EntityType, Finding } from './types'

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  llc: '有限责任公司',
  joint_stock: '股份有限公司',
  general_partnership: '普通合伙企业',
  special_general_partnership: '特殊普通合伙企业',
  limited_partnership: '有限合伙企业',
  sole_proprietorship: '个人独资企业',
  branch: '分公司（分支机构）',
}

const PARTNERSHIP_MARKERS = {
  general_partnership: '（普通合伙）',
  special_general_partnership: '（特殊普通合伙）',
  limited_partnership: '（有限合伙）',
} as const
// Words partnerships put before their marker: 成都蓉光投资中心（有限合伙）, 蓉光律师事务所（特殊普通合伙）.
const PARTNERSHIP_HEADS = ['合伙企业', '事务所', '中心', '工作室']
const SOLE_FORMS = ['个人独资企业', '工作室', '经营部', '门市部', '商行', '中心', '企业', '厂', '店', '馆', '坊', '社']
const BRANCH_FORMS = ['分公司', '分厂', '分店']
const COMPANY_FORMS = ['股份有限公司', '有限责任公司', '股份公司', '有限公司']

/** The forms a user may pick for each entity type, the usual one first. */
export const ALLOWED_FORMS: Record<EntityType, string[]> = {
  llc: ['有限公司', '有限责任公司'],
  joint_stock: ['股份有限公司', '股份公司'],
  general_partnership: PARTNERSHIP_HEADS.map((head) => head + PARTNERSHIP_MARKERS.general_partnership),
  special_general_partnership: ['事务所（特殊普通合伙）', '合伙企业（特殊普通合伙）'],
  limited_partnership: PARTNERSHIP_HEADS.map((head) => head + PARTNERSHIP_MARKERS.limited_partnership),
  sole_proprietorship: SOLE_FORMS,
  branch: BRANCH_FORMS,
}

// Every ending the parser recognises as a form, longest first so 股份有限公司 wins over 有限公司.
const FORM_ENDINGS = [
  ...Object.values(PARTNERSHIP_MARKERS).flatMap((marker) => [...PARTNERSHIP_HEADS.map((head) => head + marker), marker]),
  ...BRANCH_FORMS,
  ...COMPANY_FORMS,
  '合伙企业',
  '公司',
  ...SOLE_FORMS,
].sort((a, b) => b.length - a.length)

/** The organisational form a name ends with, or ''. */
export function formSuffix(text: string): string {
  return FORM_ENDINGS.find((form) => text.endsWith(form) && text.length > form.length) ?? ''
}

/** Whether a name ends with a company form (a branch's parent must: Reg 13). */
export const endsWithCompanyForm = (name: string) => COMPANY_FORMS.some((form) => name.endsWith(form) && name.length > form.length)

const finding = (code: string, severity: Finding['severity'], rule: string, message: string): Finding => ({ stage: 'structure', code, severity, rule, message })

const RULES: Record<EntityType, string> = {
  llc: '《企业名称登记管理规定》第十条；《中华人民共和国公司法》第七条',
  joint_stock: '《企业名称登记管理规定》第十条；《中华人民共和国公司法》第七条',
  general_partnership: '《企业名称登记管理规定》第十条；《中华人民共和国合伙企业法》第十五条',
  special_general_partnership: '《企业名称登记管理规定》第十条；《中华人民共和国合伙企业法》第五十六条',
  limited_partnership: '《企业名称登记管理规定》第十条；《中华人民共和国合伙企业法》第六十二条',
  sole_proprietorship: '《中华人民共和国个人独资企业法》第十一条；《个人独资企业登记管理办法》第六条',
  branch: '《企业名称登记管理规定》第十三条',
}

/** Checks the form against the entity type; `name` is the whole name (sole proprietorships may not use 有限 or 公司 anywhere). */
export function formFindings(entityType: EntityType, form: string, name: string): Finding[] {
  const rule = RULES[entityType]
  const label = ENTITY_TYPE_LABELS[entityType]
  const allowed = ALLOWED_FORMS[entityType]
  switch (entityType) {
    case 'llc':
    case 'joint_stock': {
      if (allowed.includes(form)) return []
      if (form === '公司') return [finding('form.bare_company', 'reject', rule, `${label}的名称须标明“${allowed.join('”或“')}”，仅用“公司”不符合规定`)]
      return [
        finding(
          'form.mismatch',
          'reject',
          rule,
          form ? `组织形式“${form}”与${label}不符，应为“${allowed.join('”或“')}”` : `名称缺少组织形式，${label}应以“${allowed.join('”或“')}”结尾`,
        ),
      ]
    }
    case 'general_partnership':
    case 'special_general_partnership':
    case 'limited_partnership': {
      const marker = PARTNERSHIP_MARKERS[entityType]
      if (form.endsWith(marker)) return []
      return [finding('form.partnership', 'reject', rule, `${label}的名称须在组织形式后标明“${marker}”，例如“${allowed[0]}”`)]
    }
    case 'sole_proprietorship': {
      const findings: Finding[] = []
      const banned = ['有限责任', '有限', '公司'].filter((word) => name.includes(word))
      if (banned.length) findings.push(finding('form.sole_company', 'reject', rule, `个人独资企业的名称不得使用“${banned.join('”“')}”字样`))
      if (!allowed.includes(form) && !banned.length) {
        findings.push(
          finding(
            'form.mismatch',
            'reject',
            rule,
            `个人独资企业的名称须以与其责任形式相符的字样结尾，如${allowed
              .slice(0, 6)
              .map((f) => `“${f}”`)
              .join('、')}`,
          ),
        )
      }
      return findings
    }
    case 'branch':
      return allowed.includes(form) ? [] : [finding('form.branch', 'reject', rule, '分支机构的名称须以所属企业全称冠名，并以“分公司”“分厂”或“分店”结尾')]
  }
}
