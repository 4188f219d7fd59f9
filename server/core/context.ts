import type { FastifyBaseLogger } from 'fastify'
import type { AppConfig } from '../config'
import type { Clock } from './clock'
import type { ServerKeys } from './crypto'
import type { Db } from './db'
import type { ParcelTracker } from './ems-tracking'
import type { IdentityVerifier } from './identity'
import type { SmsGateway } from './sms'
import type { WechatClient } from './wechat'

/** What every module's routes, services and jobs are given. */
export interface AppContext {
  config: AppConfig
  db: Db
  clock: Clock
  keys: ServerKeys
  sms: SmsGateway
  wechat: WechatClient
  identity: IdentityVerifier
  /** Polls shipped parcels (EMS_TRACKING=ems); null when clerks enter delivery progress by hand. */
  parcels: ParcelTracker | null
  log: FastifyBaseLogger
}
