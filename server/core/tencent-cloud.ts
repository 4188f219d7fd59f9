import { parseEndpoint } from './provider-settings'

/** A Tencent Cloud API 3.0 client's settings: the CAM key pair (访问管理 → API密钥管理), the region and the endpoint. */
export interface TencentCloudSettings {
  secretId: string
  secretKey: string
  region: string
  /** `https://sms.tencentcloudapi.com` by default; the host's first label is the service the request is signed for. */
  endpoint: string
  timeoutMs: number
}

/** The SDK client configuration for these settings (TC3-HMAC-SHA256 signing, the SDK's default). */
export function tencentClientConfig(settings: TencentCloudSettings, endpointName: string) {
  const { protocol, host } = parseEndpoint(endpointName, settings.endpoint)
  return {
    credential: { secretId: settings.secretId, secretKey: settings.secretKey },
    region: settings.region,
    profile: { httpProfile: { endpoint: host, protocol: `${protocol}://`, reqTimeout: Math.ceil(settings.timeoutMs / 1000) } },
  }
}

/** The error code of a failed SDK call: the API's `Error.Code`, or `network` when no answer arrived (timeouts included). */
export const tencentErrorCode = (error: unknown): string => {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code ? code : 'network'
}

/** The value `make` resolves to, made on the first call only (an SDK loaded when first needed). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}
