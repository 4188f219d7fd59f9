import { Type, type Static } from '@sinclair/typebox'
import { HallId, ItemId, Nullable, Uuid, literals } from '../../core/schemas'
import { MaterialSchema } from '../catalog/schemas'
import { CaseDetailSchema, MaterialCode } from '../review/schemas'

const ThemeIdString = Type.String({ pattern: '^[a-z0-9-]{1,40}$', title: '主题', description: '主题 ID' })
export const ThemeIdParams = Type.Object({ id: ThemeIdString }, { additionalProperties: false })
export const ApplicationIdParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export const ApplicationItemParams = Type.Object({ id: Uuid, itemId: ItemId }, { additionalProperties: false })
export const StaffQueueQuery = Type.Object({ hallId: HallId }, { additionalProperties: false })

const ItemStatus = literals(['draft', 'reviewing', 'needs_fix', 'approved'])
const ApplicationStatus = literals(['draft', 'reviewing', 'needs_fix', 'approved'])

export const ThemeSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  itemCount: Type.Integer({ description: '主题可能涉及的事项数' }),
  departments: Type.Array(Type.String()),
})

export const ThemeQuestionSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  hint: Type.String(),
  options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
})

export const ThemeRuleSchema = Type.Object({
  itemId: Type.String(),
  when: Nullable(Type.Record(Type.String(), Type.Array(Type.String()))),
  why: Type.String(),
})

export const ThemeMaterialSchema = Type.Intersect([MaterialSchema, Type.Object({ shareKey: Nullable(Type.String()) })])

export const ThemeItemSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  department: Type.String(),
  promisedDays: Type.Integer(),
  statutoryDays: Type.Integer(),
  resultLicence: Nullable(Type.String()),
  materials: Type.Array(ThemeMaterialSchema),
})

export const ThemeDetailSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  questions: Type.Array(ThemeQuestionSchema),
  rules: Type.Array(ThemeRuleSchema),
  items: Type.Array(ThemeItemSchema),
  reported: Nullable(Type.Object({ beforeDays: Type.Integer(), afterDays: Type.Integer(), beforeVisits: Type.Integer(), source: Type.String() })),
})

export const CreateApplicationBody = Type.Object(
  {
    themeId: ThemeIdString,
    hallId: HallId,
    answers: Type.Record(Type.String({ pattern: '^[a-z]{1,20}$' }), Type.String({ maxLength: 20 }), { title: '情形引导的回答', maxProperties: 10 }),
  },
  { additionalProperties: false },
)

export const DecisionBody = Type.Object(
  {
    decision: literals(['approve', 'needs_fix'], { title: '审查决定' }),
    problems: Type.Array(
      Type.Object({ materialCode: MaterialCode, problem: Type.String({ minLength: 1, maxLength: 200, title: '问题说明' }) }, { additionalProperties: false }),
      { maxItems: 20, default: [], title: '需补正的材料' },
    ),
  },
  { additionalProperties: false },
)

export const ApplicationItemSchema = Type.Object({
  itemId: Type.String(),
  itemName: Type.String(),
  department: Type.String(),
  promisedDays: Type.Integer(),
  resultLicence: Nullable(Type.String()),
  caseId: Type.String(),
  caseNumber: Type.String(),
  status: ItemStatus,
  /** This round's decision is in (a 需补正 stays with the reviewer until the combined notice). */
  decided: Type.Boolean(),
  /** Reviewer views: the viewer is of this item's department. */
  mine: Type.Boolean(),
})

export const MergedMaterialSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  necessity: literals(['required', 'optional', 'deferrable']),
  formats: Type.Array(Type.String()),
  maxSizeMb: Type.Integer(),
  members: Type.Array(Type.Object({ itemId: Type.String(), itemName: Type.String(), department: Type.String(), code: Type.String(), name: Type.String() })),
  /** Where the applicant uploads it: the first member item still open (its copies go to the others at submission). */
  lead: Type.Object({ caseId: Type.String(), code: Type.String() }),
})

export const CombinedNoticeSchema = Type.Object({
  round: Type.Integer(),
  issuedAt: Type.String(),
  dueDate: Type.String(),
  entries: Type.Array(
    Type.Object({
      materialName: Type.String(),
      /** Who asked: each department with its problem. */
      problems: Type.Array(Type.Object({ department: Type.String(), itemName: Type.String(), problem: Type.String() })),
      requirement: Type.String(),
    }),
  ),
  how: Type.String(),
  consequence: Type.String(),
})

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  themeId: Type.String(),
  themeName: Type.String(),
  hallId: Type.String(),
  hallName: Type.String(),
  status: ApplicationStatus,
  round: Type.Integer(),
  answers: Type.Record(Type.String(), Type.String()),
  createdAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  items: Type.Array(ApplicationItemSchema),
  progress: Type.Object({ total: Type.Integer(), approved: Type.Integer(), decidedThisRound: Type.Integer(), inRound: Type.Integer() }),
  checklist: Type.Object({
    materials: Type.Array(MergedMaterialSchema),
    separately: Type.Integer(),
    saved: Type.Integer(),
    viaDataSharing: Type.Integer(),
  }),
  timing: Type.Object({ beforeDays: Type.Integer(), afterDays: Type.Integer(), beforeVisits: Type.Integer(), source: Nullable(Type.String()) }),
  notice: Nullable(CombinedNoticeSchema),
  /** The items' pre-review cases (materials, files, what may still change), in the items' order. */
  cases: Type.Array(CaseDetailSchema),
  /** Reviewer views: the departments the viewer decides for at this hall. */
  reviewerDepartments: Type.Array(Type.String()),
})

export const ApplicationSummarySchema = Type.Object({
  id: Type.String(),
  themeName: Type.String(),
  hallName: Type.String(),
  status: ApplicationStatus,
  round: Type.Integer(),
  createdAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  total: Type.Integer(),
  approved: Type.Integer(),
})

export const StaffQueueEntrySchema = Type.Object({
  id: Type.String(),
  themeName: Type.String(),
  applicantNameMasked: Type.String(),
  round: Type.Integer(),
  submittedAt: Type.String(),
  /** Items of the viewer's departments still waiting for a decision this round. */
  waitingForMe: Type.Integer(),
  items: Type.Array(Type.Object({ itemName: Type.String(), department: Type.String(), status: ItemStatus, decided: Type.Boolean() })),
})

export type ThemeSummary = Static<typeof ThemeSummarySchema>
export type ThemeDetail = Static<typeof ThemeDetailSchema>
export type ApplicationView = Static<typeof ApplicationSchema>
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>
export type StaffQueueEntry = Static<typeof StaffQueueEntrySchema>
export type CombinedNotice = Static<typeof CombinedNoticeSchema>
