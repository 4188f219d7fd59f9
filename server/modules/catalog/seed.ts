import type { Queryable } from '../../core/db'
import { HALLS } from './seed-halls'
import { SERVICE_ITEMS } from './seed-items'

/** Upserts the demo halls and the service-item catalog; safe to run on every start. */
export async function seedCatalog(db: { tx<T>(work: (q: Queryable) => Promise<T>): Promise<T> }): Promise<void> {
  await db.tx(async (q) => {
    for (const [sort, hall] of HALLS.entries()) {
      await q.query(
        `insert into halls (id, name, short_name, address, phone, lat, lng, geofence_meters, city_code, county_code, open_time, close_time, take_cutoff_minutes, sort)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
         on conflict (id) do update set name = excluded.name, short_name = excluded.short_name, address = excluded.address, phone = excluded.phone,
           lat = excluded.lat, lng = excluded.lng, geofence_meters = excluded.geofence_meters, city_code = excluded.city_code,
           county_code = excluded.county_code, open_time = excluded.open_time, close_time = excluded.close_time,
           take_cutoff_minutes = excluded.take_cutoff_minutes, sort = excluded.sort`,
        [
          hall.id,
          hall.name,
          hall.shortName,
          hall.address,
          hall.phone,
          hall.lat,
          hall.lng,
          hall.geofenceMeters,
          hall.cityCode,
          hall.countyCode,
          hall.openTime,
          hall.closeTime,
          hall.takeCutoffMinutes,
          sort,
        ],
      )
      for (const category of hall.categories) {
        await q.query(
          `insert into queue_categories (id, hall_id, code, name, daily_quota, per_person_daily_cap, avg_handle_minutes)
           values ($1,$2,$3,$4,$5,$6,$7)
           on conflict (id) do update set name = excluded.name, daily_quota = excluded.daily_quota,
             per_person_daily_cap = excluded.per_person_daily_cap, avg_handle_minutes = excluded.avg_handle_minutes`,
          [`${hall.id}-${category.code}`, hall.id, category.code, category.name, category.dailyQuota, category.perPersonDailyCap, category.avgHandleMinutes],
        )
      }
      for (const window of hall.windows) {
        await q.query(
          `insert into hall_windows (id, hall_id, number, name, category_codes, priority) values ($1,$2,$3,$4,$5,$6)
           on conflict (id) do update set name = excluded.name, category_codes = excluded.category_codes, priority = excluded.priority`,
          [`${hall.id}-w${window.number}`, hall.id, window.number, window.name, window.categories, window.priority],
        )
      }
    }
    for (const item of SERVICE_ITEMS) {
      const searchText = [item.name, item.department, ...item.keywords].join(' ')
      await q.query(
        `insert into service_items (id, name, department, queue_category, promised_days, statutory_days, legal_basis, conditions, result_licence, licence_copies, fee, keywords, search_text)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
         on conflict (id) do update set name = excluded.name, department = excluded.department, queue_category = excluded.queue_category,
           promised_days = excluded.promised_days, statutory_days = excluded.statutory_days, legal_basis = excluded.legal_basis,
           conditions = excluded.conditions, result_licence = excluded.result_licence, licence_copies = excluded.licence_copies,
           fee = excluded.fee, keywords = excluded.keywords, search_text = excluded.search_text`,
        [
          item.code,
          item.name,
          item.department,
          item.queueCategory,
          item.promisedDays,
          item.statutoryDays,
          item.legalBasis,
          item.conditions,
          item.resultLicence,
          item.licenceCopies,
          item.fee,
          item.keywords,
          searchText,
        ],
      )
      for (const [sort, m] of item.materials.entries()) {
        await q.query(
          `insert into item_materials (item_id, code, sort, name, necessity, is_main, form, copies, formats, max_size_mb, source, source_note, notes, has_blank_form, has_example, share_key)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
           on conflict (item_id, code) do update set sort = excluded.sort, name = excluded.name, necessity = excluded.necessity, is_main = excluded.is_main,
             form = excluded.form, copies = excluded.copies, formats = excluded.formats, max_size_mb = excluded.max_size_mb, source = excluded.source,
             source_note = excluded.source_note, notes = excluded.notes, has_blank_form = excluded.has_blank_form, has_example = excluded.has_example,
             share_key = excluded.share_key`,
          [
            item.code,
            m.code,
            sort,
            m.name,
            m.necessity,
            m.isMain,
            m.form,
            m.copies,
            m.formats,
            m.maxSizeMb,
            m.source,
            m.sourceNote ?? null,
            m.notes,
            m.hasBlankForm,
            m.hasExample,
            m.shareKey ?? null,
          ],
        )
      }
    }
    for (const hall of HALLS) {
      const codes = hall.itemCodes === 'all' ? SERVICE_ITEMS.map((i) => i.code) : hall.itemCodes
      for (const code of codes) {
        await q.query('insert into hall_items (hall_id, item_id) values ($1, $2) on conflict do nothing', [hall.id, code])
      }
    }
  })
}
