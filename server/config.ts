import path from 'node:path'

export type SmsGatewayKind = 'console'

export interface AppConfig {
  production: boolean
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  rateLimit: boolean
  /** ISO instant the BFF clock starts from (development and tests only). */
  clockStart: string | null
  smsGateway: SmsGatewayKind
  sessionTtlHours: number
  /** Base64 32-byte key for personal data at rest; generated into dataDir in development. */
  dataKey: string | null
  wechat: { apiBase: string; appId: string; appSecret: string }
  corsOrigins: string[]
  h5Dir: string | null
  logLevel: string
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  return !['0', 'off', 'false', 'no'].includes(value.toLowerCase())
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const production = env.NODE_ENV === 'production'
  if (production && env.CLOCK_START) throw new Error('CLOCK_START is not allowed in production')
  if (production && !env.DATA_KEY) throw new Error('DATA_KEY must be set in production')
  return {
    production,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    rateLimit: flag(env.RATE_LIMIT, true),
    clockStart: production ? null : env.CLOCK_START || null,
    smsGateway: 'console',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 24 * 7),
    dataKey: env.DATA_KEY || null,
    wechat: {
      apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
      appId: env.WECHAT_APP_ID ?? '',
      appSecret: env.WECHAT_APP_SECRET ?? '',
    },
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    h5Dir: env.H5_DIR === '' ? null : path.resolve(env.H5_DIR ?? 'dist/h5'),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'info'),
  }
}
