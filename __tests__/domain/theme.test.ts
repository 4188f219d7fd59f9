import { answerProblems, mergeChecklist, possibleItems, roundOutcome, selectItems, themeTiming, type ChecklistItem } from '../../src/domain/theme'
import { THEMES, themeById } from '../../src/domain/theme-catalog'
import { SERVICE_ITEMS } from '../../server/modules/catalog/seed-items'

const clinic = themeById('clinic')!
const restaurant = themeById('restaurant')!

/** The catalog's items as the merge reads them. */
const checklistOf = (itemIds: string[]): ChecklistItem[] =>
  itemIds.map((id) => {
    const item = SERVICE_ITEMS.find((i) => i.code === id)!
    return {
      itemId: item.code,
      itemName: item.name,
      department: item.department,
      materials: item.materials.map((m) => ({ ...m, shareKey: m.shareKey ?? null })),
    }
  })

describe('the 证照通 themes as data', () => {
  it('has at least 12 themes covering at least 29 catalog items across departments, with the seed’s four', () => {
    const items = new Set(THEMES.flatMap(possibleItems))
    expect(THEMES.length).toBeGreaterThanOrEqual(12)
    expect(items.size).toBeGreaterThanOrEqual(29)
    for (const id of items) expect(SERVICE_ITEMS.some((i) => i.code === id)).toBe(true)
    expect(THEMES.map((t) => t.id)).toEqual(expect.arrayContaining(['clinic', 'restaurant', 'pharmacy', 'training-school']))
    for (const theme of THEMES) {
      const departments = new Set(possibleItems(theme).map((id) => SERVICE_ITEMS.find((i) => i.code === id)!.department))
      expect(departments.size).toBeGreaterThanOrEqual(2)
    }
  })

  it('asks only questions whose answers some rule reads, each with at least two options', () => {
    for (const theme of THEMES) {
      for (const question of theme.questions) {
        expect(question.options.length).toBeGreaterThanOrEqual(2)
        expect(theme.items.some((rule) => rule.when && question.id in rule.when)).toBe(true)
      }
    }
  })
})

describe('情形引导: which items the answers select', () => {
  it('clinic: a clinic run as an individual business is 个体工商户登记 + 诊所备案', () => {
    expect(selectItems(clinic, { subject: 'individual', kind: 'clinic', xray: 'no' }).map((s) => s.itemId)).toEqual([
      'individual-business-registration',
      'clinic-filing',
    ])
  })

  it('clinic: a dental outpatient department with X-ray is the licence, 设置审批, 执业登记 and 放射诊疗许可', () => {
    expect(selectItems(clinic, { subject: 'company', kind: 'outpatient', xray: 'yes' }).map((s) => s.itemId)).toEqual([
      'company-llc-establishment',
      'medical-institution-establishment-approval',
      'medical-institution-practice-registration',
      'radiation-diagnosis-licence',
    ])
  })

  it('restaurant: floor area and the outdoor sign add the fire inspection and the signboard', () => {
    const small = selectItems(restaurant, { subject: 'company', area: 'small', sign: 'no' }).map((s) => s.itemId)
    const large = selectItems(restaurant, { subject: 'company', area: 'large', sign: 'yes' }).map((s) => s.itemId)
    expect(small).toEqual(['company-llc-establishment', 'food-business-licence-new', 'drainage-permit'])
    expect(large).toEqual([...small, 'public-assembly-fire-inspection', 'outdoor-signboard-approval'])
  })

  it('selects nothing and names every problem while an answer is missing, unknown or not an option', () => {
    const answers = { subject: 'company', kind: 'hospital', extra: 'x' }
    expect(selectItems(clinic, answers)).toEqual([])
    expect(answerProblems(clinic, answers)).toEqual([
      { questionId: 'kind', message: '「开办哪类医疗机构？」的选项不正确' },
      { questionId: 'xray', message: '请回答：是否配置X射线设备（如牙片机、口腔CT）？' },
      { questionId: 'extra', message: '该主题没有这个问题' },
    ])
  })

  it('a theme without questions selects all its items', () => {
    const ktv = themeById('ktv')!
    expect(selectItems(ktv, {}).map((s) => s.itemId)).toEqual(possibleItems(ktv))
  })
})

describe('one merged checklist', () => {
  it('asks a document several items need once, and counts what the merge saved', () => {
    const merged = mergeChecklist(checklistOf(['individual-business-registration', 'clinic-filing']))
    const premises = merged.materials.find((m) => m.key === 'premises')!
    expect(premises.name).toBe('经营场所产权证明或使用证明（租赁合同）')
    expect(premises.members.map((m) => `${m.itemId}/${m.code}`)).toEqual(['individual-business-registration/M03', 'clinic-filing/M03'])
    expect(merged.materials.find((m) => m.key === 'agent')!.members).toHaveLength(2)
    // 4 + 7 materials handed in item by item (the ID of the individual business is shared data), 2 of them asked twice.
    expect(merged).toMatchObject({ separately: 11, saved: 2, viaDataSharing: 1 })
    expect(merged.materials).toHaveLength(9)
  })

  it('keeps the strongest need, the formats every item accepts and the smallest size limit', () => {
    const base = { source: 'self' as const, shareKey: 'premises' }
    const merged = mergeChecklist([
      {
        itemId: 'a',
        itemName: '甲',
        department: '部门一',
        materials: [{ ...base, code: 'M1', name: '租赁合同', necessity: 'optional', formats: ['pdf', 'jpg'], maxSizeMb: 10 }],
      },
      {
        itemId: 'b',
        itemName: '乙',
        department: '部门二',
        materials: [{ ...base, code: 'M9', name: '场地证明', necessity: 'required', formats: ['pdf'], maxSizeMb: 5 }],
      },
    ])
    expect(merged.materials).toEqual([
      expect.objectContaining({ key: 'premises', necessity: 'required', formats: ['pdf'], maxSizeMb: 5, name: '经营场所产权证明或使用证明（租赁合同）' }),
    ])
    expect(merged.saved).toBe(1)
  })

  it('keeps an item’s own wording when only one item asks for a shared kind of document', () => {
    const merged = mergeChecklist(checklistOf(['clinic-filing']))
    expect(merged.materials.find((m) => m.key === 'site_plan')!.name).toBe('诊所房屋平面布局图')
    expect(merged.saved).toBe(0)
  })
})

describe('time promised against the time it used to take', () => {
  it('the clinic shows the hall’s reported 18 → 15 working days and two trips → one', () => {
    expect(themeTiming(clinic, [])).toMatchObject({ beforeDays: 18, afterDays: 15, beforeVisits: 2, afterVisits: 1 })
  })

  it('other themes: one item after another against the departments reviewing in parallel', () => {
    const items = [
      { promisedDays: 1, department: '市场监管' },
      { promisedDays: 5, department: '市场监管' },
      { promisedDays: 10, department: '住建' },
    ]
    expect(themeTiming(restaurant, items)).toEqual({ beforeDays: 16, afterDays: 10, beforeVisits: 2, afterVisits: 1, source: null })
  })
})

describe('when the round’s combined notice is issued', () => {
  it('waits for every department, then asks for 补正 if any did, else approves', () => {
    expect(roundOutcome(['needs_fix', null])).toBe('pending')
    expect(roundOutcome(['needs_fix', 'approve'])).toBe('needs_fix')
    expect(roundOutcome(['approve', 'approve'])).toBe('approved')
  })
})
