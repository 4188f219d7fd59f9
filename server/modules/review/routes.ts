import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import multipart from '@fastify/multipart'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { AppError, badRequest, notFound } from '../../core/errors'
import { Ok, replies } from '../../core/schemas'
import * as repo from './repository'
import {
  CaseDetailSchema,
  CaseFileParams,
  CaseIdParams,
  CaseMaterialParams,
  CaseSummarySchema,
  CreateCaseBody,
  FileSchema,
  SubmitBody,
  UploadQuery,
  WithdrawBody,
} from './schemas'
import { acceptUpload, contentDisposition, deleteUpload, openStored, prepareUpload } from './files'
import { createCase, submitCase, withdrawCase } from './service'
import { storageFor } from './storage-for'
import { guarded } from './upload-guard'
import { buildCaseDetail, toCaseSummary } from './views'
import { staffReviewRoutes } from './staff-routes'

const security = [{ bearer: [] }]
const CaseReply = Type.Object({ case: CaseDetailSchema })
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '文件内容（图片或PDF）' })
/** The largest per-material limit in the catalog; each upload is held to its own material's limit. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export const reviewRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const storage = storageFor(ctx)
    // Files stored before encryption at rest, or under a retired data key, are brought under the current key.
    // Beside the start, not before it: a large or unreachable bucket must not hold the start up (uploads answer 503
    // until the bucket answers, and the hourly job repeats the rewrap).
    const rewrapping = storage
      .rewrapAll()
      .then((rewrap) => rewrap.unreadable && ctx.log.error(rewrap, 'stored files under a data key that is no longer configured'))
      .catch((error: unknown) => ctx.log.error({ err: error }, 'stored files could not be rewrapped'))
    app.addHook('onClose', async () => {
      await rewrapping
      storage.close?.()
    })
    const limit = (max: number) => (ctx.config.rateLimit ? { max, timeWindow: '1 minute' } : false)
    // Multipart only here: one file per request, a few form fields at most (@fastify/busboy reads names as UTF-8).
    await app.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
    })

    const detailOf = async (id: string, viewer: 'applicant' | 'reviewer') => {
      const found = await repo.findCase(ctx.db, id)
      if (!found) throw notFound('办件不存在')
      return { case: await buildCaseDetail(ctx, found, viewer) }
    }
    const ownCase = async (userId: string, id: string) => {
      const found = await repo.findCase(ctx.db, id)
      if (!found || found.user_id !== userId) throw notFound('办件不存在')
      return found
    }
    const sendFile = async (reply: FastifyReply, file: repo.FileRow) => {
      const stored = await openStored(storage, file)
      return reply
        .type(file.mime_type)
        .header('content-length', stored.size)
        .header('content-disposition', contentDisposition(file.original_name))
        .header('cache-control', 'private, no-store')
        .send(stored.stream)
    }

    // ------------------------------------------------------------ applicant

    app.post(
      '/cases',
      {
        config: { auth: 'realname' },
        schema: {
          tags: ['review'],
          summary: '新建材料预审办件（草稿）',
          operationId: 'createCase',
          description: '已实名的申请人为某服务中心的某事项新建材料预审办件（草稿），之后逐项上传材料。',
          security,
          body: CreateCaseBody,
          response: replies(CaseReply, [401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const userId = requireUser(request).id
        const id = await createCase(ctx, userId, request.body.itemId, request.body.hallId)
        return reply.code(201).send(await detailOf(id, 'applicant'))
      },
    )

    app.get(
      '/cases',
      {
        schema: {
          tags: ['review'],
          summary: '我的办件',
          operationId: 'listMyCases',
          description: '返回当前用户的全部办件及其状态和补正、后补期限。',
          security,
          response: replies(Type.Object({ cases: Type.Array(CaseSummarySchema) }), [401]),
        },
      },
      async (request) => ({ cases: (await repo.listCasesOfUser(ctx.db, requireUser(request).id)).map(toCaseSummary) }),
    )

    app.get(
      '/cases/:id',
      {
        schema: {
          tags: ['review'],
          summary: '办件详情（材料、检查结果、一次性告知书）',
          operationId: 'getCase',
          description: '返回本人办件的详情：每项材料的文件与自动检查结果、预审意见、一次性告知书和办理记录。',
          security,
          params: CaseIdParams,
          response: replies(CaseReply, [401, 404]),
        },
      },
      async (request) => {
        await ownCase(requireUser(request).id, request.params.id)
        return detailOf(request.params.id, 'applicant')
      },
    )

    app.post(
      '/cases/:id/materials/:code/files',
      {
        config: { rateLimit: limit(60) },
        schema: {
          tags: ['review'],
          summary: '上传材料文件（multipart，字段 file；自动检查类型、大小、分辨率、空白、模糊、PDF加密与脚本）',
          operationId: 'uploadCaseFile',
          description:
            'multipart 上传一项材料的文件（字段 file）；自动检查类型、大小、分辨率、空白、模糊、PDF 加密与脚本，不通过时返回 4xx 和原因。可用 replaces 更换同一材料的文件。',
          security,
          consumes: ['multipart/form-data'],
          params: CaseMaterialParams,
          querystring: UploadQuery,
          response: replies(Type.Object({ file: FileSchema }), [401, 404, 409, 413, 415, 422], 201),
        },
      },
      async (request, reply) => {
        const userId = requireUser(request).id
        const { id, code } = request.params
        const { replaces } = request.query
        if (!request.isMultipart()) throw new AppError(415, 'NOT_MULTIPART', '请以 multipart/form-data 方式上传文件')
        // Refuse before reading the body: someone else's case, a locked material, a full material.
        const target = await prepareUpload(ctx, userId, id, code, replaces)
        // A parser that stops consuming the body (a malformed part) is answered 400 instead of waiting forever.
        const file = await guarded(request.raw, async ({ progressed, finished, stalled }) => {
          let part
          try {
            part = await Promise.race([request.file({ limits: { fileSize: target.maxBytes } }), stalled])
          } catch (error) {
            if (error instanceof AppError) throw error
            throw badRequest('UPLOAD_INCOMPLETE', '文件上传未完成，请检查网络后重试')
          }
          if (!part) throw badRequest('NO_FILE', '请选择要上传的文件')
          progressed()
          stalled.catch((error: Error) => part.file.destroy(error))
          part.file.once('end', finished)
          return acceptUpload(ctx, storage, {
            userId,
            caseId: id,
            code,
            replaces,
            target,
            file: { stream: part.file, filename: part.filename, truncated: () => part.file.truncated, onChunk: progressed },
          })
        }).catch((error: unknown) => {
          // The rest of the body is never read: close the connection after the answer.
          if (error instanceof AppError && error.code === 'UPLOAD_MALFORMED') reply.header('connection', 'close')
          throw error
        })
        return reply.code(201).send({ file })
      },
    )

    app.delete(
      '/cases/:id/files/:fileId',
      {
        schema: {
          tags: ['review'],
          summary: '删除材料文件',
          operationId: 'deleteCaseFile',
          description: '删除本人办件中可编辑材料的一个文件；已提交的办件返回 409。',
          security,
          params: CaseFileParams,
          response: replies(Ok, [401, 404, 409]),
        },
      },
      async (request) => {
        await deleteUpload(ctx, storage, requireUser(request).id, request.params.id, request.params.fileId)
        return { ok: true as const }
      },
    )

    app.get(
      '/cases/:id/files/:fileId',
      {
        schema: {
          tags: ['review'],
          summary: '查看材料文件（仅申请人）',
          operationId: 'getCaseFile',
          description: '申请人下载本人办件中的材料文件。',
          security,
          params: CaseFileParams,
          response: replies(Binary, [401, 404]),
        },
      },
      async (request, reply) => {
        await ownCase(requireUser(request).id, request.params.id)
        const file = await repo.findFile(ctx.db, request.params.id, request.params.fileId)
        if (!file) throw notFound('文件不存在')
        return sendFile(reply, file)
      },
    )

    app.post(
      '/cases/:id/submit',
      {
        schema: {
          tags: ['review'],
          summary: '提交预审（可对容缺后补材料选择容缺并确认承诺书）',
          operationId: 'submitCase',
          description: '提交办件预审；选择容缺后补的材料时须确认容缺受理承诺书版本。材料不全返回 409。',
          security,
          params: CaseIdParams,
          body: SubmitBody,
          response: replies(CaseReply, [401, 404, 409, 422]),
        },
      },
      async (request) => {
        await submitCase(ctx, requireUser(request).id, request.params.id, request.body)
        return detailOf(request.params.id, 'applicant')
      },
    )

    app.post(
      '/cases/:id/withdraw',
      {
        schema: {
          tags: ['review'],
          summary: '撤回办件',
          operationId: 'withdrawCase',
          description: '申请人撤回尚未办结的办件，可附原因。',
          security,
          params: CaseIdParams,
          body: WithdrawBody,
          response: replies(CaseReply, [401, 404, 409]),
        },
      },
      async (request) => {
        await withdrawCase(ctx, requireUser(request).id, request.params.id, request.body.reason)
        return detailOf(request.params.id, 'applicant')
      },
    )

    await app.register(staffReviewRoutes(ctx, { detailOf, sendFile }))
  }
