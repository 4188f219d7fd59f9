import { Type, type Static } from '@sinclair/typebox'
import { literals } from '../../core/schemas'
import { DIVISION_KINDS, DIVISION_LEVELS, ENTITY_TYPES } from '../../../src/domain/enterprise-name/types'

export const EntityTypeSchema = literals(ENTITY_TYPES, { title: '企业类型' })
export const LocationCode = Type.String({ pattern: '^\\d{6}$', title: '所在地', description: '所在地区县的 GB/T 2260 六位代码' })

export const PartsSchema = Type.Object(
  {
    division: Type.String({ maxLength: 40, title: '行政区划', description: '行政区划，如“成都”“成都武侯”；不含时为空' }),
    divisionPlacement: literals(['prefix', 'bracket', 'none'], { title: '行政区划位置' }),
    zihao: Type.String({ maxLength: 30, title: '字号' }),
    industry: Type.String({ maxLength: 40, title: '行业或经营特点', description: '行业或经营特点，不含时为空' }),
    group: Type.Boolean({ title: '集团', description: '组织形式前使用“集团”' }),
    china: Type.Boolean({ title: '（中国）', description: '使用“（中国）”（仅外商投资企业）' }),
    form: Type.String({ maxLength: 30, title: '组织形式' }),
    parent: Type.Optional(Type.String({ maxLength: 100, title: '所属企业', description: '分支机构：所属企业全称' })),
  },
  { additionalProperties: false, title: '名称组成' },
)

const NameFields = {
  locationCode: LocationCode,
  entityType: EntityTypeSchema,
  foreignInvested: Type.Optional(Type.Boolean({ title: '外商投资' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, title: '企业名称' })),
  parts: Type.Optional(PartsSchema),
}

export const CheckBody = Type.Object(NameFields, { additionalProperties: false })

export const ReserveBody = Type.Object(
  {
    ...NameFields,
    preApproval: Type.Boolean({ title: '前置审批', description: '设立须经批准或经营范围含登记前须批准的项目（保留期 1 年）' }),
    riskConfirmed: Type.Optional(Type.Boolean({ title: '风险确认', description: '已阅读风险提示（提示级）并确认' })),
    approvals: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String({ minLength: 1, maxLength: 40, title: '限用字词', description: '检查结果中限用字词所需批准文件的 approval.key' }),
            reference: Type.String({ minLength: 2, maxLength: 100, title: '批准文件名称及文号', description: '批准文件名称及文号' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10, title: '批准文件', description: '限用字词：申请人已取得的批准文件' },
      ),
    ),
    commitmentAccepted: Type.Boolean({ title: '承诺书确认', description: '已阅读并确认承诺书' }),
    commitmentVersion: Type.String({ maxLength: 40, title: '承诺书版本' }),
  },
  { additionalProperties: false },
)

const MatchSchema = Type.Object({ name: Type.String(), status: literals(['registered', 'reserved', 'cancelled', 'changed'] as const) })

export const FindingSchema = Type.Object({
  severity: literals(['reject', 'approval', 'warn', 'info'] as const),
  rule: Type.String(),
  message: Type.String(),
  matches: Type.Optional(Type.Array(MatchSchema)),
  approval: Type.Optional(
    Type.Object({
      key: Type.String(),
      document: Type.String({ description: '所需批准文件' }),
      reference: Type.Optional(Type.String({ description: '申请人填写的批准文件名称及文号' })),
    }),
  ),
})

export const CheckResultSchema = Type.Object({
  verdict: literals(['accept', 'warn', 'approval', 'reject'] as const),
  name: Type.String(),
  parts: PartsSchema,
  findings: Type.Array(FindingSchema),
})

const DivisionNodeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: literals(DIVISION_LEVELS),
  kind: literals(DIVISION_KINDS),
  aliases: Type.Array(Type.String()),
})

export const LocationSchema = Type.Object({
  code: Type.String(),
  scopeCode: Type.String({ description: '名称比对范围：所在设区的市（或省直辖县级单位）的代码' }),
  label: Type.String(),
  province: DivisionNodeSchema,
  city: Type.Union([DivisionNodeSchema, Type.Null()]),
  county: Type.Union([DivisionNodeSchema, Type.Null()]),
  divisionChoices: Type.Array(Type.String(), { description: '名称中可使用的行政区划写法' }),
})

export const ReservationSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '名称保留号' }),
  name: Type.String(),
  parts: PartsSchema,
  entityType: EntityTypeSchema,
  entityTypeLabel: Type.String(),
  foreignInvested: Type.Boolean(),
  locationCode: Type.String(),
  locationLabel: Type.String(),
  preApproval: Type.Boolean(),
  status: literals(['active', 'released', 'expired'] as const),
  reservedAt: Type.String(),
  expiresAt: Type.String(),
  lastDay: Type.String({ description: '保留期最后一日（北京时间）' }),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  riskConfirmed: Type.Boolean(),
  commitment: Type.Object({ version: Type.String(), text: Type.String() }),
  findings: Type.Array(FindingSchema),
  notice: Type.String(),
})

export type ReservationView = Static<typeof ReservationSchema>

export const DivisionSchema = Type.Object({ code: Type.String(), name: Type.String() })

export const IndustrySchema = Type.Object({ word: Type.String(), code: Type.String(), label: Type.String() })
