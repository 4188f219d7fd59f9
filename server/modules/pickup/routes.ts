import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { IdParams, Ok, replies } from '../../core/schemas'
import * as repo from './repository'
import { AddressSchema, AuthorizationSchema, CaseNumber, LicenceSchema, PickupCaseSchema, SignBody, TrackingSchema, VerificationSchema } from './schemas'
import {
  accessibleAuthorization,
  authorizationForPdf,
  authorizationForPrincipal,
  authorizationPdf,
  listAddresses,
  listMyLicences,
  pickupCase,
  signAuthorization,
  verifyAuthorization,
} from './service'
import { staffPickupRoutes } from './staff-routes'
import { trackingForPrincipal } from './tracking'

const security = [{ bearer: [] }]
const citizen = ['pickup']

export const pickupRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/pickup/licences',
      {
        schema: {
          tags: citizen,
          summary: '我的证照与取件委托',
          operationId: 'listMyLicences',
          description: '返回当前用户已出证的证照及其取件委托状态。',
          security,
          response: replies(Type.Object({ licences: Type.Array(LicenceSchema) }), [401]),
        },
      },
      async (request) => ({ licences: await listMyLicences(ctx, requireUser(request).id) }),
    )

    app.get(
      '/pickup/cases/:caseNumber',
      {
        schema: {
          tags: citizen,
          summary: '按办件编号查看证照及可签署的委托书草稿',
          operationId: 'getPickupCase',
          description: '按本人办件编号返回证照情况；可以签署取件委托时附委托书草稿（证件号码已脱敏）。',
          security,
          params: Type.Object({ caseNumber: CaseNumber }, { additionalProperties: false }),
          response: replies(PickupCaseSchema, [401, 404]),
        },
      },
      async (request) => pickupCase(ctx, requireUser(request).id, request.params.caseNumber),
    )

    app.get(
      '/pickup/addresses',
      {
        schema: {
          tags: citizen,
          summary: '常用收件地址',
          operationId: 'listAddresses',
          description: '返回当前用户保存的常用收件地址（电话已脱敏）。',
          security,
          response: replies(Type.Object({ addresses: Type.Array(AddressSchema) }), [401]),
        },
      },
      async (request) => ({ addresses: await listAddresses(ctx, requireUser(request).id) }),
    )

    app.delete(
      '/pickup/addresses/:id',
      {
        schema: {
          tags: citizen,
          summary: '删除常用收件地址',
          operationId: 'deleteAddress',
          description: '删除本人的一条常用收件地址。',
          security,
          params: IdParams,
          response: replies(Ok, [401, 404]),
        },
      },
      async (request) => {
        if (!(await repo.deleteAddress(ctx.db, requireUser(request).id, request.params.id))) throw notFound('常用地址不存在')
        return { ok: true as const }
      },
    )

    app.post(
      '/authorizations',
      {
        config: { auth: 'realname' },
        schema: {
          tags: citizen,
          summary: '签署取件委托书（EMS寄递或委托代领）',
          operationId: 'signAuthorization',
          description: '申请人手写签名，签署取件委托书（EMS 寄递或委托他人代领）；委托书内容经电子签名固定，个人信息加密存储。',
          security,
          body: SignBody,
          response: replies(AuthorizationSchema, [401, 403, 404, 409, 422], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await signAuthorization(ctx, requireUser(request).id, request.body)),
    )

    app.get(
      '/authorizations/:id',
      {
        schema: {
          tags: citizen,
          summary: '我的取件委托：状态、寄递进度和取件码',
          operationId: 'getAuthorization',
          description: '返回本人的取件委托：状态、寄递进度，委托代领待领取时含取件码及其二维码。',
          security,
          params: IdParams,
          response: replies(AuthorizationSchema, [401, 404, 409]),
        },
      },
      async (request) => authorizationForPrincipal(ctx, requireUser(request).id, request.params.id),
    )

    app.get(
      '/authorizations/:id/tracking',
      {
        schema: {
          tags: citizen,
          summary: '我的证照寄递轨迹（邮政EMS）',
          operationId: 'getAuthorizationTracking',
          description: '返回本人EMS寄递委托的邮政轨迹（最新的在前）和最近一次查询时间；仅委托人本人可查看。',
          security,
          params: IdParams,
          response: replies(TrackingSchema, [401, 404]),
        },
      },
      async (request) => trackingForPrincipal(ctx, requireUser(request).id, request.params.id),
    )

    app.get(
      '/authorizations/:id/pdf',
      {
        schema: {
          tags: citizen,
          summary: '下载取件委托书 PDF（委托人、该服务中心证照发放人员、该办件的预审人员）',
          operationId: 'downloadAuthorizationPdf',
          description: '下载已签署的取件委托书 PDF；仅委托人、该服务中心的证照发放人员和该办件的预审人员可下载。',
          security,
          params: IdParams,
          response: replies(Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), [401, 403, 404, 409]),
        },
      },
      async (request, reply) => {
        const row = await authorizationForPdf(ctx, requireUser(request), request.params.id)
        const pdf = await authorizationPdf(ctx, row)
        return reply
          .type('application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${row.number}.pdf"`)
          .send(pdf)
      },
    )

    app.get(
      '/authorizations/:id/verify',
      {
        schema: {
          tags: citizen,
          summary: '核验委托书：重新计算摘要和电子签名，检查内容、签名和文件是否被改动',
          operationId: 'verifyAuthorization',
          description: '重新计算委托书的摘要并核验电子签名，逐项列出内容、签名和文件是否完好。',
          security,
          params: IdParams,
          response: replies(VerificationSchema, [401, 403, 404, 409]),
        },
      },
      async (request) => verifyAuthorization(ctx, (await accessibleAuthorization(ctx, requireUser(request), request.params.id)).row),
    )

    await app.register(staffPickupRoutes(ctx))
  }
