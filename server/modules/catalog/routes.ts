import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { HallId, ItemId, replies } from '../../core/schemas'
import * as service from './service'
import { HallSchema, ItemDetailSchema, ItemSummarySchema } from './schemas'

export const catalogRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/halls',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['catalog'],
          summary: '服务中心列表',
          operationId: 'listHalls',
          description: '公开接口。返回全部服务中心的地址、电话、开放时间、签到范围（坐标与半径）和排队业务类别。',
          response: replies(Type.Object({ halls: Type.Array(HallSchema) })),
        },
      },
      async () => ({ halls: await service.listHallViews(ctx.db) }),
    )

    app.get(
      '/items',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['catalog'],
          summary: '办事指南：按服务中心和关键词查找事项',
          operationId: 'searchItems',
          description: '公开接口。按服务中心和关键词（事项名称、部门）检索政务服务事项，最多返回 100 条，每条含承诺时限和材料数量。',
          querystring: Type.Object(
            { hallId: Type.Optional(HallId), q: Type.Optional(Type.String({ maxLength: 50, title: '搜索词' })) },
            { additionalProperties: false },
          ),
          response: replies(Type.Object({ items: Type.Array(ItemSummarySchema) })),
        },
      },
      async (request) => ({ items: await service.searchItemSummaries(ctx.db, request.query) }),
    )

    app.get(
      '/items/:id',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['catalog'],
          summary: '事项详情与材料清单',
          operationId: 'getItem',
          description: '公开接口。返回事项的办理依据、受理条件、收费、可办理的服务中心，以及每份材料的必要性、形式、份数和来源。',
          params: Type.Object({ id: ItemId }, { additionalProperties: false }),
          response: replies(Type.Object({ item: ItemDetailSchema }), [404]),
        },
      },
      async (request) => ({ item: await service.itemDetail(ctx.db, request.params.id) }),
    )
  }
