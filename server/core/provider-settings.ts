/** Reading a provider's settings from the environment: every missing one is named at once. */
export function requireSettings<K extends string>(env: Record<string, string | undefined>, owner: string, names: readonly K[]): Record<K, string> {
  const missing = names.filter((name) => !env[name])
  if (missing.length) throw new Error(`${owner} needs ${missing.join(', ')}`)
  return Object.fromEntries(names.map((name) => [name, env[name] as string])) as Record<K, string>
}

/** An endpoint URL (`https://sms.tencentcloudapi.com`, or a stand-in's `http://127.0.0.1:8080`) split the way the SDKs take it. */
export function parseEndpoint(name: string, value: string): { protocol: 'http' | 'https'; host: string } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`${name} must be a URL such as https://host`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL`)
  return { protocol: url.protocol === 'https:' ? 'https' : 'http', host: url.host }
}

/** How long one provider call may take (ms), from `<name>` or the default. */
export function timeoutSetting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = Number(env[name] || fallback)
  if (!(value > 0 && value <= 60_000)) throw new Error(`${name} must be between 1 and 60000`)
  return value
}

/** A whole number setting within bounds, from `<name>` or the default. */
export function integerSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const value = Number(env[name] || fallback)
  if (!(Number.isInteger(value) && value >= min && value <= max)) throw new Error(`${name} must be an integer between ${min} and ${max}`)
  return value
}
