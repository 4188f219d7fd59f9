/**
 * Stands in for a Tencent Cloud API 3.0 endpoint (sms, faceid): verifies the TC3-HMAC-SHA256 signature
 * the way the service does and answers in its envelope (`{ Response: { ..., RequestId } }`, errors as
 * `Response.Error.Code`, always HTTP 200).
 */
import crypto from 'node:crypto'
import { startStandIn, type StandIn, type StandInRequest } from './http-stand-in'

const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => crypto.createHmac('sha256', key).update(data).digest()

/** The error code the service answers for this request's signature, or null when it is valid. */
export function tc3SignatureError(request: StandInRequest, secrets: Record<string, string>, nowSeconds: number): string | null {
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    String(request.headers.authorization ?? ''),
  )
  if (!match) return 'AuthFailure.InvalidAuthorization'
  const [, secretId, date, service, signedHeaders, signature] = match
  const secretKey = secrets[secretId]
  if (!secretKey) return 'AuthFailure.SecretIdNotFound'
  const timestamp = Number(request.headers['x-tc-timestamp'])
  if (!(Math.abs(nowSeconds - timestamp) <= 300)) return 'AuthFailure.SignatureExpire'
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.SignatureFailure'
  const hostname = String(request.headers.host ?? '').replace(/:\d+$/, '')
  // The service a request is signed for is the endpoint's first label (sms.tencentcloudapi.com → sms).
  if (service !== hostname.split('.')[0]) return 'AuthFailure.SignatureFailure'
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${name === 'host' ? hostname : String(request.headers[name] ?? '').trim()}\n`)
    .join('')
  const canonicalRequest = [request.method, request.url.pathname, request.url.search.slice(1), canonicalHeaders, signedHeaders, sha256Hex(request.body)].join(
    '\n',
  )
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256Hex(canonicalRequest)].join('\n')
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request')
  const expected = crypto.createHmac('sha256', signingKey).update(stringToSign).digest('hex')
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) ? null : 'AuthFailure.SignatureFailure'
}

export type TencentAnswer = { error: string } | { response: Record<string, unknown> } | 'hang'

export interface TencentStandIn extends StandIn {
  /** Requests whose signature verified, with their action and parameters. */
  calls: { action: string; params: Record<string, unknown> }[]
}

/** `answer` sees only correctly signed requests; it returns the action's Response fields, an error code, or 'hang'. */
export async function startTencentCloudStandIn(options: {
  secrets: Record<string, string>
  answer: (action: string, params: Record<string, unknown>) => TencentAnswer
}): Promise<TencentStandIn> {
  const calls: TencentStandIn['calls'] = []
  let sequence = 0
  const standIn = await startStandIn((request) => {
    const RequestId = `stand-in-${++sequence}`
    const fail = (Code: string) => ({ status: 200, body: { Response: { Error: { Code, Message: Code }, RequestId } } })
    const signatureError = tc3SignatureError(request, options.secrets, Math.floor(Date.now() / 1000))
    if (signatureError) return fail(signatureError)
    const action = String(request.headers['x-tc-action'] ?? '')
    const params = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>
    calls.push({ action, params })
    const answer = options.answer(action, params)
    if (answer === 'hang') return 'hang'
    if ('error' in answer) return fail(answer.error)
    return { status: 200, body: { Response: { ...answer.response, RequestId } } }
  })
  return Object.assign(standIn, { calls })
}
