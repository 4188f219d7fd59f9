import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { badRequest } from '../../core/errors'
import { checkinTokenFromScan } from '../../../src/domain/queue'
import { pageLink } from '../../../src/domain/page-routes'

/** The path the hall screen's QR code points at; README "WeChat mini-program" registers its prefix with WeChat. */
export const HALL_QR_PATH = '/q/checkin'

/** The URL the hall screen encodes: `<PUBLIC_BASE_URL>/q/checkin?token=…`. */
export const hallQrUrl = (publicBaseUrl: string, token: string) => `${publicBaseUrl}${HALL_QR_PATH}?token=${encodeURIComponent(token)}`

/**
 * The hall QR as a plain link. WeChat's own scanner opens the mini-program's check-in page for the
 * `/q/` prefix (扫普通链接二维码打开小程序; the page reads the whole URL from `q`); any other scanner
 * lands here and is sent on to the H5 check-in page.
 */
export function registerHallQrEntry(app: FastifyInstance): void {
  app.get<{ Querystring: { token: string } }>(
    HALL_QR_PATH,
    {
      schema: { hide: true, querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) },
      config: { auth: 'public' },
    },
    async (request, reply) => {
      const token = checkinTokenFromScan(request.query.token)
      if (!token) throw badRequest('NOT_CHECKIN_CODE', '这不是服务中心的签到二维码')
      return reply.redirect(`/#${pageLink('queueCheckin', { token })}`, 302)
    },
  )
}
