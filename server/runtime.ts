import type { AppConfig } from './config'
import { clockFrom, systemClock, type Clock } from './core/clock'
import type { AppContext } from './core/context'
import { loadServerKeys } from './core/crypto'
import { openDatabase, type Db } from './core/db'
import { outboxJob } from './core/notify'
import { parcelTrackerFor, type ParcelTracker } from './core/ems-tracking'
import { identityVerifierFor, type IdentityVerifier } from './core/identity'
import { idempotencyExpiryJob } from './core/idempotency'
import type { Job } from './core/jobs'
import { createWechatClient, type WechatClient } from './core/wechat'
import { migrate } from './core/migrate'
import { smsGatewayFor, type SmsGateway } from './core/sms'
import { MODULES } from './modules'

export type Runtime = Omit<AppContext, 'log'>

/** Opens and migrates the database and assembles everything the app needs, from configuration. */
export async function openRuntime(
  config: AppConfig,
  overrides: { db?: Db; clock?: Clock; sms?: SmsGateway; wechat?: WechatClient; identity?: IdentityVerifier; parcels?: ParcelTracker | null } = {},
): Promise<Runtime> {
  const db = overrides.db ?? (await openDatabase(config))
  await migrate(db)
  const clock = overrides.clock ?? (config.clockStart ? clockFrom(config.clockStart) : systemClock)
  const keys = loadServerKeys({ dataDir: config.dataDir })
  return {
    config,
    db,
    clock,
    keys,
    sms: overrides.sms ?? smsGatewayFor(config.smsGateway, config.production, (line) => console.log(line)),
    wechat: overrides.wechat ?? createWechatClient(config.wechat, { db, cipher: keys.cipher, clock }),
    identity: overrides.identity ?? identityVerifierFor(config.identity.verifier),
    parcels: overrides.parcels !== undefined ? overrides.parcels : parcelTrackerFor(config.parcelTracking, clock),
  }
}

export async function seedAll(runtime: Runtime): Promise<void> {
  for (const module of MODULES) await module.seed?.(runtime)
}

export const ALL_JOBS: Job[] = [outboxJob, idempotencyExpiryJob, ...MODULES.flatMap((module) => module.jobs ?? [])]
