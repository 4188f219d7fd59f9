import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { HallId, IdParams, Ok, replies } from '../../core/schemas'
import { authorizationForClerk, checkAgent, hallLicences, issueLicence, markCollected, pendingCases, recordDeliveryEvent, recordShipment } from './hall'
import * as repo from './repository'
import {
  AddressSchema,
  AuthorizationSchema,
  CaseNumber,
  ClerkAuthorizationSchema,
  EventBody,
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

    app.get(
      '/staff/pickup/licences',
      {
        config: { auth: 'clerk' },
        schema: {
          tags: hall,
          summary: '本中心证照：待签委托 ready、待寄出/待领取 awaiting、已寄出 shipped、已办结 done',
          operationId: 'listHallLicences',
          description: '证照发放人员接口。按状态列出本服务中心的证照及其取件委托。',
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
          operationId: 'listPendingCases',
          description: '证照发放人员接口。列出本服务中心预审通过、尚未出证登记的办件。',
          security,
          querystring: Type.Object(
            {
              hallId: HallId,
              q: Type.Optional(Type.String({ maxLength: 40, title: '搜索词', description: '办件编号的一部分，或申请人脱敏姓名（如 张 或 张*）' })),
            },
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
          operationId: 'issueLicence',
          description: '证照发放人员接口。登记预审通过的办件已制证，之后申请人可签署取件委托。',
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
        schema: {
          tags: hall,
          summary: '委托详情（含寄递信息）',
          operationId: 'getClerkAuthorization',
          description: '证照发放人员接口。返回一份取件委托的详情；EMS 寄递时含收件人、电话和地址，用于填写运单。',
          security,
          params: IdParams,
          response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409]),
        },
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
          operationId: 'recordShipment',
          description: '证照发放人员接口。登记 EMS 单号（按 S10 校验位检查）并将委托置为已寄出。',
          security,
          params: IdParams,
          body: Type.Object({ emsNumber: Type.String({ minLength: 1, maxLength: 30, title: 'EMS 单号' }) }, { additionalProperties: false }),
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
          operationId: 'recordDeliveryEvent',
          description: '证照发放人员接口。登记寄递途中进度，或登记已签收并办结。',
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
          operationId: 'checkAgent',
          description: '证照发放人员接口。凭取件码和代领人身份证号核验代领人，核验通过后返回委托详情。',
          security,
          body: Type.Object(
            {
              code: Type.String({ minLength: 1, maxLength: 200, title: '取件码' }),
              idNumber: Type.String({ minLength: 1, maxLength: 30, title: '代领人身份证号' }),
            },
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
        schema: {
          tags: hall,
          summary: '代领人已领取',
          operationId: 'markCollected',
          description: '证照发放人员接口。登记核验通过的代领人已领取证照，委托办结。',
          security,
          params: IdParams,
          response: replies(ClerkAuthorizationSchema, [401, 403, 404, 409]),
        },
      },
      async (request) => markCollected(ctx, request, request.params.id),
    )
  }
