/**
 * WeChat one-time subscribe messages, shared by the app (which asks) and the BFF (which sends). Pure:
 * no Taro. Template ids are issued per mini-program in the WeChat admin console (订阅消息), so they are
 * configuration: `WECHAT_TEMPLATE_<KIND>` for the BFF and `TARO_APP_WECHAT_TEMPLATE_<KIND>` (falling
 * back to the BFF's variable) for the app build. A kind without an id is never asked for nor sent.
 */
export const SUBSCRIBE_KINDS = ['queue_near', 'queue_called', 'appointment_reminder', 'case_result', 'licence_shipped'] as const
export type SubscribeKind = (typeof SUBSCRIBE_KINDS)[number]

/** The moments that later send a message, and the kinds each asks for (WeChat takes at most 3 per request). */
export const SUBSCRIBE_MOMENTS = {
  takeTicket: ['queue_near', 'queue_called'],
  bookAppointment: ['appointment_reminder'],
  submitCase: ['case_result'],
  signAuthorization: ['licence_shipped'],
} as const satisfies Record<string, readonly SubscribeKind[]>
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

export type TemplateIds = Partial<Record<SubscribeKind, string>>

/** `WECHAT_TEMPLATE_QUEUE_NEAR` for `queue_near`. */
export const templateEnvName = (kind: SubscribeKind) => `WECHAT_TEMPLATE_${kind.toUpperCase()}`

/** The shape of the ids the admin console issues (43 characters of base64url today). */
export const isTemplateId = (value: string) => /^[A-Za-z0-9_-]{20,64}$/.test(value)

/**
 * The configured template ids: `<prefix>WECHAT_TEMPLATE_<KIND>`, then (for the app) the unprefixed
 * variable. Throws naming every malformed id, so a typo fails the start or the build, not a send.
 */
export function templateIdsFrom(env: Record<string, string | undefined>, prefix = ''): TemplateIds {
  const ids: TemplateIds = {}
  const bad: string[] = []
  for (const kind of SUBSCRIBE_KINDS) {
    const name = templateEnvName(kind)
    const value = (env[prefix + name] || env[name] || '').trim()
    if (!value) continue
    if (isTemplateId(value)) ids[kind] = value
    else bad.push(`${prefix}${name} is not a WeChat template id`)
  }
  if (bad.length) throw new Error(bad.join('; '))
  return ids
}

/** The configured ids a moment asks for, in the moment's order. */
export const idsForMoment = (ids: TemplateIds, moment: SubscribeMoment) =>
  SUBSCRIBE_MOMENTS[moment].flatMap((kind) => (ids[kind] ? [{ kind, templateId: ids[kind]! }] : []))
