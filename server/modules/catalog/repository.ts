import type { Queryable } from '../../core/db'

export interface HallRow {
  id: string
  name: string
  short_name: string
  address: string
  phone: string
  lat: number
  lng: number
  geofence_meters: number
  city_code: string
  county_code: string
  open_time: string
  close_time: string
  take_cutoff_minutes: number
}

export const listHalls = async (q: Queryable) => (await q.query<HallRow>('select * from halls order by sort, id')).rows

export const findHall = async (q: Queryable, id: string) => (await q.query<HallRow>('select * from halls where id = $1', [id])).rows[0] ?? null

export interface CategoryRow {
  id: string
  hall_id: string
  code: string
  name: string
  daily_quota: number
  per_person_daily_cap: number
  avg_handle_minutes: number
}

/** The queue categories of every hall, by hall then code. */
export const listAllCategories = async (q: Queryable) => (await q.query<CategoryRow>('select * from queue_categories order by hall_id, code')).rows

export interface ItemRow {
  id: string
  name: string
  department: string
  queue_category: string
  promised_days: number
  statutory_days: number
  legal_basis: string
  conditions: string
  result_licence: string | null
  licence_copies: string | null
  fee: string
  keywords: string[]
  material_count: number
}

const ITEM_COLUMNS = `i.id, i.name, i.department, i.queue_category, i.promised_days, i.statutory_days, i.legal_basis, i.conditions,
  i.result_licence, i.licence_copies, i.fee, i.keywords, (select count(*)::int from item_materials m where m.item_id = i.id) as material_count`

/** Items of a hall (or all), matching every whitespace-separated word of `q` in name, department or keywords. */
export async function searchItems(q: Queryable, filter: { hallId?: string; q?: string; limit: number }) {
  const words = (filter.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5)
  const params: unknown[] = [filter.hallId ?? null]
  const wordConditions = words.map((word) => {
    params.push(`%${word.replace(/[\\%_]/g, (c) => '\\' + c)}%`)
    return `i.search_text ilike $${params.length}`
  })
  params.push(filter.limit)
  const { rows } = await q.query<ItemRow>(
    `select ${ITEM_COLUMNS} from service_items i
      where ($1::text is null or exists (select 1 from hall_items h where h.item_id = i.id and h.hall_id = $1))
        ${wordConditions.map((c) => `and ${c}`).join(' ')}
      order by i.name limit $${params.length}`,
    params,
  )
  return rows
}

export const findItem = async (q: Queryable, id: string) =>
  (await q.query<ItemRow>(`select ${ITEM_COLUMNS} from service_items i where i.id = $1`, [id])).rows[0] ?? null

export const hallsOfItem = async (q: Queryable, itemId: string) =>
  (await q.query<{ hall_id: string }>('select hall_id from hall_items where item_id = $1 order by hall_id', [itemId])).rows.map((r) => r.hall_id)

export interface MaterialRow {
  code: string
  name: string
  necessity: 'required' | 'optional' | 'deferrable'
  is_main: boolean
  form: 'original' | 'copy' | 'original_and_copy' | 'electronic'
  copies: number
  formats: string[]
  max_size_mb: number
  source: 'self' | 'department' | 'shared'
  source_note: string | null
  notes: string
  has_blank_form: boolean
  has_example: boolean
  /** The same document as other items' materials with this key (证照通 themes ask for it once). */
  share_key: string | null
}

export const listMaterials = async (q: Queryable, itemId: string) =>
  (await q.query<MaterialRow>('select * from item_materials where item_id = $1 order by sort', [itemId])).rows

/** Items by id with their materials in order, in two queries however many items (a theme lists dozens). */
export async function findItemsWithMaterials(q: Queryable, ids: readonly string[]): Promise<Map<string, { row: ItemRow; materials: MaterialRow[] }>> {
  const items = (await q.query<ItemRow>(`select ${ITEM_COLUMNS} from service_items i where i.id = any($1::text[])`, [ids])).rows
  const materials = (
    await q.query<MaterialRow & { item_id: string }>('select * from item_materials where item_id = any($1::text[]) order by item_id, sort', [ids])
  ).rows
  return new Map(items.map((row) => [row.id, { row, materials: materials.filter((m) => m.item_id === row.id) }]))
}
