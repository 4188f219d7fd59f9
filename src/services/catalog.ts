import { http } from './http'

export interface Hall {
  id: string
  name: string
  shortName: string
  address: string
  phone: string
  location: { lat: number; lng: number; geofenceMeters: number }
  openTime: string
  closeTime: string
  takeCutoffMinutes: number
  categories: { id: string; code: string; name: string }[]
}

export interface ItemSummary {
  id: string
  name: string
  department: string
  promisedDays: number
  statutoryDays: number
  resultLicence: string | null
  materialCount: number
}

export type MaterialNecessity = 'required' | 'optional' | 'deferrable'
export type MaterialForm = 'original' | 'copy' | 'original_and_copy' | 'electronic'
export type MaterialSource = 'self' | 'department' | 'shared'

export interface Material {
  code: string
  name: string
  necessity: MaterialNecessity
  isMain: boolean
  form: MaterialForm
  copies: number
  formats: string[]
  maxSizeMb: number
  source: MaterialSource
  sourceNote: string | null
  notes: string
  hasBlankForm: boolean
  hasExample: boolean
}

export interface ItemDetail extends ItemSummary {
  queueCategory: string
  legalBasis: string
  conditions: string
  licenceCopies: string | null
  fee: string
  hallIds: string[]
  materials: Material[]
}

export const listHalls = async () => (await http.get<{ halls: Hall[] }>('/api/v1/halls')).halls

export const searchItems = async (filter: { hallId?: string; q?: string }) =>
  (await http.get<{ items: ItemSummary[] }>('/api/v1/items', { hallId: filter.hallId, q: filter.q?.trim() || undefined })).items

export const getItem = async (id: string) => (await http.get<{ item: ItemDetail }>(`/api/v1/items/${encodeURIComponent(id)}`)).item
