/**
 * Stands in for an Alibaba Cloud RPC endpoint (dysmsapi): verifies the ACS3-HMAC-SHA256 signature (V3)
 * the way the gateway does and fails the way it fails: unknown AccessKey 404 InvalidAccessKeyId.NotFound,
 * bad signature 400 SignatureDoesNotMatch; business refusals are HTTP 200 with a Code other than OK.
 */
import crypto from 'node:crypto'
import { startStandIn, type StandIn, type StandInRequest } from './http-stand-in'

const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')
/** RFC 3986 percent-encoding, as the gateway canonicalizes query values. */
const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function acs3Failure(request: StandInRequest, secrets: Record<string, string>): { status: number; code: string } | null {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/.exec(String(request.headers.authorization ?? ''))
  if (!match) return { status: 400, code: 'MissingAuthorization' }
  const [, accessKeyId, signedHeaders, signature] = match
  const secret = secrets[accessKeyId]
  if (!secret) return { status: 404, code: 'InvalidAccessKeyId.NotFound' }
  const date = Date.parse(String(request.headers['x-acs-date'] ?? ''))
  if (!(Math.abs(Date.now() - date) <= 15 * 60_000)) return { status: 400, code: 'InvalidTimeStamp.Expired' }
  const payloadHash = sha256Hex(request.body)
  if (request.headers['x-acs-content-sha256'] !== payloadHash) return { status: 400, code: 'SignatureDoesNotMatch' }
  const query = [...request.url.searchParams]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encode(value)}`)
    .join('&')
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`)
    .join('')
  const canonicalRequest = [request.method, request.url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n')
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`
  const expected = crypto.createHmac('sha256', secret).update(stringToSign).digest('hex')
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) ? null : { status: 400, code: 'SignatureDoesNotMatch' }
}

export interface AliyunStandIn extends StandIn {
  calls: { action: string; params: Record<string, string> }[]
}

/** `answer` sees only correctly signed requests (action and its parameters) and returns the body's Code, or 'hang'. */
export async function startAliyunStandIn(options: {
  secrets: Record<string, string>
  answer: (action: string, params: Record<string, string>) => { code: string } | 'hang'
}): Promise<AliyunStandIn> {
  const calls: AliyunStandIn['calls'] = []
  let sequence = 0
  const standIn = await startStandIn((request) => {
    const RequestId = `stand-in-${++sequence}`
    const failure = acs3Failure(request, options.secrets)
    if (failure) return { status: failure.status, body: { Code: failure.code, Message: failure.code, RequestId } }
    const action = String(request.headers['x-acs-action'] ?? '')
    const params = Object.fromEntries([...request.url.searchParams, ...new URLSearchParams(request.body.toString('utf8'))])
    calls.push({ action, params })
    const answer = options.answer(action, params)
    if (answer === 'hang') return 'hang'
    return {
      status: 200,
      body: { Code: answer.code, Message: answer.code === 'OK' ? 'OK' : answer.code, BizId: answer.code === 'OK' ? `biz-${sequence}` : undefined, RequestId },
    }
  })
  return Object.assign(standIn, { calls })
}
