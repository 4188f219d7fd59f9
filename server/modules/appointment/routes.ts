import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireStaffAt, requireUser } from '../../core/auth'
import { DateString, HallId, Hhmm, IdParams, ItemId, Ok, Uuid, replies } from '../../core/schemas'
import {
  AppointmentDetailSchema,
  AppointmentSchema,
  ClosureSchema,
  DaysSchema,
  SettingsBody,
  SlotsSchema,
  StaffDaySchema,
  StaffSettingsSchema,
} from './schemas'
import * as service from './service'
import { ReportedLocationSchema } from '../queue/schemas'

const security = [{ bearer: [] }]
const tags = ['appointment']
const staffTags = ['appointment-staff']
const HallParams = Type.Object({ hallId: HallId }, { additionalProperties: false })

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

    // ------------------------------------------------------------ staff

    app.get(
      '/staff/halls/:hallId/appointment-settings',
      {
        config: { auth: 'staff' },
        schema: {
          tags: staffTags,
          summary: '预约设置（时段、容量、闭厅安排）',
          operationId: 'getAppointmentSettings',
          description: '工作人员接口。返回本服务中心的预约规则、各类别时段容量、闭厅安排和节假日日历提示。',
          security,
          params: HallParams,
          response: replies(StaffSettingsSchema, [401, 403, 404]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        return service.staffSettings(ctx, request.params.hallId)
      },
    )

    app.put(
      '/staff/halls/:hallId/appointment-settings',
      {
        config: { auth: 'staff' },
        schema: {
          tags: staffTags,
          summary: '修改预约设置（已有预约不受影响）',
          operationId: 'saveAppointmentSettings',
          description: '工作人员接口。修改本服务中心的预约规则和各类别时段容量；已有预约不受影响。',
          security,
          params: HallParams,
          body: SettingsBody,
          response: replies(StaffSettingsSchema, [401, 403, 404]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        return service.updateSettings(ctx, requireUser(request).id, request.params.hallId, request.body)
      },
    )

    app.post(
      '/staff/halls/:hallId/appointment-closures',
      {
        config: { auth: 'staff' },
        schema: {
          tags: staffTags,
          summary: '添加闭厅安排（受影响的预约自动取消并通知市民）',
          operationId: 'addClosure',
          description: '工作人员接口。添加某日某时段的闭厅安排；该时段内的预约自动取消并以站内消息通知市民。',
          security,
          params: HallParams,
          body: Type.Object(
            { date: DateString, start: Hhmm, end: Hhmm, reason: Type.String({ minLength: 1, maxLength: 60, title: '闭厅原因' }) },
            { additionalProperties: false },
          ),
          response: replies(Type.Object({ closure: ClosureSchema, cancelled: Type.Integer() }), [401, 403, 404], 201),
        },
      },
      async (request, reply) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        return reply.code(201).send(await service.addClosure(ctx, requireUser(request).id, request.params.hallId, request.body))
      },
    )

    app.delete(
      '/staff/halls/:hallId/appointment-closures/:id',
      {
        config: { auth: 'staff' },
        schema: {
          tags: staffTags,
          summary: '撤销闭厅安排',
          operationId: 'removeClosure',
          description: '工作人员接口。撤销一条闭厅安排（已取消的预约不会恢复）。',
          security,
          params: Type.Object({ hallId: HallId, id: Uuid }, { additionalProperties: false }),
          response: replies(Ok, [401, 403, 404]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        return service.removeClosure(ctx, requireUser(request).id, request.params.hallId, request.params.id)
      },
    )

    app.get(
      '/staff/halls/:hallId/appointments',
      {
        config: { auth: 'staff' },
        schema: {
          tags: staffTags,
          summary: '某日预约名单（按类别与时段；不指定日期为今天）',
          operationId: 'getStaffAppointmentDay',
          description: '工作人员接口。返回本服务中心某日按类别和时段分组的预约名单（姓名脱敏）与统计。',
          security,
          params: HallParams,
          querystring: Type.Object({ date: Type.Optional(DateString) }, { additionalProperties: false }),
          response: replies(StaffDaySchema, [401, 403, 404]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        return service.staffDay(ctx, request.params.hallId, request.query.date)
      },
    )

    app.post(
      '/staff/halls/:hallId/appointments/check-in',
      {
        config: { auth: 'staff' },
        schema: {
          tags: staffTags,
          summary: '窗口代签到（扫市民的预约码），转为优先排队号',
          operationId: 'staffCheckInAppointment',
          description: '工作人员接口。窗口扫描市民出示的预约码为其签到，预约转为优先排队号。',
          security,
          params: HallParams,
          body: Type.Object(
            { voucher: Type.String({ pattern: '^(ONETRIP-APPT:)?[0-9A-Za-z]{8}$', title: '预约码', description: '预约码或其二维码内容' }) },
            { additionalProperties: false },
          ),
          response: replies(Type.Object({ appointment: AppointmentSchema }), [401, 403, 404, 409]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        const voucher = request.body.voucher.replace(/^ONETRIP-APPT:/, '').toUpperCase()
        return { appointment: await service.staffCheckIn(ctx, requireUser(request).id, request.params.hallId, voucher) }
      },
    )
  }
