/**
 * Seed data for the two service halls in Chengdu's Tianfu New Area.
 *
 * Pure data. Addresses, phone numbers and coordinates are DEMO values: they place the halls in the
 * right area (华阳 / 兴隆湖) but must be replaced with the published ones before going live.
 *
 * Administrative codes: 四川天府新区 is a national-level new area, not a GB/T 2260 county-level
 * division, so it has no county code of its own. Both halls use 510116 (双流区), the county the
 * 华阳 / 兴隆 area belonged to before the new area's direct administration; cityCode is 510100
 * (成都市).
 *
 * Queue rules follow docs/domain-rules.md §3 (practice values, configurable per hall).
 */

import type { QueueCategoryCode } from './seed-items'

export interface SeedQueueCategory {
  code: QueueCategoryCode
  name: string
  dailyQuota: number // tickets per category per day
  perPersonDailyCap: number // tickets per person per day
  avgHandleMinutes: number // initial value for the rolling average handling time
}

export interface SeedWindow {
  number: number
  name: string
  categories: QueueCategoryCode[]
  priority: boolean // 优先窗口 (elderly, disabled, military, appointment holders)
}

export interface SeedHall {
  id: string
  name: string
  shortName: string
  address: string
  phone: string
  lat: number
  lng: number
  geofenceMeters: number
  cityCode: string
  countyCode: string
  openTime: string // 'HH:mm', local time (Asia/Shanghai)
  closeTime: string
  takeCutoffMinutes: number // remote ticket taking closes this many minutes before closeTime
  categories: SeedQueueCategory[]
  windows: SeedWindow[]
  itemCodes: 'all' | string[] // codes from SERVICE_ITEMS in ./seed-items
}

const ALL_CATEGORIES: QueueCategoryCode[] = ['A', 'B', 'C', 'D', 'E', 'F']

/** The six queue categories every hall offers; handling times differ per hall. */
function queueCategories(avg: Record<QueueCategoryCode, number>): SeedQueueCategory[] {
  const names: Record<QueueCategoryCode, string> = {
    A: '综合窗口',
    B: '税务',
    C: '社保医保',
    D: '不动产',
    E: '公积金',
    F: '企业开办',
  }
  return ALL_CATEGORIES.map((code) => ({
    code,
    name: names[code],
    dailyQuota: 600,
    perPersonDailyCap: 3,
    avgHandleMinutes: avg[code],
  }))
}

function windowOf(number: number, categories: QueueCategoryCode[], priority = false): SeedWindow {
  return { number, name: `${number}号窗口`, categories, priority }
}

export const HALLS: readonly SeedHall[] = [
  {
    id: 'tianfu',
    name: '天府新区政务服务中心',
    shortName: '天府新区中心',
    // Demo address and phone number.
    address: '四川省成都市天府新区华阳街道华府大道一段（演示地址）',
    phone: '028-61880001',
    lat: 30.4985,
    lng: 104.0712,
    geofenceMeters: 300,
    cityCode: '510100',
    countyCode: '510116', // 双流区: 天府新区 has no GB/T 2260 code, see header
    openTime: '09:00',
    closeTime: '17:00', // open through lunch (午间不休)
    takeCutoffMinutes: 30,
    categories: queueCategories({ A: 15, B: 10, C: 8, D: 15, E: 8, F: 12 }),
    windows: [
      windowOf(1, [...ALL_CATEGORIES], true),
      windowOf(2, ['F', 'A']),
      windowOf(3, ['F']),
      windowOf(4, ['A']),
      windowOf(5, ['A']),
      windowOf(6, ['B']),
      windowOf(7, ['B', 'F']),
      windowOf(8, ['C']),
      windowOf(9, ['D']),
      windowOf(10, ['E', 'C']),
    ],
    itemCodes: 'all',
  },
  {
    id: 'kexuecheng',
    name: '成都科学城政务服务中心',
    shortName: '科学城中心',
    // Demo address and phone number.
    address: '四川省成都市天府新区兴隆街道科学城中路（演示地址）',
    phone: '028-61880002',
    lat: 30.4106,
    lng: 104.0818,
    geofenceMeters: 300,
    cityCode: '510100',
    countyCode: '510116', // 双流区: 天府新区 has no GB/T 2260 code, see header
    openTime: '09:00',
    closeTime: '17:00', // open through lunch (午间不休)
    takeCutoffMinutes: 30,
    categories: queueCategories({ A: 14, B: 10, C: 8, D: 15, E: 8, F: 12 }),
    windows: [
      windowOf(1, [...ALL_CATEGORIES], true),
      windowOf(2, ['F']),
      windowOf(3, ['F', 'A']),
      windowOf(4, ['A']),
      windowOf(5, ['A']),
      windowOf(6, ['B']),
      windowOf(7, ['C', 'E']),
      windowOf(8, ['D']),
    ],
    // The science-city hall focuses on enterprises: company registration, tax, employer
    // social insurance and housing fund, food, drug, medical device, medical, culture and
    // HR permits, plus first registration of newly built property (developers).
    itemCodes: [
      'company-llc-establishment',
      'individual-business-registration',
      'company-change-registration',
      'company-simplified-deregistration',
      'tax-info-confirmation',
      'invoice-issue',
      'vat-special-invoice-limit',
      'employer-social-insurance-registration',
      'real-estate-first-registration',
      'housing-fund-employer-registration',
      'food-business-licence-new',
      'drug-retail-licence-new',
      'class-ii-medical-device-filing',
      'medical-institution-establishment-approval',
      'medical-institution-practice-registration',
      'clinic-filing',
      'public-place-hygiene-licence',
      'publication-retail-licence',
      'entertainment-venue-licence',
      'hr-service-licence',
      'labour-dispatch-licence',
    ],
  },
]
