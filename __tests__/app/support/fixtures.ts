import type { Session } from '../../../src/services/auth'
import type { Hall, ItemDetail, ItemSummary } from '../../../src/services/catalog'
import type { Me } from '../../../src/services/me'

export const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345'

export const hall = (id: string, name: string, shortName: string): Hall => ({
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

export const itemSummary = (id: string, name: string, department = '天府新区市场监督管理局'): ItemSummary => ({
  id,
  name,
  department,
  promisedDays: 1,
  statutoryDays: 3,
  resultLicence: '营业执照',
  materialCount: 3,
})

export const ITEM_DETAIL: ItemDetail = {
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
}

export const me = (overrides: Partial<Me> = {}): Me => ({
  id: 'u1',
  phoneMasked: '138****8000',
  wechatBound: false,
  realName: null,
  staff: [],
  ...overrides,
})

export const VERIFIED = { nameMasked: '张*', idNumberMasked: '110105********002X', sex: 'female' as const, age: 76 }

export const session = (user: Me = me()): Session => ({ token: TOKEN, expiresAt: '2099-01-01T00:00:00.000Z', user })
