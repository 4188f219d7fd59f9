import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { IdParams, replies } from '../../core/schemas'
import { DeletionRequestBody, DeletionSchema, ExportSchema, PrivacyOverviewSchema, RetentionListSchema } from './schemas'
import { openExport, privacyOverview, retentionTable, requestAccountDeletion, requestExport, withdrawPrivacyConsent } from './service'
import { staffPrivacyRoutes } from './staff-routes'

const security = [{ bearer: [] }]
const Zip = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'application/zip' })

/** 我的 → 个人信息与隐私: what is held, a downloadable copy, 注销账号. */
export const privacyRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/me/privacy',
      {
        schema: {
          tags: ['privacy'],
          summary: '个人信息与隐私：持有的个人信息、保存期限、副本和注销状态',
          operationId: 'getPrivacyOverview',
          description: '返回平台持有的本人信息类别（条数、来源、用途、保存期限及法律依据）、保存期限表、注销将删除和必须保留的内容、最近的副本申请和注销申请。',
          security,
          response: replies(PrivacyOverviewSchema, [401]),
        },
      },
      async (request) => privacyOverview(ctx, requireUser(request).id),
    )

    app.post(
      '/me/privacy/exports',
      {
        schema: {
          tags: ['privacy'],
          summary: '申请个人信息副本（后台生成 zip）',
          operationId: 'requestPrivacyExport',
          description:
            '申请导出本人全部个人信息：JSON 数据和上传的材料、签名、委托书PDF，后台打包为 zip，生成后在限定期限内仅本人可下载。已有正在生成的副本时返回 409。',
          security,
          response: replies(ExportSchema, [401, 409], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await requestExport(ctx, requireUser(request).id)),
    )

    app.get(
      '/me/privacy/exports/:id/download',
      {
        schema: {
          tags: ['privacy'],
          summary: '下载个人信息副本（zip）',
          operationId: 'downloadPrivacyExport',
          description: '下载已生成且未过期的个人信息副本，仅限本人；他人的副本返回 404，未生成或已过期返回 409。每次下载记入审计日志。',
          security,
          params: IdParams,
          response: replies(Zip, [401, 404, 409]),
        },
      },
      async (request, reply) => {
        const { stream, size } = await openExport(ctx, requireUser(request).id, request.params.id)
        if (size !== null) reply.header('content-length', size)
        return reply
          .type('application/zip')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="onetrip-personal-data-${request.params.id.slice(0, 8)}.zip"`)
          .send(stream)
      },
    )

    app.post(
      '/me/privacy/deletion',
      {
        schema: {
          tags: ['privacy'],
          summary: '申请注销账号（进入冷静期）',
          operationId: 'requestAccountDeletion',
          description:
            '申请注销本人账号：立即退出所有设备，冷静期内再次登录即撤销；冷静期满后删除或去标识化个人信息，依法须保留的行政记录与账号脱离。已有未完成的申请时返回 409。',
          security,
          body: DeletionRequestBody,
          response: replies(DeletionSchema, [401, 409], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await requestAccountDeletion(ctx, requireUser(request).id)),
    )

    app.post(
      '/me/consents/privacy/withdrawal',
      {
        schema: {
          tags: ['privacy'],
          summary: '撤回对《隐私政策》的同意（进入注销账号流程）',
          operationId: 'withdrawPrivacyConsent',
          description:
            '撤回对《隐私政策》的同意：记录撤回，并与申请注销账号相同（立即退出所有设备，冷静期内再次登录即重新同意并撤销注销）。已有未完成的注销申请时返回 409。',
          security,
          body: DeletionRequestBody,
          response: replies(DeletionSchema, [401, 409], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await withdrawPrivacyConsent(ctx, requireUser(request).id)),
    )

    app.get(
      '/legal/retention',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['privacy'],
          summary: '个人信息保存期限表（《隐私政策》引用）',
          operationId: 'getRetentionPolicies',
          description: '公开接口。返回每类记录的保存期限、起算点、法律依据和到期处理方式，即保存期限表（retention_policies）的内容，供《隐私政策》页面展示。',
          response: replies(RetentionListSchema),
        },
      },
      async () => ({ retention: await retentionTable(ctx.db) }),
    )

    await app.register(staffPrivacyRoutes(ctx))
  }
