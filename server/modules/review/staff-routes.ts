import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { AppContext } from '../../core/context'
import { requireStaffAt, requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { replies } from '../../core/schemas'
import * as repo from './repository'
import { CaseDetailSchema, CaseFileParams, CaseIdParams, CaseMaterialParams, DecisionBody, MarkBody, QueueEntrySchema, QueueQuery } from './schemas'
import { decideCase, markMaterial, openCase, refuseJoint, reviewQueue, reviewableCase } from './service'
import { buildCaseDetail } from './views'

const security = [{ bearer: [] }]
const CaseReply = Type.Object({ case: CaseDetailSchema })
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '文件内容（图片或PDF）' })

/** What the reviewer routes share with the applicant's (routes.ts): the case detail and a stored file's download. */
export interface ReviewRouteHelpers {
  detailOf: (id: string, viewer: 'applicant' | 'reviewer') => Promise<{ case: Awaited<ReturnType<typeof buildCaseDetail>> }>
  sendFile: (reply: FastifyReply, file: repo.FileRow) => Promise<FastifyReply>
}

/** Reviewer routes of pre-review (their hall only): the queue, a case, opening it, marking materials, the decision, the files. */
export const staffReviewRoutes =
  (ctx: AppContext, { detailOf, sendFile }: ReviewRouteHelpers): FastifyPluginAsyncTypebox =>
  async (app) => {
    const hallCase = async (request: Parameters<typeof requireUser>[0], id: string) => {
      const found = await reviewableCase(ctx.db, id)
      requireStaffAt(request, 'reviewer', found.hall_id)
      return found
    }
    /** A reviewer's step on a case of their hall (`act`, none to only look), answered with the case as it is after it. */
    const reviewStep = async (request: Parameters<typeof requireUser>[0] & { params: { id: string } }, act?: (found: repo.CaseRow) => Promise<unknown>) => {
      const found = await hallCase(request, request.params.id)
      if (act) refuseJoint(found)
      await act?.(found)
      return detailOf(request.params.id, 'reviewer')
    }

    app.get(
      '/review/queue',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['review'],
          summary: '预审队列（已提交、预审中，最早提交的在前）',
          operationId: 'getReviewQueue',
          description: '预审人员接口。返回本服务中心已提交和预审中的办件，最早提交的在前，含距承诺时限的剩余时间。',
          security,
          querystring: QueueQuery,
          response: replies(Type.Object({ cases: Type.Array(QueueEntrySchema) }), [401, 403]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'reviewer', request.query.hallId)
        return { cases: await reviewQueue(ctx, request.query.hallId) }
      },
    )

    app.get(
      '/review/cases/:id',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['review'],
          summary: '预审办件详情',
          operationId: 'getReviewCase',
          description: '预审人员接口。返回办件详情及脱敏的申请人信息。',
          security,
          params: CaseIdParams,
          response: replies(CaseReply, [401, 403, 404]),
        },
      },
      async (request) => reviewStep(request),
    )

    app.post(
      '/review/cases/:id/open',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['review'],
          summary: '开始预审（已提交 → 预审中）',
          operationId: 'openReviewCase',
          description: '预审人员接口。开始预审，办件由已提交变为预审中；他人已开始时返回 409。',
          security,
          params: CaseIdParams,
          response: replies(CaseReply, [401, 403, 404, 409]),
        },
      },
      async (request) => reviewStep(request, (found) => openCase(ctx, requireUser(request).id, found)),
    )

    app.put(
      '/review/cases/:id/materials/:code',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['review'],
          summary: '标记材料通过或有问题（附原因）',
          operationId: 'markMaterial',
          description: '预审人员接口。标记一项材料通过或有问题，有问题时须附原因。',
          security,
          params: CaseMaterialParams,
          body: MarkBody,
          response: replies(CaseReply, [401, 403, 404, 409]),
        },
      },
      async (request) => reviewStep(request, () => markMaterial(ctx, requireUser(request).id, request.params.id, request.params.code, request.body)),
    )

    app.post(
      '/review/cases/:id/decision',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['review'],
          summary: '预审决定：通过 / 需补正 / 容缺通过 / 不予受理',
          operationId: 'decideCase',
          description: '预审人员接口。作出预审决定：通过、需补正（生成一次性告知书）、容缺通过或不予受理（须写明理由和有权机关）。',
          security,
          params: CaseIdParams,
          body: DecisionBody,
          response: replies(CaseReply, [401, 403, 404, 409, 422]),
        },
      },
      async (request) => reviewStep(request, () => decideCase(ctx, requireUser(request).id, request.params.id, request.body)),
    )

    app.get(
      '/review/cases/:id/files/:fileId',
      {
        config: { auth: 'reviewer' },
        schema: {
          tags: ['review'],
          summary: '查看材料文件（本服务中心预审人员）',
          operationId: 'getReviewCaseFile',
          description: '预审人员接口。下载本服务中心办件中的材料文件。',
          security,
          params: CaseFileParams,
          response: replies(Binary, [401, 403, 404]),
        },
      },
      async (request, reply) => {
        await hallCase(request, request.params.id)
        const file = await repo.findFile(ctx.db, request.params.id, request.params.fileId)
        if (!file) throw notFound('文件不存在')
        return sendFile(reply, file)
      },
    )
  }
