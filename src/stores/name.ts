import { create } from 'zustand'
import { ALLOWED_FORMS } from '../domain/enterprise-name/forms'
import type { EntityType, NameParts } from '../domain/enterprise-name/types'
import type { CheckResult, DivisionEntry, NameLocation } from '../services/name'

export type DeclareStep = 1 | 2 | 3 | 4

/**
 * The name being declared. In memory only: a trip through sign-in and real-name verification comes back
 * to the same step, while a closed app starts afresh (the register may have changed meanwhile).
 */
interface NameDraft {
  step: DeclareStep
  /** The picked province, city and county. */
  path: DivisionEntry[]
  location: NameLocation | null
  entityType: EntityType
  foreignInvested: boolean
  parts: NameParts
  result: CheckResult | null
  riskConfirmed: boolean
  /** 限用: the approval document stated for each finding key (title and number). */
  approvals: Record<string, string>
  preApproval: boolean
  goTo: (step: DeclareStep) => void
  pick: (level: number, entry: DivisionEntry) => void
  /** Back to choosing `level` again (0 province, 1 city, 2 county). */
  backTo: (level: number) => void
  setLocation: (location: NameLocation) => void
  setEntityType: (entityType: EntityType) => void
  setForeignInvested: (value: boolean) => void
  setParts: (change: Partial<NameParts>) => void
  setResult: (result: CheckResult | null) => void
  setRiskConfirmed: (value: boolean) => void
  setApproval: (key: string, reference: string) => void
  setPreApproval: (value: boolean) => void
  reset: () => void
}

const emptyParts = (entityType: EntityType, division = ''): NameParts => ({
  division,
  divisionPlacement: 'prefix',
  zihao: '',
  industry: '',
  group: false,
  china: false,
  form: ALLOWED_FORMS[entityType][0],
  ...(entityType === 'branch' ? { parent: '' } : {}),
})

const initial = {
  step: 1 as DeclareStep,
  path: [] as DivisionEntry[],
  location: null,
  entityType: 'llc' as EntityType,
  foreignInvested: false,
  parts: emptyParts('llc'),
  result: null,
  riskConfirmed: false,
  approvals: {} as Record<string, string>,
  preApproval: false,
}

export const useNameDraft = create<NameDraft>()((set, get) => ({
  ...initial,
  goTo: (step) => set({ step }),
  // Picking a level drops the levels below it and the location they made.
  pick: (level, entry) => set({ path: [...get().path.slice(0, level), entry], location: null, result: null }),
  backTo: (level) => set({ path: get().path.slice(0, level), location: null, result: null }),
  setLocation: (location) =>
    set({
      location,
      parts: { ...get().parts, division: location.divisionChoices.includes(get().parts.division) ? get().parts.division : (location.divisionChoices[0] ?? '') },
      result: null,
    }),
  setEntityType: (entityType) =>
    set({ entityType, parts: { ...emptyParts(entityType, get().parts.division), zihao: get().parts.zihao, industry: get().parts.industry }, result: null }),
  setForeignInvested: (foreignInvested) => set({ foreignInvested, parts: { ...get().parts, china: foreignInvested && get().parts.china }, result: null }),
  setParts: (change) => set({ parts: { ...get().parts, ...change }, result: null, riskConfirmed: false, approvals: {} }),
  setResult: (result) => set({ result, riskConfirmed: false }),
  setRiskConfirmed: (riskConfirmed) => set({ riskConfirmed }),
  setApproval: (key, reference) => set({ approvals: { ...get().approvals, [key]: reference } }),
  setPreApproval: (preApproval) => set({ preApproval }),
  reset: () => set(initial),
}))
