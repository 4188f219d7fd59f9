import path from 'node:path'
import { identitySettingsFrom, type IdentitySettings } from './core/identity'
import { templateIdsFrom, type TemplateIds } from '../src/domain/subscribe-templates'

import { parsePublicBaseUrl, parseTrustProxy, type TrustProxy } from './core/http-config'
import { smsSettingsFrom, type SmsSettings } from './core/sms'
import { storageConfigFrom, type StorageConfig } from './core/storage-config'
import { missingProductionSecrets, opsConfigFrom, type OpsConfig } from './core/ops-config'
import { parcelTrackingSettingsFrom, type ParcelTrackingSettings } from './core/ems-tracking'

export interface AppConfig {
  production: boolean
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  rateLimit: boolean
  /** ISO instant the BFF clock starts from (development and tests only). */
  clockStart: string | null
  /** SMS_GATEWAY and the chosen provider's settings (core/sms.ts). */
  smsGateway: SmsSettings
  /** Proxies trusted for X-Forwarded-* (TRUST_PROXY): none by default. */
  trustProxy: TrustProxy
  /** Where citizens reach the BFF (PUBLIC_BASE_URL), no trailing slash: every absolute URL starts with it. */
  publicBaseUrl: string
  /** Who verifies real-name bindings (IDENTITY_VERIFIER) and how long a bind waits for it. */
  identity: { verifier: IdentitySettings; timeoutMs: number }
  sessionTtlHours: number
  /** 注销账号: days between the request and the deletion, during which signing in cancels it (PRIVACY_COOLING_OFF_DAYS). */
  privacy: { coolingOffDays: number }
  /** Base64 32-byte key for personal data at rest; generated into dataDir in development. */
  dataKey: string | null
  /** Where uploaded files live (STORAGE, S3_*): local disk under dataDir, or a shared S3-compatible bucket. */
  storage: StorageConfig
  /** Parcel tracking of shipped licences (EMS_TRACKING, EMS_*): China Post's API polled by a job, or the clerk's manual entry. */
  parcelTracking: ParcelTrackingSettings
  /** /metrics access, load shedding, shutdown deadline (METRICS_*, SHED_*, SHUTDOWN_TIMEOUT_MS). */
  ops: OpsConfig
  /** `templates`: subscribe template id per message kind (WECHAT_TEMPLATE_<KIND>, src/domain/subscribe-templates.ts). */
  wechat: { apiBase: string; appId: string; appSecret: string; templates: TemplateIds }
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
  // Every setting production is missing is named at once, so one failed start tells the operator everything.
  const problems: string[] = []
  const check = <T>(read: () => T): T => {
    try {
      return read()
    } catch (error) {
      problems.push((error as Error).message)
      return undefined as T
    }
  }
  if (production && env.CLOCK_START) problems.push('CLOCK_START is not allowed in production')
  if (production) problems.push(...missingProductionSecrets(env))
  const port = Number(env.PORT ?? 3000)
  const smsGateway = check(() => smsSettingsFrom(env, production))
  const trustProxy = check(() => parseTrustProxy(env.TRUST_PROXY))
  const publicBaseUrl = check(() => parsePublicBaseUrl(env.PUBLIC_BASE_URL, port, production))
  const identityVerifier = check(() => identitySettingsFrom(env, production))
  const identityTimeoutMs = Number(env.IDENTITY_TIMEOUT_MS || 8000)
  const wechatTemplates = check(() => templateIdsFrom(env))
  const storage = check(() => storageConfigFrom(env))
  const ops = check(() => opsConfigFrom(env))
  const parcelTracking = check(() => parcelTrackingSettingsFrom(env, production))
  if (!(identityTimeoutMs > 0 && identityTimeoutMs <= 60_000)) problems.push('IDENTITY_TIMEOUT_MS must be between 1 and 60000')
  const coolingOffDays = Number(env.PRIVACY_COOLING_OFF_DAYS ?? 15)
  if (!(Number.isInteger(coolingOffDays) && coolingOffDays >= 1 && coolingOffDays <= 60))
    problems.push('PRIVACY_COOLING_OFF_DAYS must be a whole number of days from 1 to 60')
  if (problems.length) throw new Error(`configuration refused:\n- ${problems.join('\n- ')}`)
  return {
    production,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    rateLimit: flag(env.RATE_LIMIT, true),
    clockStart: production ? null : env.CLOCK_START || null,
    smsGateway,
    trustProxy,
    publicBaseUrl,
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 24 * 7),
    identity: { verifier: identityVerifier, timeoutMs: identityTimeoutMs },
    privacy: { coolingOffDays },
    dataKey: env.DATA_KEY || null,
    storage,
    parcelTracking,
    ops,
    wechat: {
      apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
      appId: env.WECHAT_APP_ID ?? '',
      appSecret: env.WECHAT_APP_SECRET ?? '',
      templates: wechatTemplates,
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    h5Dir: env.H5_DIR === '' ? null : path.resolve(env.H5_DIR ?? 'dist/h5'),
    logLevel: env.LOG_LEVEL ?? 'info',
  }
}
