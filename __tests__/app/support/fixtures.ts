import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { SessionSchema } from '../../../server/modules/auth/schemas'
import { HallSchema, ItemDetailSchema, ItemSummarySchema } from '../../../server/modules/catalog/schemas'
import { MeSchema } from '../../../server/modules/me/schemas'
import type { Session } from '../../../src/services/auth'
import type { Hall, ItemDetail, ItemSummary } from '../../../src/services/catalog'
import type { Me } from '../../../src/services/me'

// The string formats the BFF's schemas use (Fastify checks them with ajv-formats; TypeBox's Value needs them registered).
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const isDate = (value: string) => {
  const match = DATE.exec(value)
  if (!match) return false
  const [, y, m, d] = match.map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isDate)
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && isDate(value.slice(0, 10)))
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))

/**
 * A BFF answer for an app test, checked against the route's TypeBox response schema: a fixture that no
 * longer matches what the BFF sends (a renamed, retyped or missing field) fails the test that uses it.
 */
export function fixture<S extends TSchema>(schema: S, value: Static<S>): Static<S> {
  if (Value.Check(schema, value)) return value
  const problems = [...Value.Errors(schema, value)].slice(0, 8).map((error) => `  ${error.path || '/'}: ${error.message}`)
  throw new Error(`fixture does not match the BFF's schema:\n${problems.join('\n')}`)
}

export const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345'

export const hall = (id: string, name: string, shortName: string): Hall =>
  fixture(HallSchema, {
    id,
    name,
    shortName,
    address: `${name}（演示地址）`,
    phone: '028-61880001',
    location: { lat: 30.5, lng: 104.07, geofenceMeters: 300 },
    openTime: '09:00',
    closeTime: '17:00',
    takeCutoffMinutes: 30,
    categories: [{ id: `${id}-A`, code: 'A', name: '综合窗口' }],
  })

export const HALLS: Hall[] = [hall('tianfu', '天府新区政务服务中心', '天府新区中心'), hall('kexuecheng', '成都科学城政务服务中心', '科学城中心')]

export const itemSummary = (id: string, name: string, department = '天府新区市场监督管理局'): ItemSummary =>
  fixture(ItemSummarySchema, {
    id,
    name,
    department,
    promisedDays: 1,
    statutoryDays: 3,
    resultLicence: '营业执照',
    materialCount: 3,
  })

export const ITEM_DETAIL: ItemDetail = fixture(ItemDetailSchema, {
  ...itemSummary('individual-business-registration', '个体工商户设立登记'),
  queueCategory: 'A',
  legalBasis: '《促进个体工商户发展条例》第八条',
  conditions: '有经营能力的自然人，有固定的经营场所。',
  licenceCopies: '正本1份、副本1份',
  fee: '不收费',
  hallIds: ['tianfu'],
  materials: [
    {
      code: 'application',
      name: '个体工商户登记（备案）申请书',
      necessity: 'required',
      isMain: true,
      form: 'original',
      copies: 1,
      formats: ['pdf'],
      maxSizeMb: 5,
      source: 'self',
      sourceNote: null,
      notes: '由经营者本人签字',
      hasBlankForm: true,
      hasExample: true,
    },
    {
      code: 'premises',
      name: '经营场所使用证明',
      necessity: 'deferrable',
      isMain: false,
      form: 'copy',
      copies: 1,
      formats: ['pdf', 'jpg'],
      maxSizeMb: 10,
      source: 'department',
      sourceNote: '不动产登记部门核发',
      notes: '',
      hasBlankForm: false,
      hasExample: false,
    },
    {
      code: 'id-card',
      name: '经营者身份证',
      necessity: 'optional',
      isMain: false,
      form: 'electronic',
      copies: 1,
      formats: [],
      maxSizeMb: 5,
      source: 'shared',
      sourceNote: '通过电子证照库调取',
      notes: '',
      hasBlankForm: false,
      hasExample: false,
    },
  ],
})

export const me = (overrides: Partial<Me> = {}): Me =>
  fixture(MeSchema, {
    id: 'u1',
    phoneMasked: '138****8000',
    wechatBound: false,
    realName: null,
    staff: [],
    platformAdmin: false,
    elderMode: null,
    consentsDue: [],
    ...overrides,
  })

export const VERIFIED = { nameMasked: '张*', idNumberMasked: '110105********002X', sex: 'female' as const, age: 76 }

export const session = (user: Me = me()): Session => fixture(SessionSchema, { token: TOKEN, expiresAt: '2099-01-01T00:00:00.000Z', user })
