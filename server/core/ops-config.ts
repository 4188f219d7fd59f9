import { integerSetting } from './provider-settings'

/** How the BFF is operated: who may read /metrics, when it sheds load, how long a shutdown may take. */
export interface OpsConfig {
  metrics: {
    /** METRICS_TOKEN: /metrics on the public port answers only `Authorization: Bearer <token>`; unset, it answers 404. */
    token: string | null
    /** METRICS_PORT (+ METRICS_HOST, default 127.0.0.1): a separate internal listener serving /metrics with no token. */
    port: number | null
    host: string
  }
  /**
   * Load shedding: above this event-loop delay requests get 503 + Retry-After instead of queueing behind the
   * stall. On by default in production only: in development and tests PGlite runs on the event loop, and a
   * busy machine would shed the very requests being tested.
   */
  shedding: { maxEventLoopDelayMs: number | null; retryAfterSeconds: number }
  /** After SIGTERM, how long in-flight requests, jobs and the database may take before the process exits anyway. */
  shutdownTimeoutMs: number
}

/** Reads the operations settings; throws one message naming every bad one. */
export function opsConfigFrom(env: Record<string, string | undefined>): OpsConfig {
  const problems: string[] = []
  const read = <T>(work: () => T, fallback: T): T => {
    try {
      return work()
    } catch (error) {
      problems.push((error as Error).message)
      return fallback
    }
  }
  const token = env.METRICS_TOKEN || null
  if (token && token.length < 24) problems.push('METRICS_TOKEN must be at least 24 characters')
  const config: OpsConfig = {
    metrics: {
      token,
      port: env.METRICS_PORT ? read(() => integerSetting(env, 'METRICS_PORT', 0, 1, 65535), null) : null,
      host: env.METRICS_HOST || '127.0.0.1',
    },
    shedding: {
      maxEventLoopDelayMs:
        env.SHED_EVENT_LOOP_DELAY_MS === 'off' || (!env.SHED_EVENT_LOOP_DELAY_MS && env.NODE_ENV !== 'production')
          ? null
          : read(() => integerSetting(env, 'SHED_EVENT_LOOP_DELAY_MS', 1000, 1, 60_000), 1000),
      retryAfterSeconds: read(() => integerSetting(env, 'SHED_RETRY_AFTER_S', 10, 1, 3600), 10),
    },
    shutdownTimeoutMs: read(() => integerSetting(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, 1000, 600_000), 25_000),
  }
  if (problems.length) throw new Error(problems.join('\n- '))
  return config
}

/** Secrets production cannot run without: each would otherwise be generated per machine or left empty. */
export function missingProductionSecrets(env: Record<string, string | undefined>): string[] {
  const required: [string, string][] = [
    ['DATA_KEY', 'encrypts personal data and files'],
    ['BLIND_INDEX_KEY', 'keys the look-ups of sealed phones and ID numbers'],
    ['SIGNING_KEY_PEM', 'signs authorizations; every instance must sign with the same key'],
    ['WECHAT_APP_ID', 'the mini-program login (jscode2session)'],
    ['WECHAT_APP_SECRET', 'the mini-program login and access_token'],
  ]
  return required.filter(([name]) => !env[name]).map(([name, why]) => `${name} must be set in production (${why})`)
}
