import type { Queryable } from '../../core/db'
import { notFound } from '../../core/errors'
import * as repo from './repository'
import type { HallView, ItemDetail, ItemSummary, MaterialView } from './schemas'

/** The catalog's public API: halls, service items and their material checklists (shared foundation data). */
export type { HallRow, MaterialRow } from './repository'
export { findHall, findItem, findItemsWithMaterials, listMaterials } from './repository'

export const toItemSummary = (row: repo.ItemRow): ItemSummary => ({
  id: row.id,
  name: row.name,
  department: row.department,
  promisedDays: row.promised_days,
  statutoryDays: row.statutory_days,
  resultLicence: row.result_licence,
  materialCount: row.material_count,
})

export const toMaterialView = (m: repo.MaterialRow): MaterialView => ({
  code: m.code,
  name: m.name,
  necessity: m.necessity,
  isMain: m.is_main,
  form: m.form,
  copies: m.copies,
  formats: m.formats,
  maxSizeMb: m.max_size_mb,
  source: m.source,
  sourceNote: m.source_note,
  notes: m.notes,
  hasBlankForm: m.has_blank_form,
  hasExample: m.has_example,
})

/** Every hall with its queue categories, in two queries (not one per hall). */
export async function listHallViews(q: Queryable): Promise<HallView[]> {
  const [halls, categories] = await Promise.all([repo.listHalls(q), repo.listAllCategories(q)])
  return halls.map((hall) => ({
    id: hall.id,
    name: hall.name,
    shortName: hall.short_name,
    address: hall.address,
    phone: hall.phone,
    location: { lat: hall.lat, lng: hall.lng, geofenceMeters: hall.geofence_meters },
    openTime: hall.open_time,
    closeTime: hall.close_time,
    takeCutoffMinutes: hall.take_cutoff_minutes,
    categories: categories.filter((c) => c.hall_id === hall.id).map((c) => ({ id: c.id, code: c.code, name: c.name })),
  }))
}

export async function searchItemSummaries(q: Queryable, filter: { hallId?: string; q?: string }): Promise<ItemSummary[]> {
  return (await repo.searchItems(q, { ...filter, limit: 100 })).map(toItemSummary)
}

export async function itemDetail(q: Queryable, id: string): Promise<ItemDetail> {
  const row = await repo.findItem(q, id)
  if (!row) throw notFound('事项不存在')
  const [hallIds, materials] = await Promise.all([repo.hallsOfItem(q, row.id), repo.listMaterials(q, row.id)])
  return {
    ...toItemSummary(row),
    queueCategory: row.queue_category,
    legalBasis: row.legal_basis,
    conditions: row.conditions,
    licenceCopies: row.licence_copies,
    fee: row.fee,
    hallIds,
    materials: materials.map(toMaterialView),
  }
}
