import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { IdParams, Ok, replies } from '../../core/schemas'
import { authorizationForClerk, checkAgent, hallLicences, issueLicence, markCollected, pendingCases, recordDeliveryEvent, recordShipment } from './hall'
import * as repo from './repository'
import {
  AddressSchema,
  AuthorizationSchema,
  CaseNumber,
  ClerkAuthorizationSchema,
  EventBody,
  HallId,
  HallLicenceStateSchema,
  LicenceSchema,
  PendingCaseSchema,
  PickupCaseSchema,
  SignBody,
  VerificationSchema,
} from './schemas'
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

const security = [{ bearer: [] }]
const citizen = ['pickup']
const hall = ['pickup-staff']

export const pickupRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/pickup/licences',
      { schema: { tags: citizen, summary: '我的证照与取件委托', security, response: replies(Type.Object({ licences: Type.Array(LicenceSchema) }), [401]) } },
      async (request) => ({ licences: await listMyLicences(ctx, requireUser(request).id) }),
    )

    app.get(
      '/pickup/cases/:caseNumber',
      {
        schema: {
          tags: citizen,
          summary: '按办件编号查看证照及可签署的委托书草稿',
          security,
          params: Type.Object({ caseNumber: CaseNumber }, { additionalProperties: false }),
          response: replies(PickupCaseSchema, [401, 404]),
        },
      },
      async (request) => pickupCase(ctx, requireUser(request).id, request.params.caseNumber),
    )

    app.get(
      '/pickup/addresses',
      { schema: { tags: citizen, summary: '常用收件地址', security, response: replies(Type.Object({ addresses: Type.Array(AddressSchema) }), [401]) } },
      async (request) => ({ addresses: await listAddresses(ctx, requireUser(request).id) }),
    )

    app.delete(
      '/pickup/addresses/:id',
      { schema: { tags: citizen, summary: '删除常用收件地址', security, params: IdParams, response: replies(Ok, [401, 404]) } },
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
          security,
          body: SignBody,
          response: replies(AuthorizationSchema, [401, 403, 404, 409, 422], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await signAuthorization(ctx, requireUser(request).id, request.body)),
    )

    app.get(
      '/authorizations/:id',
      { schema: { tags: citizen, summary: '我的取件委托：状态、寄递进度和取件码', security, params: IdParams, response: replies(AuthorizationSchema, [401, 404, 409]) } },
      async (request) => authorizationForPrincipal(ctx, requireUser(request).id, request.params.id),
    )

    app.get(
      '/authorizations/:id/pdf',
      {
        schema: {
          tags: citizen,
          summary: '下载取件委托书 PDF（委托人、该服务中心证照发放人员、该办件的预审人员）',
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
          security,
          params: IdParams,
          response: replies(VerificationSchema, [401, 403, 404, 409]),
        },
      },
      async (request) => verifyAuthorization(ctx, (await accessibleAuthorization(ctx, requireUser(request), request.params.id)).row),
    )

    app.get(
      '/staff/pickup/licences',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '本中心证照：待签委托 ready、待寄出/待领取 awaiting、已寄出 shipped、已办结 done',
          security,
          querystring: Type.Object({ hallId: HallId, state: HallLicenceStateSchema }, { additionalProperties: false }),
          response: replies(Type.Object({ licences: Type.Array(LicenceSchema) }), [401, 403]),
        },
      },
      async (request) => ({ licences: await hallLicences(ctx, request, request.query.hallId, request.query.state) }),
    )

    app.get(
      '/staff/pickup/pending',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '待出证：本中心预审通过、尚未出证登记的办件（可按办件编号或脱敏姓名检索）',
          security,
          querystring: Type.Object(
            { hallId: HallId, q: Type.Optional(Type.String({ maxLength: 40, description: '办件编号的一部分，或申请人脱敏姓名（如 张 或 张*）' })) },
            { additionalProperties: false },
          ),
          response: replies(Type.Object({ cases: Type.Array(PendingCaseSchema) }), [401, 403]),
        },
      },
      async (request) => ({ cases: await pendingCases(ctx, request, request.query.hallId, request.query.q) }),
    )

    app.post(
      '/staff/pickup/licences',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '出证登记：办件的证照已制证，可交付申请人',
          security,
          body: Type.Object({ caseNumber: CaseNumber }, { additionalProperties: false }),
          response: replies(LicenceSchema, [401, 403, 404, 409, 422], 201),
        },
      },
      async (request, reply) => reply.code(201).send(await issueLicence(ctx, request, request.body.caseNumber)),
    )

    app.get(
      '/staff/pickup/authorizations/:id',
      {
        config: { auth: 'clerk' },
        schema: { tags: hall, summary: '委托详情（含寄递信息）', security, params: IdParams, response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409]) },
      },
      async (request) => authorizationForClerk(ctx, request, request.params.id),
    )

    app.post(
      '/staff/pickup/authorizations/:id/shipment',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '登记EMS单号（S10 校验位）并寄出',
          security,
          params: IdParams,
          body: Type.Object({ emsNumber: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false }),
          response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409]),
        },
      },
      async (request) => recordShipment(ctx, request, request.params.id, request.body.emsNumber),
    )

    app.post(
      '/staff/pickup/authorizations/:id/events',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '登记寄递进度（transit）或签收（delivered）',
          security,
          params: IdParams,
          body: EventBody,
          response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409]),
        },
      },
      async (request) => recordDeliveryEvent(ctx, request, request.params.id, request.body.kind, request.body.note),
    )

    app.post(
      '/staff/pickup/agent-checks',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '窗口核验代领人：取件码 + 代领人身份证号',
          security,
          body: Type.Object(
            { code: Type.String({ minLength: 1, maxLength: 200 }), idNumber: Type.String({ minLength: 1, maxLength: 30 }) },
            { additionalProperties: false },
          ),
          response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409, 422]),
        },
      },
      async (request) => checkAgent(ctx, request, request.body.code, request.body.idNumber),
    )

    app.post(
      '/staff/pickup/authorizations/:id/collect',
      {
        config: { auth: 'clerk' },
        schema: { tags: hall, summary: '代领人已领取', security, params: IdParams, response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409]) },
      },
      async (request) => markCollected(ctx, request, request.params.id),
    )
  }
