import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { requireUser } from '../../core/auth'
import { notFound } from '../../core/errors'
import { IdParams, replies } from '../../core/schemas'
import { divisionChoices } from '../../../src/domain/enterprise-name/divisions'
import { ENTITY_TYPE_LABELS } from '../../../src/domain/enterprise-name/forms'
import { INDUSTRY_LIST_VERSION, searchIndustries } from '../../../src/domain/enterprise-name/industries'
import { REVIEW_NOTICE } from '../../../src/domain/enterprise-name/reservation'
import { shanghaiDate } from '../../../src/domain/time'
import { divisionData } from '../../core/divisions'
import * as repo from './repository'
import {
  CheckBody,
  CheckResultSchema,
  DivisionSchema,
  IndustrySchema,
  LocationCode,
  LocationSchema,
  ReservationSchema,
  ReserveBody,
  type ReservationView,
} from './schemas'
import { publicFinding } from './grades'
import { checkName, locationOf, releaseName, reserveName } from './service'

const security = [{ bearer: [] }]
const tags = ['name']

export function toReservationView(row: repo.ReservationRow): ReservationView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    parts: row.parts,
    entityType: row.entity_type,
    entityTypeLabel: ENTITY_TYPE_LABELS[row.entity_type],
    foreignInvested: row.foreign_invested,
    locationCode: row.location_code,
    locationLabel: divisionData().location(row.location_code)?.label ?? row.location_code,
    preApproval: row.pre_approval,
    status: row.status,
    reservedAt: row.reserved_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    // The reservation ends at midnight after its last day.
    lastDay: shanghaiDate(new Date(row.expires_at.getTime() - 1)),
    endedAt: row.ended_at?.toISOString() ?? null,
    riskConfirmed: row.risk_confirmed,
    commitment: { version: row.commitment_version, text: row.commitment_text },
    findings: row.findings as ReservationView['findings'],
    notice: REVIEW_NOTICE,
  }
}

export const nameRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/names/divisions',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '行政区划（省 → 市 → 区县），不传 parent 时返回省级',
          operationId: 'listDivisions',
          description: '公开接口。按 GB/T 2260 逐级返回行政区划：不传 parent 时为省级，传省或市代码时为其下一级。',
          querystring: Type.Object({ parent: Type.Optional(LocationCode) }, { additionalProperties: false }),
          response: replies(Type.Object({ divisions: Type.Array(DivisionSchema) }), [404]),
        },
      },
      async (request) => {
        const data = divisionData()
        const divisions = request.query.parent ? data.childrenOf(request.query.parent) : data.provinces
        if (!divisions) throw notFound('行政区划不存在')
        return { divisions }
      },
    )

    app.get(
      '/names/locations/:code',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '所在地（区县）及名称中可使用的行政区划',
          operationId: 'getNameLocation',
          description: '公开接口。返回所在地区县、所属市和省，以及企业名称中可使用的行政区划写法。',
          params: Type.Object({ code: LocationCode }, { additionalProperties: false }),
          response: replies(Type.Object({ location: LocationSchema })),
        },
      },
      async (request) => {
        const location = locationOf(request.params.code)
        return { location: { ...location, divisionChoices: divisionChoices(location) } }
      },
    )

    app.get(
      '/names/industries',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '行业表述（依据 GB/T 4754 整理）搜索',
          operationId: 'searchIndustries',
          description: '公开接口。按关键词搜索行业表述（依据 GB/T 4754 整理）。',
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 20, title: '搜索词' })) }, { additionalProperties: false }),
          response: replies(
            Type.Object({
              version: Type.String(),
              industries: Type.Array(IndustrySchema),
            }),
          ),
        },
      },
      async (request) => ({ version: INDUSTRY_LIST_VERSION, industries: searchIndustries(request.query.q ?? '') }),
    )

    app.post(
      '/names/check',
      {
        config: { auth: 'public', rateLimit: ctx.config.rateLimit ? { max: 120, timeWindow: '1 minute' } : false },
        schema: {
          tags,
          summary: '企业名称自主申报检查：字词按禁用、限用、提示分级，知名字号提示，结构、相同相近比对，列出全部问题',
          operationId: 'checkName',
          description: '公开接口。检查拟申报的企业名称：禁用、限用、提示字词分级，结构检查，与登记和保留名称的相同相近比对；一次列出全部问题。',
          body: CheckBody,
          response: replies(CheckResultSchema),
        },
      },
      async (request) => {
        const outcome = await checkName(ctx.db, ctx.clock.now(), request.body, request.user?.id ?? null)
        return { verdict: outcome.verdict, name: outcome.name, parts: outcome.parts, findings: outcome.findings.map((f) => publicFinding(f)) }
      },
    )

    app.post(
      '/names/reservations',
      {
        config: { auth: 'realname' },
        schema: {
          tags,
          summary: '确认承诺书并保留名称（保留期 2 个月，须前置审批的 1 年）',
          operationId: 'reserveName',
          description: '确认承诺书后保留名称；检查有禁用问题时拒绝，有限用字词时须填写批准文件。同一范围内已有相同名称时返回 409。',
          security,
          body: ReserveBody,
          response: replies(Type.Object({ reservation: ReservationSchema }), [401, 403, 409, 422], 201),
        },
      },
      async (request, reply) => {
        const row = await reserveName(ctx, requireUser(request).id, request.body)
        return reply.code(201).send({ reservation: toReservationView(row) })
      },
    )

    app.get(
      '/names/reservations',
      {
        schema: {
          tags,
          summary: '我的名称（保留记录）',
          operationId: 'listMyNames',
          description: '返回当前用户的全部名称保留记录。',
          security,
          response: replies(Type.Object({ reservations: Type.Array(ReservationSchema) }), [401]),
        },
      },
      async (request) => ({
        reservations: (await repo.listReservations(ctx.db, requireUser(request).id, ctx.clock.now())).map(toReservationView),
      }),
    )

    app.get(
      '/names/reservations/:id',
      {
        schema: {
          tags,
          summary: '名称自主申报告知书',
          operationId: 'getReservation',
          description: '返回本人一条名称保留记录及告知书内容。',
          security,
          params: IdParams,
          response: replies(Type.Object({ reservation: ReservationSchema }), [401, 404]),
        },
      },
      async (request) => {
        const row = await repo.findReservation(ctx.db, request.params.id, requireUser(request).id, ctx.clock.now())
        if (!row) throw notFound('名称保留记录不存在')
        return { reservation: toReservationView(row) }
      },
    )

    app.post(
      '/names/reservations/:id/release',
      {
        schema: {
          tags,
          summary: '放弃保留的名称',
          operationId: 'releaseReservation',
          description: '放弃本人保留中的名称，名称立即可被他人申报；已失效的返回 409。',
          security,
          params: IdParams,
          response: replies(Type.Object({ reservation: ReservationSchema }), [401, 404, 409]),
        },
      },
      async (request) => ({ reservation: toReservationView(await releaseName(ctx, requireUser(request).id, request.params.id)) }),
    )
  }
