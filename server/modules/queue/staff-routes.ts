import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import QRCode from 'qrcode'
import type { AppContext } from '../../core/context'
import { requireStaffAt, requireUser } from '../../core/auth'
import { forbidden } from '../../core/errors'
import { HallId, Uuid, replies } from '../../core/schemas'
import { currentCheckinToken } from './checkin-token'
import { hallQrUrl } from './qr-entry'
import { CategoryCode, CheckinCodeSchema, HallScreenSchema, WindowId, WindowViewSchema } from './schemas'
import * as desk from './window'

const security = [{ bearer: [] }]
const tags = ['staff-queue']
const WindowParams = Type.Object({ windowId: WindowId }, { additionalProperties: false })
const TicketParams = Type.Object({ windowId: WindowId, id: Uuid }, { additionalProperties: false })
const HallParams = Type.Object({ hallId: HallId }, { additionalProperties: false })
const windowReplies = replies(WindowViewSchema, [401, 403, 404, 409])

const ACTIONS = [
  { action: 'recall', operationId: 'recallTicket', summary: '重呼当前号（最多 3 次）', description: '工作人员接口。再次呼叫窗口当前号，每个号最多重呼 3 次。' },
  { action: 'start', operationId: 'startTicket', summary: '开始办理', description: '工作人员接口。叫到的市民已到窗口，当前号变为办理中。' },
  { action: 'finish', operationId: 'finishTicket', summary: '办结', description: '工作人员接口。办理完毕，当前号办结，窗口可叫下一位。' },
  {
    action: 'miss',
    operationId: 'missTicket',
    summary: '过号（首次重新排在后 3 个号之后，再次过号作废）',
    description: '工作人员接口。叫号后市民未到：首次过号重新排在后 3 个号之后，再次过号作废。',
  },
] as const

/** Window workbench and hall screen, for staff (role `staff`) of the window's hall. */
export const staffQueueRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    /** The window, if the caller works at its hall and — when bound to a window — at this window. */
    async function staffWindow(request: FastifyRequest, windowId: string) {
      const window = await desk.loadWindow(ctx.db, windowId)
      const assignment = requireStaffAt(request, 'staff', window.hall_id)
      if (assignment.role === 'staff' && assignment.windowId && assignment.windowId !== window.id) throw forbidden('您只能操作本人所在的窗口')
      return window
    }

    app.get(
      '/staff/windows/:windowId',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: '窗口工作台：当前号、排队情况',
          operationId: 'getWindow',
          description: '工作人员接口。返回窗口当前叫到或办理中的号、各类别排队与待签到人数和今日已办结数。',
          security,
          params: WindowParams,
          response: windowReplies,
        },
      },
      async (request) => desk.windowView(ctx, await staffWindow(request, request.params.windowId)),
    )

    app.post(
      '/staff/windows/:windowId/call-next',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: '叫下一位（优先号在比例内优先，其余按签到顺序）',
          operationId: 'callNext',
          description: '工作人员接口。为窗口叫下一位：预约、老年人优先号在比例内优先，其余按签到顺序；窗口已有当前号时返回 409。',
          security,
          params: WindowParams,
          response: windowReplies,
        },
      },
      async (request) => desk.callNext(ctx, requireUser(request).id, await staffWindow(request, request.params.windowId)),
    )

    for (const { action, operationId, summary, description } of ACTIONS) {
      app.post(
        `/staff/windows/:windowId/tickets/:id/${action}`,
        { config: { auth: 'staff' }, schema: { tags, summary, operationId, description, security, params: TicketParams, response: windowReplies } },
        async (request) => desk.actOnTicket(ctx, requireUser(request).id, await staffWindow(request, request.params.windowId), request.params.id, action),
      )
    }

    app.post(
      '/staff/windows/:windowId/tickets/:id/transfer',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: '转到其他业务类别（保留原排队时间）',
          operationId: 'transferTicket',
          description: '工作人员接口。把窗口当前号转到同一服务中心的其他业务类别，保留原排队时间。',
          security,
          params: TicketParams,
          body: Type.Object({ categoryCode: CategoryCode }, { additionalProperties: false }),
          response: windowReplies,
        },
      },
      async (request) =>
        desk.transferTicket(ctx, requireUser(request).id, await staffWindow(request, request.params.windowId), request.params.id, request.body.categoryCode),
    )

    app.get(
      '/staff/halls/:hallId/screen',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: '大厅叫号屏：最近叫号与窗口（姓名脱敏）',
          operationId: 'getHallScreen',
          description: '工作人员接口。大厅叫号屏数据：最近叫号的号码、窗口和脱敏姓名，以及各类别排队人数。',
          security,
          params: HallParams,
          response: replies(HallScreenSchema, [401, 403, 404]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        return desk.hallScreen(ctx, request.params.hallId)
      },
    )

    app.get(
      '/staff/halls/:hallId/checkin-code',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: '大厅签到二维码（每 5 分钟更换，只在大厅屏幕上展示）',
          operationId: 'getCheckinCode',
          description: '工作人员接口。返回大厅签到码及其二维码图片，供大厅屏幕展示；签到码定时更换，上一个签到码在更换后仍可用一个周期。',
          security,
          params: HallParams,
          response: replies(CheckinCodeSchema, [401, 403]),
        },
      },
      async (request) => {
        requireStaffAt(request, 'staff', request.params.hallId)
        const { token, rotatesAt } = currentCheckinToken(ctx.keys, request.params.hallId, ctx.clock.now())
        // A phone camera opens the H5 check-in page; the mini-program's scanner reads the token from the same link.
        // Built from PUBLIC_BASE_URL, never from request headers (X-Forwarded-Host/-Proto could choose it otherwise).
        const url = hallQrUrl(ctx.config.publicBaseUrl, token)
        const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 480 })
        return { token, url, qrDataUrl, rotatesAt: rotatesAt.toISOString() }
      },
    )
  }
