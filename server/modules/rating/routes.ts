import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { HallId, IdParams, replies } from '../../core/schemas'
import {
  ExportQuery,
  FollowUpQuery,
  FollowUpStepInput,
  KioskBindInput,
  KioskCurrentSchema,
  KioskRatingInput,
  KioskSchema,
  RatedServiceListSchema,
  RatedServiceSchema,
  RatingExportSchema,
  RatingInput,
  StaffFollowUpListSchema,
  StaffFollowUpSchema,
} from './schemas'
import * as rating from './service'

const security = [{ bearer: [] }]
const kioskSecurity = [{ kiosk: [] }]
const tags = ['rating']
const KioskHeaders = Type.Object({ [rating.KIOSK_HEADER]: Type.Optional(Type.String({ title: '评价器令牌' })) })

/** 好差评: the citizen's ratings, the hall manager's follow-ups and export, the window tablet. */
export const ratingRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/rating/services',
      {
        schema: {
          tags,
          summary: '我的服务评价：已办结的服务及其评价',
          operationId: 'listMyRatedServices',
          description: '返回本人已办结、可评价的服务（窗口办事、预审、证照领取、名称申报），以及已给出的评价和差评的回访整改结果。',
          security,
          response: replies(RatedServiceListSchema, [401]),
        },
      },
      async (request) => rating.myRatedServices(ctx, requireUser(request).id),
    )

    app.get(
      '/rating/services/:id',
      {
        schema: {
          tags,
          summary: '一项服务的评价',
          operationId: 'getMyRatedService',
          description: '本人一项已办结服务的评价、可修改期限和差评的回访整改结果；他人的服务返回 404。',
          security,
          params: IdParams,
          response: replies(RatedServiceSchema, [401, 404]),
        },
      },
      async (request) => rating.myRatedService(ctx, requireUser(request).id, request.params.id),
    )

    app.post(
      '/rating/services/:id/rating',
      {
        schema: {
          tags,
          summary: '评价一项服务（一事一评）',
          operationId: 'rateService',
          description:
            '按非常满意、满意、基本满意、不满意、非常不满意五级评价本人已办结的服务，可选评价原因和文字。每项服务只能评价一次（已评价返回 409）；不满意和非常不满意须说明原因，并转服务中心负责人回访整改。',
          security,
          params: IdParams,
          body: RatingInput,
          response: replies(RatedServiceSchema, [401, 404, 409], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await rating.rateService(ctx, requireUser(request).id, request.params.id, request.body)),
    )

    app.put(
      '/rating/services/:id/rating',
      {
        schema: {
          tags,
          summary: '修改评价（评价后 24 小时内）',
          operationId: 'changeRating',
          description: '评价后 24 小时内、工作人员回访之前可以修改评价；改为差评时转回访整改，差评改为好评时撤回未回访的整改。超过期限或已回访返回 409。',
          security,
          params: IdParams,
          body: RatingInput,
          response: replies(RatedServiceSchema, [401, 404, 409]),
        },
      },
      async (request) => rating.changeRating(ctx, requireUser(request).id, request.params.id, request.body),
    )

    app.get(
      '/staff/rating/follow-ups',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '差评回访整改列表',
          operationId: 'listRatingFollowUps',
          description:
            '服务中心管理员查看本中心的差评及回访、整改进度和期限（评价人姓名、手机号脱敏）；不指定服务中心时为不属于任何服务中心的线上服务，仅平台管理员可查看。',
          security,
          querystring: FollowUpQuery,
          response: replies(StaffFollowUpListSchema, [401, 403, 404]),
        },
      },
      async (request) => rating.listFollowUps(ctx, request, request.query.hallId ?? null, request.query.status ?? null),
    )

    for (const step of ['visit', 'rectify'] as const) {
      app.post(
        `/staff/rating/follow-ups/:id/${step}`,
        {
          config: { auth: 'admin' },
          schema: {
            tags,
            summary: step === 'visit' ? '记录差评回访' : '记录差评整改',
            operationId: step === 'visit' ? 'recordRatingVisit' : 'recordRatingRectification',
            description:
              step === 'visit'
                ? '服务中心管理员记录对差评的回访核实情况（每条一次），评价人在评价页看到回访结果。'
                : '服务中心管理员在回访之后记录整改情况并反馈评价人（每条一次）。',
            security,
            params: IdParams,
            body: FollowUpStepInput,
            response: replies(StaffFollowUpSchema, [401, 403, 404, 409]),
          },
        },
        async (request) => rating.recordFollowUpStep(ctx, request, request.params.id, step, request.body.note),
      )
    }

    app.get(
      '/staff/rating/halls/:hallId/export',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '导出评价数据（全国好差评系统数据格式）',
          operationId: 'exportRatings',
          description:
            '服务中心管理员按日期范围（北京时间，最长一年，默认最近 30 天）导出本中心的评价，字段按全国一体化政务服务平台好差评评价数据组织，评价人姓名脱敏。',
          security,
          params: Type.Object({ hallId: HallId }, { additionalProperties: false }),
          querystring: ExportQuery,
          response: replies(RatingExportSchema, [401, 403, 404]),
        },
      },
      async (request) => rating.exportRatings(ctx, request, request.params.hallId, request.query),
    )

    app.post(
      '/staff/rating/kiosks',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: '绑定窗口评价器',
          operationId: 'bindRatingKiosk',
          description: '工作人员在窗口平板上登录后把它绑定为本窗口的评价器，返回评价器令牌（只返回一次）；同一窗口重新绑定会使旧评价器失效。',
          security,
          body: KioskBindInput,
          response: replies(KioskSchema, [401, 403, 404], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await rating.bindKiosk(ctx, request, request.body.windowId)),
    )

    app.get(
      '/rating/kiosk/current',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '评价器：本窗口待评价的服务',
          operationId: 'getKioskCurrent',
          description: '评价器（X-Kiosk-Token）取本窗口最近办结、尚未评价的号（办结后 10 分钟内），没有时 service 为 null。',
          security: kioskSecurity,
          headers: KioskHeaders,
          response: replies(KioskCurrentSchema, [401]),
        },
      },
      async (request) => rating.kioskCurrent(ctx, request),
    )

    app.post(
      '/rating/kiosk/ratings',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '评价器：市民在窗口评价',
          operationId: 'rateAtKiosk',
          description: '评价器记录窗口当前市民对刚办结服务的评价；只能评价本窗口当前待评价的服务，已评价或不在本窗口返回 409。',
          security: kioskSecurity,
          headers: KioskHeaders,
          body: KioskRatingInput,
          response: replies(KioskCurrentSchema, [401, 409]),
        },
      },
      async (request) => rating.kioskRate(ctx, request, request.body),
    )
  }
