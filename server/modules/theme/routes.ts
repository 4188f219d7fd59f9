import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireStaffAt, requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { replies } from '../../core/schemas'
import * as repo from './repository'
import {
  ApplicationIdParams,
  ApplicationItemParams,
  ApplicationSchema,
  ApplicationSummarySchema,
  CreateApplicationBody,
  DecisionBody,
  StaffQueueEntrySchema,
  StaffQueueQuery,
  ThemeDetailSchema,
  ThemeIdParams,
  ThemeSummarySchema,
} from './schemas'
import * as service from './service'

const security = [{ bearer: [] }]
const ApplicationReply = Type.Object({ application: ApplicationSchema })

/** 一件事一次办 (证照通): the themes' guides, the applicant's one application, and the departments' joint review. */
export const themeRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/themes',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['theme'],
          summary: '“一件事”主题列表',
          operationId: 'listThemes',
          description: '公开接口。返回“证照通”一件事主题（开诊所、开餐馆、开药店等），每个含可能涉及的事项数和部门。',
          response: replies(Type.Object({ themes: Type.Array(ThemeSummarySchema) })),
        },
      },
      async () => ({ themes: await service.listThemes(ctx.db) }),
    )

    app.get(
      '/themes/:id',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['theme'],
          summary: '“一件事”主题指南：情形引导、事项、材料',
          operationId: 'getTheme',
          description: '公开接口。返回主题的情形引导问题、按回答选择事项的规则、每个事项的部门、承诺时限和材料（含共享材料标识）。',
          params: ThemeIdParams,
          response: replies(Type.Object({ theme: ThemeDetailSchema }), [404]),
        },
      },
      async (request) => ({ theme: await service.themeDetail(ctx.db, request.params.id) }),
    )

    app.post(
      '/theme-applications',
      {
        config: { auth: 'realname' },
        schema: {
          tags: ['theme'],
          summary: '按情形引导的回答新建“一件事”申请',
          operationId: 'createThemeApplication',
          description: '已实名的申请人按情形引导的回答新建申请：每个适用事项一件预审办件（草稿），材料合并为一张清单。',
          security,
          body: CreateApplicationBody,
          response: replies(ApplicationReply, [400, 401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const userId = requireUser(request).id
        const id = await service.createApplication(ctx, userId, request.body)
        return reply.code(201).send({ application: await service.myApplication(ctx, userId, id) })
      },
    )

    app.get(
      '/theme-applications',
      {
        schema: {
          tags: ['theme'],
          summary: '我的“一件事”申请',
          operationId: 'listMyThemeApplications',
          description: '返回当前用户的“一件事”申请及其进度（已通过事项数 / 事项总数）。',
          security,
          response: replies(Type.Object({ applications: Type.Array(ApplicationSummarySchema) }), [401]),
        },
      },
      async (request) => ({ applications: await service.myApplications(ctx, requireUser(request).id) }),
    )

    app.get(
      '/theme-applications/:id',
      {
        schema: {
          tags: ['theme'],
          summary: '“一件事”申请详情：合并材料清单、各事项进度、一次性告知书',
          operationId: 'getThemeApplication',
          description: '返回申请人本人的申请：合并后的材料清单（共享材料只需上传一次）、每个事项及整体进度、联审后统一出具的一次性告知书。',
          security,
          params: ApplicationIdParams,
          response: replies(ApplicationReply, [401, 404]),
        },
      },
      async (request) => ({ application: await service.myApplication(ctx, requireUser(request).id, request.params.id) }),
    )

    app.post(
      '/theme-applications/:id/submit',
      {
        schema: {
          tags: ['theme'],
          summary: '一次提交，分送各部门并联审查',
          operationId: 'submitThemeApplication',
          description: '提交或补正后重新提交：共享材料分送每个需要它的事项，全部未通过的事项同时进入各自部门的审查队列。',
          security,
          params: ApplicationIdParams,
          response: replies(ApplicationReply, [401, 404, 409, 413, 422]),
        },
      },
      async (request) => {
        const userId = requireUser(request).id
        await service.submitApplication(ctx, userId, request.params.id)
        return { application: await service.myApplication(ctx, userId, request.params.id) }
      },
    )

    // ------------------------------------------------------------ reviewers

    const hallApplication = async (request: Parameters<typeof requireUser>[0], id: string) => {
      const found = await repo.findApplication(ctx.db, id)
      if (!found) throw notFound('申请不存在')
      requireStaffAt(request, 'reviewer', found.hall_id)
      return found
    }

    app.get(
      '/staff/theme-applications',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['theme'],
          summary: '联审队列（本服务中心联审中的“一件事”申请）',
          operationId: 'getJointReviewQueue',
          description: '预审人员接口。返回本服务中心联审中的申请，最早提交的在前，含本轮各事项是否已决定和等待本人所在部门决定的事项数。',
          security,
          querystring: StaffQueueQuery,
          response: replies(Type.Object({ applications: Type.Array(StaffQueueEntrySchema) }), [401, 403]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'reviewer', request.query.hallId)
        return { applications: await service.staffQueue(ctx, requireUser(request).id, request.query.hallId) }
      },
    )

    app.get(
      '/staff/theme-applications/:id',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['theme'],
          summary: '联审申请详情（全部事项与材料）',
          operationId: 'getJointReviewApplication',
          description: '预审人员接口。返回整份申请：全部事项、全部材料和文件、本人可决定的部门；只能对本部门的事项作出决定。',
          security,
          params: ApplicationIdParams,
          response: replies(ApplicationReply, [401, 403, 404]),
        },
      },
      async (request) => {
        const found = await hallApplication(request, request.params.id)
        return { application: await service.staffApplication(ctx, requireUser(request).id, found) }
      },
    )

    app.post(
      '/staff/theme-applications/:id/items/:itemId/decision',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['theme'],
          summary: '部门对本部门事项作出联审决定：通过 / 需补正',
          operationId: 'decideThemeItem',
          description: '预审人员接口。只有该事项所属部门的审查人员可以决定；本轮各部门全部决定后，需补正的问题合并为一份一次性告知书发给申请人。',
          security,
          params: ApplicationItemParams,
          body: DecisionBody,
          response: replies(ApplicationReply, [400, 401, 403, 404, 409, 422]),
        },
      },
      async (request) => {
        const reviewerId = requireUser(request).id
        await hallApplication(request, request.params.id)
        await service.decideItem(ctx, reviewerId, request.params.id, request.params.itemId, request.body)
        return { application: await service.staffApplication(ctx, reviewerId, (await repo.findApplication(ctx.db, request.params.id))!) }
      },
    )
  }
