/**
 * Stands in for China Post's 协议客户 API 开放平台 (api.ems.com.cn …/f/amp/api/open), interface 040001 运单轨迹信息获取:
 * a form POST whose logitcsInterface is `|$4|` + Base64(SM4-ECB(JSON + signKey)) under the customer's 16-byte key.
 * It checks what the platform checks: the customer number and 授权码 are known, the message decrypts under that
 * customer's key and ends with the key text (the signature), and the timeStamp is Beijing time `yyyy-MM-dd HH:mm:ss`.
 * Answers are the platform's envelope `{ serialNo, retCode, retMsg, retBody, retDate }`, retBody a JSON string.
 *
 * It fails the way the platform fails: a refusal is HTTP 200 with a retCode other than `00000` and a Chinese retMsg;
 * an unknown waybill is `00000` with no items; the gateway throttles with HTTP 429; a stalled call never answers.
 * The platform's own list of refusal codes is in its console (behind the customer's login); the codes below are the
 * stand-in's, and the adapter relies on none of them (any code other than 00000 is a refusal, counted by its code).
 */
import crypto from 'node:crypto'
import { startStandIn, type StandIn } from './http-stand-in'

export const STAND_IN_REFUSALS = {
  unknownCustomer: { retCode: 'S0001', retMsg: '协议客户号或授权码不正确' },
  badSignature: { retCode: 'S0002', retMsg: '报文解密或签名校验失败' },
  badTimestamp: { retCode: 'S0003', retMsg: '时间戳格式不正确' },
  badRequest: { retCode: 'S0004', retMsg: '业务参数不正确' },
} as const

export interface EmsScan {
  opCode: string
  opName: string
  opTime: string
  opOrgCode?: string
  opOrgCity?: string
  opOrgName?: string
  opDesc: string
}

export interface EmsStandIn extends StandIn {
  /** Waybills the stand-in knows, with their scans so far (tests add scans as the parcel travels). */
  parcels: Map<string, EmsScan[]>
  /** What the next calls meet instead of an answer: throttling (429) or a stall, until cleared. */
  trouble: 'throttle' | 'hang' | null
  /** Every correctly signed query: the waybill asked about. */
  queried: string[]
}

function open(sealed: string, signKey: string): string | null {
  if (!sealed.startsWith('|$4|')) return null
  try {
    const decipher = crypto.createDecipheriv('sm4-ecb', Buffer.from(signKey, 'base64'), null)
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.slice(4), 'base64')), decipher.final()]).toString('utf8')
    return plain.endsWith(signKey) ? plain.slice(0, -signKey.length) : null
  } catch {
    return null
  }
}

export async function startEmsStandIn(customer: { senderNo: string; authorization: string; signKey: string }): Promise<EmsStandIn> {
  let serial = 0
  const parcels = new Map<string, EmsScan[]>()
  const queried: string[] = []
  const envelope = (retCode: string, retMsg: string, retBody: unknown = null) => ({
    status: 200,
    body: { serialNo: `stand-in-${++serial}`, retCode, retMsg, retBody: retBody === null ? null : JSON.stringify(retBody), retDate: new Date().toISOString() },
  })
  const standIn: EmsStandIn = Object.assign(
    await startStandIn((request) => {
      if (standIn.trouble === 'hang') return 'hang'
      if (standIn.trouble === 'throttle') return { status: 429, body: { code: 429, message: '请求过于频繁' } }
      const form = new URLSearchParams(request.body.toString('utf8'))
      if (request.method !== 'POST' || form.get('apiCode') !== '040001')
        return envelope(STAND_IN_REFUSALS.badRequest.retCode, STAND_IN_REFUSALS.badRequest.retMsg)
      if (form.get('senderNo') !== customer.senderNo || form.get('authorization') !== customer.authorization) {
        return envelope(STAND_IN_REFUSALS.unknownCustomer.retCode, STAND_IN_REFUSALS.unknownCustomer.retMsg)
      }
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(form.get('timeStamp') ?? '')) {
        return envelope(STAND_IN_REFUSALS.badTimestamp.retCode, STAND_IN_REFUSALS.badTimestamp.retMsg)
      }
      const message = open(form.get('logitcsInterface') ?? '', customer.signKey)
      if (message === null) return envelope(STAND_IN_REFUSALS.badSignature.retCode, STAND_IN_REFUSALS.badSignature.retMsg)
      let waybillNo: unknown
      try {
        waybillNo = (JSON.parse(message) as { waybillNo?: unknown }).waybillNo
      } catch {
        return envelope(STAND_IN_REFUSALS.badRequest.retCode, STAND_IN_REFUSALS.badRequest.retMsg)
      }
      if (typeof waybillNo !== 'string' || !waybillNo) return envelope(STAND_IN_REFUSALS.badRequest.retCode, STAND_IN_REFUSALS.badRequest.retMsg)
      queried.push(waybillNo)
      const scans = parcels.get(waybillNo)
      if (!scans) return envelope('00000', '查无此邮件信息', { responseItems: [] })
      return envelope('00000', '成功', { responseItems: scans.map((scan) => ({ waybillNo, opOrgProvName: '', operatorName: '', ...scan })) })
    }),
    { parcels, queried, trouble: null as EmsStandIn['trouble'] },
  )
  return standIn
}
