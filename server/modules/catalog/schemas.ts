import { Type, type Static } from '@sinclair/typebox'

export const HallSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  location: Type.Object({ lat: Type.Number(), lng: Type.Number(), geofenceMeters: Type.Integer() }),
  openTime: Type.String(),
  closeTime: Type.String(),
  takeCutoffMinutes: Type.Integer(),
  categories: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
})

export const ItemSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  department: Type.String(),
  promisedDays: Type.Integer(),
  statutoryDays: Type.Integer(),
  resultLicence: Type.Union([Type.String(), Type.Null()]),
  materialCount: Type.Integer(),
})

export const MaterialSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  necessity: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('deferrable')]),
  isMain: Type.Boolean(),
  form: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('original_and_copy'), Type.Literal('electronic')]),
  copies: Type.Integer(),
  formats: Type.Array(Type.String()),
  maxSizeMb: Type.Integer(),
  source: Type.Union([Type.Literal('self'), Type.Literal('department'), Type.Literal('shared')]),
  sourceNote: Type.Union([Type.String(), Type.Null()]),
  notes: Type.String(),
  hasBlankForm: Type.Boolean(),
  hasExample: Type.Boolean(),
})

export const ItemDetailSchema = Type.Intersect([
  ItemSummarySchema,
  Type.Object({
    queueCategory: Type.String(),
    legalBasis: Type.String(),
    conditions: Type.String(),
    licenceCopies: Type.Union([Type.String(), Type.Null()]),
    fee: Type.String(),
    hallIds: Type.Array(Type.String()),
    materials: Type.Array(MaterialSchema),
  }),
])

export type HallView = Static<typeof HallSchema>
export type ItemSummary = Static<typeof ItemSummarySchema>
export type ItemDetail = Static<typeof ItemDetailSchema>
export type MaterialView = Static<typeof MaterialSchema>
