import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { notFound } from '../../core/errors'
import { replies } from '../../core/schemas'
import * as repo from './repository'
import { HallSchema, ItemDetailSchema, ItemSummarySchema, type ItemSummary, type MaterialView } from './schemas'

const HallId = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })
const ItemId = Type.String({ pattern: '^[a-z0-9-]{1,80}$' })

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

export const catalogRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/halls',
      { config: { auth: 'public' }, schema: { tags: ['catalog'], summary: '服务中心列表', operationId: 'listHalls', description: '公开接口。返回全部服务中心的地址、电话、开放时间、签到范围（坐标与半径）和排队业务类别。', response: replies(Type.Object({ halls: Type.Array(HallSchema) })) } },
      async () => {
        const halls = await repo.listHalls(ctx.db)
        return {
          halls: await Promise.all(
            halls.map(async (hall) => ({
              id: hall.id,
              name: hall.name,
              shortName: hall.short_name,
              address: hall.address,
              phone: hall.phone,
              location: { lat: hall.lat, lng: hall.lng, geofenceMeters: hall.geofence_meters },
              openTime: hall.open_time,
              closeTime: hall.close_time,
              takeCutoffMinutes: hall.take_cutoff_minutes,
              categories: (await repo.listCategories(ctx.db, hall.id)).map((c) => ({ id: c.id, code: c.code, name: c.name })),
            })),
          ),
        }
      },
    )

    app.get(
      '/items',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['catalog'],
          summary: '办事指南：按服务中心和关键词查找事项', operationId: 'searchItems', description: '公开接口。按服务中心和关键词（事项名称、部门）检索政务服务事项，最多返回 100 条，每条含承诺时限和材料数量。',
          querystring: Type.Object(
            { hallId: Type.Optional(HallId), q: Type.Optional(Type.String({ maxLength: 50 })) },
            { additionalProperties: false },
          ),
          response: replies(Type.Object({ items: Type.Array(ItemSummarySchema) })),
        },
      },
      async (request) => ({ items: (await repo.searchItems(ctx.db, { ...request.query, limit: 100 })).map(toItemSummary) }),
    )

    app.get(
      '/items/:id',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['catalog'],
          summary: '事项详情与材料清单', operationId: 'getItem', description: '公开接口。返回事项的办理依据、受理条件、收费、可办理的服务中心，以及每份材料的必要性、形式、份数和来源。',
          params: Type.Object({ id: ItemId }, { additionalProperties: false }),
          response: replies(Type.Object({ item: ItemDetailSchema }), [404]),
        },
      },
      async (request) => {
        const row = await repo.findItem(ctx.db, request.params.id)
        if (!row) throw notFound('事项不存在')
        return {
          item: {
            ...toItemSummary(row),
            queueCategory: row.queue_category,
            legalBasis: row.legal_basis,
            conditions: row.conditions,
            licenceCopies: row.licence_copies,
            fee: row.fee,
            hallIds: await repo.hallsOfItem(ctx.db, row.id),
            materials: (await repo.listMaterials(ctx.db, row.id)).map(toMaterialView),
          },
        }
      },
    )
  }
