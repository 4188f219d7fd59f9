import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import type { FastifyRequest } from 'fastify'
import { requireStaffAt, requireUser } from '../../core/auth'
import { IdParams, Ok, replies } from '../../core/schemas'
import { StaffAnsweredBody, StaffExportBody, StaffExportSchema, StaffLookupBody, StaffSubjectSchema } from './schemas'
import { findSubject, recordAnswered, staffExport } from './service'

const security = [{ bearer: [] }]

/** The caller's user id, once they are shown to be window staff (or admin) of `hallId`. */
const windowStaff = (request: FastifyRequest, hallId: string) => {
  requireStaffAt(request, 'staff', hallId)
  return requireUser(request).id
}

/** Window staff answer a person's data request (their hall only); every call is audited with its reason. */
export const staffPrivacyRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/staff/privacy/lookups',
      {
        config: { auth: 'staff' },
        schema: {
          tags: ['privacy'],
          summary: '窗口：按核验过的身份证号查找个人信息（含已注销账号的保留记录）',
          operationId: 'staffPrivacyLookup',
          description: '窗口工作人员核验本人身份证后，按身份证号（盲索引）查找账号或已注销账号保留的行政记录，返回各类信息条数；须填写查询事由，记入审计日志。',
          security,
          body: StaffLookupBody,
          response: replies(StaffSubjectSchema, [400, 401, 403, 404]),
        },
      },
      async (request) => {
        return findSubject(ctx, windowStaff(request, request.body.hallId), request.body.hallId, request.body.idNumber, request.body.reason)
      },
    )

    app.post(
      '/staff/privacy/subjects/:id/export',
      {
        config: { auth: 'staff' },
        schema: {
          tags: ['privacy'],
          summary: '窗口：导出本人的个人信息（JSON）',
          operationId: 'staffPrivacyExport',
          description: '为到窗口申请的本人导出其全部个人信息（JSON），须填写事由，记入审计日志。',
          security,
          params: IdParams,
          body: StaffExportBody,
          response: replies(StaffExportSchema, [401, 403, 404]),
        },
      },
      async (request) => {
        return staffExport(ctx, windowStaff(request, request.body.hallId), request.body.hallId, request.params.id, request.body.reason)
      },
    )

    app.post(
      '/staff/privacy/subjects/:id/answered',
      {
        config: { auth: 'staff' },
        schema: {
          tags: ['privacy'],
          summary: '窗口：登记个人信息请求已答复',
          operationId: 'staffPrivacyAnswered',
          description: '登记本人在窗口提出的查阅、复制、更正、删除或撤回同意请求已办理及其结果，记入审计日志。',
          security,
          params: IdParams,
          body: StaffAnsweredBody,
          response: replies(Ok, [401, 403, 404]),
        },
      },
      async (request) => {
        return recordAnswered(ctx, windowStaff(request, request.body.hallId), request.body.hallId, request.params.id, request.body.kind, request.body.note)
      },
    )
  }
