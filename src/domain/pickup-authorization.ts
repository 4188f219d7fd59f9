/**
 * The 取件委托书 (certificate pickup authorization), domain rules §6. Its text is built here and only
 * here: the app shows it to the principal before signing and the BFF prints the same text into the
 * signed PDF, so what was read is what was signed.
 *
 * Content follows 民法典 第一百六十五条 (a written authorization names the agent, the matter, the
 * authority and the period, and is signed by the principal) and 快递暂行条例 第二十二、二十五条
 * (delivery to the named recipient or the person they designate, who checks it on receipt).
 */
import { shanghaiDate, shanghaiTime } from './time'

const AUTHORIZATION_TITLE = '取件委托书'

/** Days an authorization stays valid from its signing day (Shanghai calendar). */
export const VALIDITY_DAYS = 30

export type PickupMethod = 'ems' | 'agent'

export interface EmsDelivery {
  kind: 'ems'
  recipient: string
  phoneMasked: string
  province: string
  city: string
  district: string
  address: string
}

export interface AgentPickup {
  kind: 'agent'
  name: string
  idNumberMasked: string
  phoneMasked: string
}

export interface AuthorizationDocument {
  /** Null before signing: the BFF assigns it when the principal signs. */
  number: string | null
  principal: { name: string; idType: string; idNumberMasked: string }
  hallName: string
  caseNumber: string
  itemName: string
  licenceName: string
  licenceCopies: string
  method: EmsDelivery | AgentPickup
  /** ISO instant; null before signing. */
  signedAt: string | null
}

export interface AuthorizationSection {
  heading: string
  lines: string[]
}

export interface AuthorizationText {
  title: string
  sections: AuthorizationSection[]
  /** Number, signing time and validity: placeholders until the document is signed. */
  signing: string[]
  signatureLabel: string
}

/** YYYY-MM-DD + n calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The last Shanghai calendar day on which an authorization signed at `signedAt` is valid. */
export const validUntilOf = (signedAt: Date) => addDays(shanghaiDate(signedAt), VALIDITY_DAYS)

export const chineseDate = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

export const chineseDateTime = (instant: Date) => `${chineseDate(shanghaiDate(instant))} ${shanghaiTime(instant)}`

/**
 * The postal address. The division tree repeats a level where there is none (北京市 › 北京市 › 东城区,
 * 湖北省 › 仙桃市 › 仙桃市): each name is printed once.
 */
export const fullAddress = (m: Pick<EmsDelivery, 'province' | 'city' | 'district' | 'address'>) =>
  [m.province, m.city === m.province ? '' : m.city, m.district === m.city ? '' : m.district, m.address].join('')

function methodSection(method: EmsDelivery | AgentPickup): AuthorizationSection {
  if (method.kind === 'ems') {
    return {
      heading: '三、领取方式',
      lines: ['领取方式：中国邮政EMS寄递（免费）', `收件人：${method.recipient}`, `收件人联系电话：${method.phoneMasked}`, `收件地址：${fullAddress(method)}`],
    }
  }
  return {
    heading: '三、领取方式',
    lines: [
      '领取方式：代领人凭本人有效身份证件到窗口领取',
      `代领人姓名：${method.name}`,
      '代领人证件类型：居民身份证',
      `代领人证件号码：${method.idNumberMasked}`,
      `代领人联系电话：${method.phoneMasked}`,
    ],
  }
}

function authoritySentence(method: EmsDelivery | AgentPickup): string {
  return method.kind === 'ems'
    ? '委托办理机构将上述证照交由中国邮政速递物流（EMS）寄送至上述收件地址，并授权收件人代为签收上述证照。收件人签收即视为委托人已领取。'
    : '授权上述代领人代为领取上述证照，并代为签收相关领取凭证。代领人签收即视为委托人已领取。'
}

export function authorizationText(doc: AuthorizationDocument): AuthorizationText {
  const signedAt = doc.signedAt ? new Date(doc.signedAt) : null
  return {
    title: AUTHORIZATION_TITLE,
    sections: [
      {
        heading: '一、委托人',
        lines: [`姓名：${doc.principal.name}`, `证件类型：${doc.principal.idType}`, `证件号码：${doc.principal.idNumberMasked}`],
      },
      {
        heading: '二、委托事项',
        lines: [
          `办件编号：${doc.caseNumber}`,
          `办理事项：${doc.itemName}`,
          `办理机构：${doc.hallName}`,
          `证照名称：${doc.licenceName}`,
          `证照份数：${doc.licenceCopies}`,
        ],
      },
      methodSection(doc.method),
      { heading: '四、委托权限', lines: [authoritySentence(doc.method)] },
      {
        heading: '五、委托期限',
        lines: [`本委托书自签署之日起${VALIDITY_DAYS}日内有效；期满仍未寄出或领取的，本委托自动失效，需重新签署。`],
      },
      {
        heading: '六、委托人声明',
        lines: [
          '本人确认以上信息真实、准确，上述证照系本人申请办理所得。本人知悉受托人在上述权限内代为签收或领取证照的行为对本人发生效力，因本人提供的收件或代领信息有误造成的延误、遗失由本人承担。',
          '本委托书以电子方式签署：本人的手写签名与本委托书内容经数字摘要和服务端电子签名一并保全，签署后任何改动均可被核验发现。',
        ],
      },
    ],
    signing: [
      `授权编号：${doc.number ?? '签署后生成'}`,
      `签署时间：${signedAt ? chineseDateTime(signedAt) : '确认签署时记录'}`,
      `有效期至：${signedAt ? chineseDate(validUntilOf(signedAt)) : `签署之日起${VALIDITY_DAYS}日`}`,
    ],
    signatureLabel: '委托人（签名）：',
  }
}

export type AuthorizationStatus = 'awaiting_shipment' | 'shipped' | 'delivered' | 'awaiting_pickup' | 'collected' | 'expired'

export const AUTHORIZATION_STATUS_LABELS: Record<AuthorizationStatus, string> = {
  awaiting_shipment: '待寄出',
  shipped: '已寄出',
  delivered: '已签收',
  awaiting_pickup: '待领取',
  collected: '已领取',
  expired: '已过期',
}

/** The steps shown on the status page, per method. */
export const STATUS_STEPS: Record<PickupMethod, AuthorizationStatus[]> = {
  ems: ['awaiting_shipment', 'shipped', 'delivered'],
  agent: ['awaiting_pickup', 'collected'],
}

export const initialStatus = (method: PickupMethod): AuthorizationStatus => (method === 'ems' ? 'awaiting_shipment' : 'awaiting_pickup')
