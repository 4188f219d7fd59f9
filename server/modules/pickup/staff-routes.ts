import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { HallId, IdParams, replies } from '../../core/schemas'
import { authorizationForClerk, checkAgent, hallLicences, issueLicence, markCollected, pendingCases, recordDeliveryEvent, recordShipment } from './hall'
import { CaseNumber, ClerkAuthorizationSchema, EventBody, HallLicenceStateSchema, LicenceSchema, PendingCaseSchema } from './schemas'

const security = [{ bearer: [] }]
const hall = ['pickup-staff']

/** Clerk routes of certificate pickup (their hall only): licences, 待出证, shipments, agent checks, hand-over. */
export const staffPickupRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
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
