import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireStaffAt, requireUser } from '../../core/auth'
import { DateString, HallId, Hhmm, Ok, Uuid, replies } from '../../core/schemas'
import { AppointmentSchema, ClosureSchema, SettingsBody, StaffDaySchema, StaffSettingsSchema } from './schemas'
import * as service from './service'

const security = [{ bearer: [] }]
const staffTags = ['appointment-staff']
const HallParams = Type.Object({ hallId: HallId }, { additionalProperties: false })

/** Staff routes of appointments (their hall only): settings, closures, the day's bookings, desk check-in. */
export const staffAppointmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Every route here is a hall's (/staff/halls/:hallId/…): only that hall's staff may use it.
    app.addHook('preHandler', async (request) => {
      requireStaffAt(request, 'staff', (request.params as { hallId: string }).hallId)
    })

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
      async (request) => service.staffSettings(ctx, request.params.hallId),
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
      async (request) => service.updateSettings(ctx, requireUser(request).id, request.params.hallId, request.body),
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
      async (request, reply) => reply.code(201).send(await service.addClosure(ctx, requireUser(request).id, request.params.hallId, request.body)),
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
      async (request) => service.removeClosure(ctx, requireUser(request).id, request.params.hallId, request.params.id),
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
      async (request) => service.staffDay(ctx, request.params.hallId, request.query.date),
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
        const voucher = request.body.voucher.replace(/^ONETRIP-APPT:/, '').toUpperCase()
        return { appointment: await service.staffCheckIn(ctx, requireUser(request).id, request.params.hallId, voucher) }
      },
    )
  }
