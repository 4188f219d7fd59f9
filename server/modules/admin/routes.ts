import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { HallId, Uuid, replies } from '../../core/schemas'
import * as service from './service'
import {
  CategoryCodeParam,
  CategorySettingsBody,
  HallAdminSchema,
  HallSettingsBody,
  HallSummarySchema,
  HistoryEntrySchema,
  HistoryQuery,
  InviteAdminBody,
  InviteStaffBody,
  NewCategoryBody,
  NewHallBody,
  NewWindowBody,
  StaffMemberSchema,
  WindowNumber,
  WindowSettingsBody,
} from './schemas'

const security = [{ bearer: [] }]
const tags = ['admin']
const HallParams = Type.Object({ hallId: HallId }, { additionalProperties: false })
const CategoryParams = Type.Object({ hallId: HallId, categoryCode: CategoryCodeParam }, { additionalProperties: false })
const WindowParams = Type.Object({ hallId: HallId, number: WindowNumber }, { additionalProperties: false })
const StaffParams = Type.Object({ hallId: HallId, userId: Uuid }, { additionalProperties: false })
const hallReplies = replies(HallAdminSchema, [401, 403, 404, 409])
const StaffList = Type.Object({ staff: Type.Array(StaffMemberSchema) })
const staffReplies = replies(StaffList, [401, 403, 404, 409])
const ADMIN = '服务中心管理员接口（平台管理员可管理任一服务中心；上级中心管理员可管理设为“由上级管理”的下级中心）。'

/** Hall administration (管理): the hall, its queue categories, windows and staff, and the history of every change. */
export const adminRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/admin/halls',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '我管理的服务中心',
          operationId: 'listManagedHalls',
          description: `${ADMIN}返回调用者可以管理的服务中心（平台管理员：全部）。`,
          security,
          response: replies(Type.Object({ halls: Type.Array(HallSummarySchema) }), [401, 403]),
        },
      },
      async (request) => {
        const user = requireUser(request)
        return { halls: await service.managedHalls(ctx, user.id, user.platformAdmin) }
      },
    )

    app.get(
      '/admin/halls/:hallId',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '服务中心设置、排队类别与窗口',
          operationId: 'getHallAdmin',
          description: `${ADMIN}返回服务中心的名称、地址、坐标与签到范围、电话、办公时间、网上取号截止、上级服务中心，以及排队类别和窗口（含暂停服务状态）。`,
          security,
          params: HallParams,
          response: hallReplies,
        },
      },
      async (request) => {
        await service.requireHallAdmin(ctx, request, request.params.hallId)
        return service.hallView(ctx.db, request.params.hallId)
      },
    )

    app.put(
      '/admin/halls/:hallId',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '修改服务中心设置',
          operationId: 'updateHall',
          description: `${ADMIN}整体替换服务中心设置并记入操作记录（修改前后）。层级、上级服务中心和“由上级管理”只能由平台管理员修改。`,
          security,
          params: HallParams,
          body: HallSettingsBody,
          response: hallReplies,
        },
      },
      async (request) => {
        const caller = await service.requireHallAdmin(ctx, request, request.params.hallId)
        return service.updateHall(ctx, caller, request.params.hallId, request.body)
      },
    )

    app.post(
      '/admin/halls/:hallId/categories',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '新建排队类别',
          operationId: 'createQueueCategory',
          description: `${ADMIN}新建排队业务类别：代码（一个大写字母，Y 留给预约号）、名称、每日号源、每人每日上限、平均办理时长、老年人优先年龄。`,
          security,
          params: HallParams,
          body: NewCategoryBody,
          response: replies(HallAdminSchema, [401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
        const { code, ...settings } = request.body
        return reply.code(201).send(await service.createCategory(ctx, userId, request.params.hallId, code, settings))
      },
    )

    app.put(
      '/admin/halls/:hallId/categories/:categoryCode',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '修改排队类别',
          operationId: 'updateQueueCategory',
          description: `${ADMIN}修改排队类别的名称、号源、每人上限、平均办理时长和老年人优先年龄；已取的号不受影响。`,
          security,
          params: CategoryParams,
          body: CategorySettingsBody,
          response: hallReplies,
        },
      },
      async (request) => {
        const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
        return service.updateCategory(ctx, userId, request.params.hallId, request.params.categoryCode, request.body)
      },
    )

    app.post(
      '/admin/halls/:hallId/windows',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '新建窗口',
          operationId: 'createHallWindow',
          description: `${ADMIN}新建窗口：窗口号、名称、办理的排队类别（须已存在）、是否优先窗口。`,
          security,
          params: HallParams,
          body: NewWindowBody,
          response: replies(HallAdminSchema, [401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
        const { number, ...settings } = request.body
        return reply.code(201).send(await service.createWindow(ctx, userId, request.params.hallId, number, settings))
      },
    )

    app.put(
      '/admin/halls/:hallId/windows/:number',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '修改窗口',
          operationId: 'updateHallWindow',
          description: `${ADMIN}修改窗口名称、办理的排队类别和是否优先窗口。`,
          security,
          params: WindowParams,
          body: WindowSettingsBody,
          response: hallReplies,
        },
      },
      async (request) => {
        const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
        return service.updateWindow(ctx, userId, request.params.hallId, request.params.number, request.body)
      },
    )

    for (const [action, paused, operationId, summary] of [
      ['pause', true, 'pauseHallWindow', '窗口暂停服务'],
      ['resume', false, 'resumeHallWindow', '窗口恢复服务'],
    ] as const) {
      app.post(
        `/admin/halls/:hallId/windows/:number/${action}`,
        {
          config: { auth: 'admin' },
          schema: {
            tags,
            summary,
            operationId,
            description: `${ADMIN}暂停服务的窗口不能叫号，也不计入市民看到的等候时间估算；恢复后即重新计入。重复操作不改变状态。`,
            security,
            params: WindowParams,
            response: hallReplies,
          },
        },
        async (request) => {
          const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
          return service.setWindowPaused(ctx, userId, request.params.hallId, request.params.number, paused)
        },
      )
    }

    app.get(
      '/admin/halls/:hallId/staff',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '工作人员列表',
          operationId: 'listHallStaff',
          description: `${ADMIN}返回本中心工作人员（姓名、手机号均脱敏）、岗位与窗口、是否停用、最近登录时间。`,
          security,
          params: HallParams,
          response: staffReplies,
        },
      },
      async (request) => {
        await service.requireHallAdmin(ctx, request, request.params.hallId)
        return { staff: await service.listStaff(ctx, request.params.hallId) }
      },
    )

    app.post(
      '/admin/halls/:hallId/staff',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '按手机号邀请工作人员',
          operationId: 'inviteHallStaff',
          description: `${ADMIN}给手机号对应的账号（尚未注册时新建）授予本中心的岗位；窗口岗位可绑定一个窗口。本人用该手机号短信登录后即可使用工作台。`,
          security,
          params: HallParams,
          body: InviteStaffBody,
          response: staffReplies,
        },
      },
      async (request) => {
        const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
        return { staff: await service.inviteStaff(ctx, userId, request.params.hallId, request.body) }
      },
    )

    for (const [action, disabled, operationId, summary] of [
      ['disable', true, 'disableHallStaff', '停用工作人员'],
      ['enable', false, 'enableHallStaff', '启用工作人员'],
    ] as const) {
      app.post(
        `/admin/halls/:hallId/staff/:userId/${action}`,
        {
          config: { auth: 'admin' },
          schema: {
            tags,
            summary,
            operationId,
            description: `${ADMIN}停用后该人员在本中心的全部岗位立即失效（下一次请求起），记录保留；启用后恢复。不能停用自己。`,
            security,
            params: StaffParams,
            response: staffReplies,
          },
        },
        async (request) => {
          const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
          return { staff: await service.setStaffDisabled(ctx, userId, request.params.hallId, request.params.userId, disabled) }
        },
      )
    }

    app.get(
      '/admin/halls/:hallId/history',
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: '操作记录',
          operationId: 'getHallAdminHistory',
          description: `${ADMIN}本中心管理操作的记录（谁、何时、修改前、修改后），新的在前，最多 200 条；可按对象筛选（如 hall_window:tianfu-w1）。`,
          security,
          params: HallParams,
          querystring: HistoryQuery,
          response: replies(Type.Object({ entries: Type.Array(HistoryEntrySchema) }), [401, 403, 404]),
        },
      },
      async (request) => {
        await service.requireHallAdmin(ctx, request, request.params.hallId)
        return { entries: await service.history(ctx, request.params.hallId, request.query.target ?? null) }
      },
    )

    app.post(
      '/platform/halls',
      {
        config: { auth: 'platform' },
        schema: {
          tags,
          summary: '新建服务中心',
          operationId: 'createHall',
          description: '平台管理员接口。新建服务中心（区县中心、街道中心或社区站），之后为其设置管理员。',
          security,
          body: NewHallBody,
          response: replies(HallAdminSchema, [401, 403, 409], 201),
        },
      },
      async (request, reply) => {
        const { id, ...settings } = request.body
        return reply.code(201).send(await service.createHall(ctx, requireUser(request).id, id, settings))
      },
    )

    app.post(
      '/platform/halls/:hallId/admins',
      {
        config: { auth: 'platform' },
        schema: {
          tags,
          summary: '设置服务中心管理员',
          operationId: 'inviteHallAdmin',
          description: '平台管理员接口。按手机号设置服务中心管理员（尚未注册的手机号新建账号）。',
          security,
          params: HallParams,
          body: InviteAdminBody,
          response: staffReplies,
        },
      },
      async (request) => {
        const { userId } = await service.requireHallAdmin(ctx, request, request.params.hallId)
        return { staff: await service.inviteHallAdmin(ctx, userId, request.params.hallId, request.body.phone) }
      },
    )
  }
