import crypto from 'node:crypto'
import { shanghaiDate } from '../../src/domain/time'
import type { Clock } from './clock'
import { countProviderError } from './provider-errors'
import { integerSetting, parseEndpoint, requireSettings, timeoutSetting } from './provider-settings'

/**
 * China Post EMS parcel tracking through the 中国邮政协议客户 API 开放平台 (api.ems.com.cn, 新一代寄递平台),
 * interface 040001 运单轨迹信息获取. China Post publishes no SDK for Node (nor an npm package of its own), so this
 * speaks the documented HTTP protocol with fetch:
 * - POST `application/x-www-form-urlencoded` to `…/amp-prod-api/f/amp/api/open` (sandbox: `…/api/test`) with the
 *   public parameters apiCode, senderNo (协议客户号), authorization (授权码), msgType, timeStamp (Beijing time,
 *   `yyyy-MM-dd HH:mm:ss`), version and logitcsInterface (the platform's spelling);
 * - logitcsInterface is the business message sealed with the 签名钥匙 (a Base64 16-byte key): SM4-ECB with PKCS#7
 *   padding over `JSON + signKey`, Base64, prefixed `|$4|`. The platform decrypts it with the customer's key and
 *   checks the key at its end: that is the request's signature;
 * - the answer is JSON `{ serialNo, retCode, retMsg, retBody, retDate }`, retCode `00000` for success; retBody (a JSON
 *   string) holds `responseItems`, one per scan: waybillNo, opTime (Beijing time), opCode, opName, opDesc,
 *   opOrgProvName, opOrgCity, opOrgCode, opOrgName, operatorName, …. A waybill the platform does not know answers
 *   `00000` with no items. Every other retCode is a refusal with a Chinese retMsg; the platform's code dictionary is
 *   in its console, so no refusal is special-cased here: each is counted under its code and retried on a later poll.
 */

export const EMS_TRACKING_KINDS = ['manual', 'ems'] as const

export interface EmsSettings {
  endpoint: string
  senderNo: string
  authorization: string
  /** Base64 of the 16-byte SM4 key (签名钥匙). */
  signKey: string
  timeoutMs: number
  /** How often each shipped parcel is asked about (minutes). */
  pollMinutes: number
}

export type ParcelTrackingSettings = { kind: 'manual' } | ({ kind: 'ems' } & EmsSettings)

/** One scan of a parcel as the carrier reports it. */
export interface ParcelEvent {
  opCode: string
  opName: string
  opTime: Date
  orgCode: string
  orgCity: string | null
  orgName: string | null
  /** The carrier's text: may name the signer, the courier and a delivery spot (personal data). */
  description: string
}

export interface ParcelTracker {
  readonly id: 'ems'
  readonly pollMinutes: number
  /** Every scan of the waybill so far (none for a waybill the carrier does not know); throws ParcelTrackingError. */
  track(waybillNo: string): Promise<ParcelEvent[]>
}

export class ParcelTrackingError extends Error {
  /** `throttled`: the carrier asks callers to slow down; the poller stops for this run. */
  constructor(
    readonly code: string,
    readonly throttled: boolean,
    message: string,
  ) {
    super(message)
  }
}

/** Scans that mean the addressee has the parcel: 704 投递结果反馈-妥投, 748 收件人已取走邮件 (parcel locker, 自提点). */
export const EMS_DELIVERED_CODES = new Set(['704', '748'])
/** 743 投递妥投撤销: the delivery scan was withdrawn. */
export const EMS_DELIVERY_REVOKED = '743'

const DEFAULT_ENDPOINT = 'https://api.ems.com.cn/amp-prod-api/f/amp/api/open'
const TRACK_API = '040001'

/**
 * Reads EMS_TRACKING: `manual` (clerks enter each step, the default outside production) or `ems` with the platform's
 * credentials. Production must choose explicitly, so a hall never runs without tracking by accident.
 */
export function parcelTrackingSettingsFrom(env: Record<string, string | undefined>, production: boolean): ParcelTrackingSettings {
  const kind = env.EMS_TRACKING || (production ? '' : 'manual')
  if (!kind) {
    throw new Error(
      'EMS_TRACKING must be set in production: ems (China Post tracking API, with EMS_SENDER_NO, EMS_AUTHORIZATION, EMS_SIGN_KEY) or manual (clerks enter delivery progress by hand)',
    )
  }
  if (!(EMS_TRACKING_KINDS as readonly string[]).includes(kind)) throw new Error(`EMS_TRACKING must be one of: ${EMS_TRACKING_KINDS.join(', ')}`)
  if (kind === 'manual') return { kind }
  const s = requireSettings(env, 'EMS_TRACKING=ems', ['EMS_SENDER_NO', 'EMS_AUTHORIZATION', 'EMS_SIGN_KEY'])
  if (Buffer.from(s.EMS_SIGN_KEY, 'base64').length !== 16) throw new Error('EMS_SIGN_KEY must be the platform’s 签名钥匙: Base64 of 16 bytes')
  const endpoint = env.EMS_ENDPOINT || DEFAULT_ENDPOINT
  parseEndpoint('EMS_ENDPOINT', endpoint)
  return {
    kind: 'ems',
    endpoint,
    senderNo: s.EMS_SENDER_NO,
    authorization: s.EMS_AUTHORIZATION,
    signKey: s.EMS_SIGN_KEY,
    timeoutMs: timeoutSetting(env, 'EMS_TIMEOUT_MS', 8000),
    pollMinutes: integerSetting(env, 'EMS_POLL_MINUTES', 30, 5, 1440),
  }
}

/** The logitcsInterface value: SM4-ECB (PKCS#7) over the message followed by the key text, Base64, behind `|$4|`. */
export function sealEmsMessage(message: string, signKey: string): string {
  const cipher = crypto.createCipheriv('sm4-ecb', Buffer.from(signKey, 'base64'), null)
  return `|$4|${Buffer.concat([cipher.update(message + signKey, 'utf8'), cipher.final()]).toString('base64')}`
}

const pad = (n: number) => String(n).padStart(2, '0')
/** `yyyy-MM-dd HH:mm:ss` in Beijing time, as the platform's timeStamp and opTime are written. */
export function emsTimestamp(instant: Date): string {
  const beijing = new Date(instant.getTime() + 8 * 3600_000)
  return `${shanghaiDate(instant)} ${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())}`
}

const parseOpTime = (text: unknown): Date | null => {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(String(text ?? '').trim())
  if (!match) return null
  const instant = new Date(`${match[1]}T${match[2]}+08:00`)
  return Number.isNaN(instant.getTime()) ? null : instant
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)

function eventsOf(retBody: unknown): ParcelEvent[] | null {
  let body = retBody
  if (typeof body === 'string') {
    if (!body.trim()) return []
    try {
      body = JSON.parse(body)
    } catch {
      return null
    }
  }
  if (body === null || body === undefined) return []
  const items = (body as { responseItems?: unknown }).responseItems
  if (items === undefined || items === null) return []
  if (!Array.isArray(items)) return null
  const events: ParcelEvent[] = []
  for (const item of items as Record<string, unknown>[]) {
    const opTime = parseOpTime(item?.opTime)
    const opCode = text(item?.opCode)
    if (!opTime || !opCode) return null
    events.push({
      opCode,
      opName: text(item.opName) ?? opCode,
      opTime,
      orgCode: text(item.opOrgCode) ?? '',
      orgCity: text(item.opOrgCity),
      orgName: text(item.opOrgName),
      description: text(item.opDesc) ?? '',
    })
  }
  return events
}

export function emsTracker(settings: EmsSettings, clock: Clock): ParcelTracker {
  const fail = (code: string, throttled: boolean, message: string): never => {
    countProviderError('ems', code)
    throw new ParcelTrackingError(code, throttled, message)
  }
  return {
    id: 'ems',
    pollMinutes: settings.pollMinutes,
    async track(waybillNo) {
      const form = new URLSearchParams({
        apiCode: TRACK_API,
        senderNo: settings.senderNo,
        authorization: settings.authorization,
        msgType: '0',
        timeStamp: emsTimestamp(clock.now()),
        version: 'V1.0.0',
        logitcsInterface: sealEmsMessage(JSON.stringify({ waybillNo }), settings.signKey),
      })
      const signal = AbortSignal.timeout(settings.timeoutMs)
      let response: Response
      let body: string
      try {
        response = await fetch(settings.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'application/json' },
          body: form.toString(),
          signal,
        })
        body = await response.text()
      } catch {
        return fail(signal.aborted ? 'timeout' : 'network', false, signal.aborted ? 'EMS tracking did not answer in time' : 'EMS tracking unreachable')
      }
      if (!response.ok)
        return fail(`http${response.status}`, response.status === 429 || response.status === 503, `EMS tracking answered HTTP ${response.status}`)
      let answer: { retCode?: unknown; retMsg?: unknown; retBody?: unknown }
      try {
        answer = JSON.parse(body)
      } catch {
        return fail('malformed', false, 'EMS tracking answered something other than JSON')
      }
      const retCode = String(answer?.retCode ?? '')
      if (retCode !== '00000') return fail(retCode || 'malformed', false, `EMS tracking refused: ${retCode} ${String(answer?.retMsg ?? '')}`.trim())
      return eventsOf(answer.retBody) ?? fail('malformed', false, 'EMS tracking answered items without opCode or opTime')
    },
  }
}

/** The tracker a configuration names; null when clerks enter progress by hand. */
export const parcelTrackerFor = (settings: ParcelTrackingSettings, clock: Clock): ParcelTracker | null =>
  settings.kind === 'ems' ? emsTracker(settings, clock) : null
