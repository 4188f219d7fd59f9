import type { IdentityVerdict, IdentityVerifier } from './identity'
import { countProviderError } from './provider-errors'
import { once, tencentClientConfig, tencentErrorCode, type TencentCloudSettings } from './tencent-cloud'

/** IdCardVerification results that are the authority's answer about the pair: 0 一致; -1 不一致, -2 非法身份证号, -3 非法姓名, -5 证件库中无此身份证记录. */
const VERDICTS: Record<string, IdentityVerdict> = { '0': 'match', '-1': 'mismatch', '-2': 'mismatch', '-3': 'mismatch', '-5': 'mismatch' }

/**
 * Tencent Cloud FaceID 身份信息认证 (IdCardVerification, 二要素): the public-security identity service
 * confirms that a name and an ID number belong together. Only the verdict leaves this function; the
 * provider's answer is never stored. Results without a verdict (-4 证件库服务异常, -6 系统升级中,
 * -7 超过当日限制) and API errors throw, so nothing is bound and the user is told to try later.
 */
export function tencentFaceIdVerifier(settings: TencentCloudSettings): IdentityVerifier {
  // Loaded on first use, like the SMS SDKs: a BFF configured for another verifier never loads it.
  const client = once(async () => {
    const { Client } = await import('tencentcloud-sdk-nodejs/tencentcloud/services/faceid/v20180301/faceid_client')
    return new Client(tencentClientConfig(settings, 'TENCENTCLOUD_FACEID_ENDPOINT'))
  })
  return {
    id: 'tencent-faceid',
    strength: 'name_id_match',
    async verify({ name, idNumber }, signal) {
      let result: string
      try {
        const answer = await (await client()).request('IdCardVerification', { IdCard: idNumber.toUpperCase(), Name: name }, { signal })
        result = String((answer as { Result?: unknown }).Result)
      } catch (error) {
        countProviderError('identity.tencent-faceid', signal.aborted ? 'timeout' : tencentErrorCode(error))
        throw error
      }
      const verdict = VERDICTS[result]
      if (verdict) return verdict
      countProviderError('identity.tencent-faceid', `Result${result}`)
      throw new Error(`FaceID IdCardVerification answered Result ${result}`)
    },
  }
}
