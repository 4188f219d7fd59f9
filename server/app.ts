import fs from 'node:fs'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifySchema } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import websocket from '@fastify/websocket'
import type { AppContext } from './core/context'
import { bearerToken, checkAudience, findSessionUser } from './core/auth'
import { AppError } from './core/errors'
import { registerIdempotency } from './core/idempotency'
import { clientErrorHandler, connectSources, CORS_ALLOWED_HEADERS, CORS_METHODS, registerNoStore } from './core/http-hardening'
import { fastifyTrustProxy } from './core/http-config'
import { ErrorBody } from './core/schemas'
import { describeValidation } from './core/validation-message'
import { LOG_REDACT_PATHS } from './core/redact'
import { precompressStatic } from './core/precompress'
import { MODULES } from './modules'
import { registerBodyDeadline, SERVER_TIMEOUTS } from './core/timeouts'
import { registerHallQrEntry } from './modules/queue/qr-entry'
import { NEVER_SHED, registerLoadShedding } from './core/load-shedding'
import { closeSocketsForRestart } from './core/shutdown'
import { registerMetrics, registerMetricsRoute } from './metrics'

export type App = FastifyInstance

export const BODY_LIMIT_BYTES = 256 * 1024

export interface RouteRecord {
  method: string
  url: string
  auth: string
  websocket: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared audience, so tests can walk all of them and none is forgotten. */
    routeTable: RouteRecord[]
    /** The Prometheus text of this instance (server/metrics.ts), for the internal metrics listener. */
    scrapeMetrics(): Promise<string>
  }
}

/** Builds the BFF on an already opened, migrated database. Listening and jobs are the caller's. */
export async function buildApp(ctx: Omit<AppContext, 'log'>, options: { logger?: boolean | object } = {}) {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel, redact: { paths: LOG_REDACT_PATHS, censor: '[已脱敏]' } },
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify's 10 s default is a guard against a plugin that never calls done; on a busy 2-core machine a
    // healthy start can take longer than that, so only a real hang stops the start.
    pluginTimeout: 60_000,
    // No connection is held forever: idle, headers and whole-request deadlines (uploads included).
    ...SERVER_TIMEOUTS,
    // X-Forwarded-* only from the proxies TRUST_PROXY names (none by default): see docs/security.md.
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    genReqId: () => crypto.randomUUID(),
    // Errors the router raises before any route runs (malformed URL encoding, over-long path parameters).
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      reply.code(tooLong ? 414 : 400).send({ code: error.code, message: tooLong ? '请求地址过长' : '请求地址格式不正确' })
    },
  }).withTypeProvider<TypeBoxTypeProvider>()
  const context: AppContext = { ...ctx, log: app.log }

  app.addSchema(ErrorBody)
  // The API speaks JSON (and multipart where a module registers it); plain text is refused with 415.
  app.removeContentTypeParser('text/plain')
  await app.register(swagger, {
    openapi: {
      info: { title: 'OneTrip BFF', version: '1.0.0', description: '仅跑一次 政务服务 BFF API' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, kiosk: { type: 'apiKey', in: 'header', name: 'X-Kiosk-Token' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: connectSources(ctx.config.publicBaseUrl),
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(cors, {
    origin: ctx.config.corsOrigins.length ? ctx.config.corsOrigins : false,
    credentials: false,
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
  })
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' }),
  })
  await app.register(websocket, { options: { maxPayload: 4096 }, preClose: closeSocketsForRestart })
  await registerLoadShedding(app, ctx.config.ops.shedding)
  const scrapeMetrics = await registerMetrics(app, ctx)
  registerMetricsRoute(app, ctx.config.ops.metrics.token, scrapeMetrics)
  app.decorate('scrapeMetrics', scrapeMetrics)

  app.decorate('routeTable', [] as RouteRecord[])
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'HEAD') continue
      app.routeTable.push({ method, url: route.url, auth: route.config?.auth ?? 'user', websocket: Boolean(route.websocket) })
    }
  })

  app.decorateRequest('user', null)
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return
    const token = bearerToken(request)
    request.user = token ? await findSessionUser(ctx.db, token, ctx.clock.now()) : null
    // An unmatched path has no audience: let the not-found handler answer 404.
    if (request.routeOptions.url !== undefined) checkAudience(request.user, request.routeOptions.config.auth ?? 'user')
  })
  registerBodyDeadline(app)
  registerIdempotency(app, ctx)
  registerNoStore(app)
  // The BFF's clock is the one that counts (a phone's drifts; a demo's CLOCK_START is not the device's): every
  // answer carries it, and the app measures remaining times and dates against it (src/services/server-time.ts).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-server-time', ctx.clock.now().toISOString())
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = toErrorAnswer(error, request.routeOptions.schema)
    if (answer.status >= 500 && answer.code !== 'FST_UNDER_PRESSURE') request.log.error({ err: error }, 'unhandled error')
    reply.code(answer.status).send({ code: answer.code, message: answer.message })
  })
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ code: 'NOT_FOUND', message: request.url.startsWith('/api/') ? '接口不存在' : '页面不存在' })
  })

  app.get('/healthz', { schema: { hide: true }, config: { auth: 'public', ...NEVER_SHED } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true }, config: { auth: 'public' } }, async (_request, reply) => {
    try {
      await ctx.db.query('select 1')
      return { status: 'ready' }
    } catch {
      return reply.code(503).send({ code: 'NOT_READY', message: '数据库暂不可用' })
    }
  })

  for (const module of MODULES) await app.register(module.routes(context), { prefix: '/api/v1' })
  registerHallQrEntry(app)

  if (ctx.config.h5Dir && fs.existsSync(ctx.config.h5Dir)) {
    precompressStatic(ctx.config.h5Dir)
    await app.register(fastifyStatic, { root: ctx.config.h5Dir, prefix: '/', index: ['index.html'], maxAge: '1h', preCompressed: true })
    // A new service worker (src/public/sw.js) must reach phones at their next visit, not an hour later.
    app.get('/sw.js', { config: { auth: 'public' }, schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('sw.js', { cacheControl: false }),
    )
  }
  return app
}

const FRAMEWORK_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, '提交的内容过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, '不支持的内容类型，请以 JSON 格式提交'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, '请求内容不能为空'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, '请求内容不是有效的 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, '请求长度不正确'],
  FST_ERR_VALIDATION: [400, '请求参数不正确'],
  FST_UNDER_PRESSURE: [503, '服务繁忙，请稍后再试'],
}

// PostgreSQL classes that only bad input can reach: data exceptions (22) and integrity (23).
const DATABASE_ERRORS: Record<string, [number, string]> = {
  '22': [400, '请求参数不正确'],
  '23505': [409, '记录已存在，请勿重复提交'],
  '23': [400, '请求参数不符合规则'],
}

function toErrorAnswer(error: FastifyError & { code?: string }, schema?: FastifySchema): { status: number; code: string; message: string } {
  if (error instanceof AppError) return { status: error.statusCode, code: error.code, message: error.message }
  if (error.validation)
    return { status: 400, code: 'VALIDATION', message: describeValidation(error.validation, error.validationContext && schema?.[error.validationContext]) }
  if (error.statusCode === 429) return { status: 429, code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' }
  const framework = error.code ? FRAMEWORK_ERRORS[error.code] : undefined
  if (framework) return { status: framework[0], code: error.code, message: framework[1] }
  if (error instanceof SyntaxError) return { status: 400, code: 'BAD_JSON', message: '请求内容不是有效的 JSON' }
  const database =
    typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? (DATABASE_ERRORS[error.code] ?? DATABASE_ERRORS[error.code.slice(0, 2)]) : undefined
  if (database) return { status: database[0], code: 'INVALID_INPUT', message: database[1] }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'BAD_REQUEST', message: '请求无法处理，请检查后重试' }
  }
  return { status: 500, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }
}
