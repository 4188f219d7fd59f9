import type { Static } from '@sinclair/typebox'
import type { HallSchema, ItemDetailSchema, ItemSummarySchema, MaterialSchema } from '../../server/modules/catalog/schemas'
import { http } from './http'

export type Hall = Static<typeof HallSchema>
export type ItemSummary = Static<typeof ItemSummarySchema>
export type Material = Static<typeof MaterialSchema>
export type MaterialNecessity = Material['necessity']
export type MaterialForm = Material['form']
export type MaterialSource = Material['source']
export type ItemDetail = Static<typeof ItemDetailSchema>

export const listHalls = async () => (await http.get<{ halls: Hall[] }>('/api/v1/halls')).halls

export const searchItems = async (filter: { hallId?: string; q?: string }) =>
  (await http.get<{ items: ItemSummary[] }>('/api/v1/items', { hallId: filter.hallId, q: filter.q?.trim() || undefined })).items

export const getItem = async (id: string) => (await http.get<{ item: ItemDetail }>(`/api/v1/items/${encodeURIComponent(id)}`)).item
