import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { DateString, HallId, IdParams, ItemId, Uuid, replies } from '../../core/schemas'
import { AppointmentDetailSchema, AppointmentSchema, DaysSchema, SlotsSchema } from './schemas'
import * as service from './service'
import { ReportedLocationSchema } from '../queue/schemas'
import { staffAppointmentRoutes } from './staff-routes'

const security = [{ bearer: [] }]
const tags = ['appointment']

export const appointmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/appointments/days',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '可预约日期（未来N个工作日，含节假日与调休）',
          operationId: 'listBookableDays',
          description: '返回指定服务中心和事项未来可预约的工作日（按法定节假日与调休计算）、每日剩余名额、预约规则。',
          querystring: Type.Object({ hallId: HallId, itemId: ItemId }, { additionalProperties: false }),
          response: replies(DaysSchema, [404, 409]),
        },
      },
      async (request) => service.listBookableDays(ctx, request.query.hallId, request.query.itemId),
    )

    app.get(
      '/appointments/slots',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '某日的预约时段及剩余名额',
          operationId: 'listSlots',
          description: '返回指定日期的预约时段及每个时段的剩余名额；不可预约时给出原因。',
          querystring: Type.Object({ hallId: HallId, itemId: ItemId, date: DateString }, { additionalProperties: false }),
          response: replies(SlotsSchema, [404, 409]),
        },
      },
      async (request) => service.listDaySlots(ctx, request.query.hallId, request.query.itemId, request.query.date),
    )

    app.post(
      '/appointments',
      {
        config: { auth: 'realname' },
        schema: {
          tags,
          summary: '预约时段（名额由数据库保证不超约；每人每天一次、每事项一个有效预约）',
          operationId: 'bookSlot',
          description: '为已实名的市民预约一个时段；名额由数据库条件更新保证不超约，约满、重复预约或爽约受限时返回 409。',
          security,
          body: Type.Object({ slotId: Uuid, itemId: ItemId }, { additionalProperties: false }),
          response: replies(Type.Object({ appointment: AppointmentSchema }), [401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const appointment = await service.book(ctx, requireUser(request).id, request.body)
        return reply.code(201).send({ appointment })
      },
    )

    app.get(
      '/appointments',
      {
        schema: {
          tags,
          summary: '我的预约',
          operationId: 'listMyAppointments',
          description: '返回当前用户的全部预约及其状态、可取消和可签到的时间。',
          security,
          response: replies(Type.Object({ appointments: Type.Array(AppointmentSchema) }), [401]),
        },
      },
      async (request) => ({ appointments: await service.listMine(ctx, requireUser(request).id) }),
    )

    app.get(
      '/appointments/:id',
      {
        schema: {
          tags,
          summary: '预约详情（预约码二维码、需携带材料）',
          operationId: 'getAppointment',
          description: '返回本人预约的详情：待签到时含预约码二维码，预约有效时含需携带的材料清单。',
          security,
          params: IdParams,
          response: replies(Type.Object({ appointment: AppointmentDetailSchema }), [401, 404]),
        },
      },
      async (request) => ({ appointment: await service.getMine(ctx, requireUser(request).id, request.params.id) }),
    )

    app.post(
      '/appointments/:id/cancel',
      {
        schema: {
          tags,
          summary: '取消预约（时段开始前2小时前，可按服务中心配置）',
          operationId: 'cancelAppointment',
          description: '取消本人的预约；须在服务中心设置的取消截止时间前，否则返回 409。',
          security,
          params: IdParams,
          response: replies(Type.Object({ appointment: AppointmentDetailSchema }), [401, 404, 409]),
        },
      },
      async (request) => ({ appointment: await service.cancel(ctx, requireUser(request).id, request.params.id) }),
    )

    app.post(
      '/appointments/:id/check-in',
      {
        schema: {
          tags,
          summary: '到厅签到（扫大厅签到码或微信定位），转为优先排队号',
          operationId: 'checkInAppointment',
          description: '在签到时间窗内凭大厅签到码或定位为预约签到，预约转为优先排队号。',
          security,
          params: IdParams,
          body: Type.Union([
            Type.Object(
              { hallToken: Type.String({ minLength: 1, maxLength: 200, title: '签到码', description: '大厅签到二维码内容' }) },
              { additionalProperties: false },
            ),
            Type.Object({ location: ReportedLocationSchema }, { additionalProperties: false }),
          ]),
          response: replies(Type.Object({ appointment: AppointmentDetailSchema }), [401, 404, 409, 422]),
        },
      },
      async (request) => ({ appointment: await service.checkIn(ctx, requireUser(request).id, request.params.id, request.body) }),
    )

    await app.register(staffAppointmentRoutes(ctx))
  }
