import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../core/context'
import { findSessionUser, requireUser, type AuthUser } from '../../core/auth'
import { badRequest } from '../../core/errors'
import { HallId, IdParams, replies } from '../../core/schemas'
import { QueueLive } from './live'
import { CheckinBody, HallQueueStatusSchema, TakeBody, TicketSchema } from './schemas'
import * as queue from './service'
import { staffQueueRoutes } from './staff-routes'

const security = [{ bearer: [] }]
const tags = ['queue']
/** A live connection that has not authenticated by then is closed. */
const AUTH_TIMEOUT_MS = 10_000

export const queueRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const live = new QueueLive()
    await live.start(ctx.db)
    app.addHook('onClose', () => live.stop())

    app.get(
      '/queue/halls/:hallId/status',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: '服务中心各业务类别的排队人数、预计等待和剩余号源',
          operationId: 'getHallQueueStatus',
          description: '返回服务中心各业务类别的已签到排队人数、预计等待时间范围和今日剩余号源；不能网上取号时给出原因。',
          params: Type.Object({ hallId: HallId }, { additionalProperties: false }),
          response: replies(HallQueueStatusSchema, [404]),
        },
      },
      async (request) => queue.hallQueueStatus(ctx, request.params.hallId),
    )

    app.post(
      '/queue/tickets',
      {
        config: { auth: 'realname' },
        schema: {
          tags,
          summary: '网上取号（需实名；开放时间内、截止时间前；每人每类每日一个有效号）',
          operationId: 'takeTicket',
          description: '为已实名的市民在指定服务中心和业务类别取号；取号后须在签到截止时间前到厅签到才进入排队。重复取号返回 409。',
          security,
          body: TakeBody,
          response: replies(TicketSchema, [401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const ticket = await queue.takeTicket(ctx, requireUser(request).id, request.body.hallId, request.body.categoryId)
        return reply.code(201).send(ticket)
      },
    )

    app.get(
      '/queue/tickets',
      {
        schema: {
          tags,
          summary: '我的排号（近 7 天）',
          operationId: 'listMyTickets',
          description: '返回当前用户近 7 天的排队号及其状态。',
          security,
          response: replies(Type.Object({ tickets: Type.Array(TicketSchema) }), [401]),
        },
      },
      async (request) => ({ tickets: await queue.listMyTickets(ctx, requireUser(request).id) }),
    )

    app.get(
      '/queue/tickets/:id',
      {
        schema: {
          tags,
          summary: '排队号详情（状态、前面人数、预计等待、叫号窗口）',
          operationId: 'getTicket',
          description: '返回本人排队号的状态、前面等待人数、预计等待时间和叫号后前往的窗口。',
          security,
          params: IdParams,
          response: replies(TicketSchema, [401, 404]),
        },
      },
      async (request) => queue.loadTicket(ctx, requireUser(request).id, request.params.id),
    )

    app.post(
      '/queue/tickets/:id/check-in',
      {
        schema: {
          tags,
          summary: '到厅签到：扫描大厅签到二维码，或（微信）在服务中心签到范围内定位',
          operationId: 'checkInTicket',
          description: '凭大厅签到二维码中的签到码，或（微信）手机定位在签到范围内，为网上取的号签到，签到后进入排队。',
          security,
          params: IdParams,
          body: CheckinBody,
          response: replies(TicketSchema, [401, 404, 409, 422]),
        },
      },
      async (request) => {
        const { token, location } = request.body
        if ((token === undefined) === (location === undefined)) throw badRequest('CHECKIN_PROOF', '请扫描大厅签到二维码或使用定位签到')
        return queue.checkIn(ctx, requireUser(request).id, request.params.id, token !== undefined ? { token } : { location: location! })
      },
    )

    app.post(
      '/queue/tickets/:id/cancel',
      {
        schema: {
          tags,
          summary: '取消排队号（叫号前）',
          operationId: 'cancelTicket',
          description: '取消本人尚未叫号的排队号；已叫号或已结束的号返回 409。',
          security,
          params: IdParams,
          response: replies(TicketSchema, [401, 404, 409]),
        },
      },
      async (request) => queue.cancelTicket(ctx, requireUser(request).id, request.params.id),
    )

    app.route({
      method: 'GET',
      url: '/queue/live',
      config: { auth: 'public' },
      schema: {
        tags,
        summary: '排队实时更新（WebSocket）',
        operationId: 'watchQueue',
        description:
          '以 WebSocket 连接（HTTP 请求返回 400）。连接后先发送 {"type":"auth","token":"<登录令牌>"}（或在握手时带 Authorization 头），' +
          '鉴权成功时推送 {"type":"ready"}；之后该服务中心排队有变化时推送 {"type":"changed","hallId":"…"}，客户端据此重新读取排队号或叫号屏。',
        querystring: Type.Object({ hallId: HallId }, { additionalProperties: false }),
        response: replies(Type.Object({}, { description: '不会出现：成功时连接升级为 WebSocket' }), [400]),
      },
      handler: async () => {
        throw badRequest('WEBSOCKET_ONLY', '该接口仅支持 WebSocket 连接')
      },
      wsHandler: (socket, request) => {
        let unwatch: (() => void) | null = null
        const begin = (user: AuthUser | null) => {
          if (!user) return socket.close(4401, 'unauthorized')
          clearTimeout(timer)
          unwatch = live.watch(request.query.hallId, socket)
          socket.send(JSON.stringify({ type: 'ready' }))
        }
        const timer = setTimeout(() => socket.close(4401, 'unauthorized'), AUTH_TIMEOUT_MS)
        socket.on('message', (raw) => {
          if (unwatch) return
          let message: { type?: unknown; token?: unknown }
          try {
            message = JSON.parse(String(raw))
          } catch {
            return socket.close(4400, 'bad message')
          }
          if (message.type !== 'auth' || typeof message.token !== 'string') return socket.close(4400, 'bad message')
          findSessionUser(ctx.db, message.token, ctx.clock.now()).then(begin, () => socket.close(1011, 'unavailable'))
        })
        socket.on('close', () => {
          clearTimeout(timer)
          unwatch?.()
        })
        if (request.user) begin(request.user)
      },
    })

    await app.register(staffQueueRoutes(ctx))
  }
