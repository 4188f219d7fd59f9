/**
 * Counts of errors external providers answered (or failed to answer), per provider and error code, since
 * this process started. Each instance counts its own; a metrics scrape of every instance adds them up.
 */
const counts = new Map<string, number>()
const keyOf = (provider: string, code: string) => `${provider}\u0000${code}`

/** `provider`: e.g. `sms.tencent`, `identity.tencent-faceid`, `wechat`; `code`: the provider's error code, or `timeout` / `network`. */
export function countProviderError(provider: string, code: string): void {
  const key = keyOf(provider, code)
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

export function providerErrorCounts(): { provider: string; code: string; count: number }[] {
  return [...counts].map(([key, count]) => {
    const [provider, code] = key.split('\u0000')
    return { provider, code, count }
  })
}
