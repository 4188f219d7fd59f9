import { Type, type Static } from '@sinclair/typebox'
import { Nullable, literals } from '../../core/schemas'

export const CaseNumber = Type.String({ pattern: '^[A-Za-z0-9-]{4,40}$', title: '办件编号', description: '办件编号' })
const DivisionCode = Type.String({ pattern: '^\\d{6}$', title: '省市区', description: 'GB/T 2260 六位代码（/api/v1/names/divisions）' })

export const MethodSchema = literals(['ems', 'agent'], { title: '取件方式' })
export const StatusSchema = Type.Union([
  Type.Literal('awaiting_shipment'),
  Type.Literal('shipped'),
  Type.Literal('delivered'),
  Type.Literal('awaiting_pickup'),
  Type.Literal('collected'),
  Type.Literal('expired'),
])

/** What a 取件委托书 says whatever the method: the draft a principal signs and the signed document share it. */
const DOCUMENT_PARTIES = {
  principal: Type.Object({ name: Type.String(), idType: Type.String(), idNumberMasked: Type.String() }),
  hallName: Type.String(),
  caseNumber: Type.String(),
  itemName: Type.String(),
  licenceName: Type.String(),
  licenceCopies: Type.String(),
}

export const DocumentSchema = Type.Object(
  {
    number: Nullable(Type.String()),
    ...DOCUMENT_PARTIES,
    method: Type.Union([
      Type.Object({
        kind: Type.Literal('ems'),
        recipient: Type.String(),
        phoneMasked: Type.String(),
        province: Type.String(),
        city: Type.String(),
        district: Type.String(),
        address: Type.String(),
      }),
      Type.Object({ kind: Type.Literal('agent'), name: Type.String(), idNumberMasked: Type.String(), phoneMasked: Type.String() }),
    ]),
    signedAt: Nullable(Type.String()),
  },
  { description: '取件委托书的内容（证件号码、电话已脱敏）' },
)

/** Where an authorization stands: every view of one starts with this. */
const AUTHORIZATION_STATE = {
  id: Type.String(),
  number: Type.String(),
  method: MethodSchema,
  status: StatusSchema,
  statusLabel: Type.String(),
  validUntil: Type.String(),
  emsNumber: Nullable(Type.String()),
}

export const AuthorizationSummarySchema = Type.Object({ ...AUTHORIZATION_STATE, createdAt: Type.String() })

export const LicenceSchema = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  itemName: Type.String(),
  hallId: Type.String(),
  hallName: Type.String(),
  licenceName: Type.String(),
  copies: Type.String(),
  issuedAt: Type.String(),
  status: Type.Union([Type.Literal('ready'), Type.Literal('handed_over')]),
  applicantNameMasked: Type.String(),
  authorization: Type.Union([AuthorizationSummarySchema, Type.Null()]),
})

export const PendingCaseSchema = Type.Object({
  caseNumber: Type.String(),
  itemName: Type.String(),
  licenceName: Type.String(),
  copies: Type.String(),
  applicantNameMasked: Type.String(),
  approvedAt: Type.String({ description: '预审通过时间' }),
})

export const PickupCaseSchema = Type.Object({
  caseNumber: Type.String(),
  itemName: Type.String(),
  hallName: Type.String(),
  resultLicence: Nullable(Type.String()),
  licence: Type.Union([LicenceSchema, Type.Null()]),
  /** Everything of the document except the method, number and signing time: null unless it can be signed now. */
  draft: Type.Union([Type.Object(DOCUMENT_PARTIES), Type.Null()]),
})

export const AddressSchema = Type.Object({
  id: Type.String(),
  recipient: Type.String(),
  phoneMasked: Type.String(),
  provinceCode: Type.String(),
  cityCode: Type.String(),
  districtCode: Type.String(),
  province: Type.String(),
  city: Type.String(),
  district: Type.String(),
  address: Type.String(),
})

export const EventSchema = Type.Object({ kind: Type.String(), label: Type.String(), note: Nullable(Type.String()), at: Type.String() })

/** What the principal and the clerk both see of an authorization. */
const AUTHORIZATION_FIELDS = {
  ...AUTHORIZATION_STATE,
  signedAt: Type.String(),
  agentVerified: Type.Boolean(),
  document: DocumentSchema,
  events: Type.Array(EventSchema),
}

export const AuthorizationSchema = Type.Object({
  ...AUTHORIZATION_FIELDS,
  /** Agent pickup while awaiting: the signed code and its QR image (PNG data URL) for the window. */
  pickupCode: Nullable(Type.String()),
  pickupQr: Nullable(Type.String()),
})

export const ClerkAuthorizationSchema = Type.Object({
  ...AUTHORIZATION_FIELDS,
  /** EMS only: what goes on the waybill. */
  shipping: Type.Union([Type.Object({ recipient: Type.String(), phone: Type.String(), address: Type.String() }), Type.Null()]),
})

export const TrackingSchema = Type.Object(
  {
    method: MethodSchema,
    emsNumber: Nullable(Type.String()),
    status: StatusSchema,
    statusLabel: Type.String(),
    automatic: Type.Boolean({ description: '是否自动查询邮政EMS轨迹（否：由窗口人工登记寄递进度）' }),
    checkedAt: Nullable(Type.String({ description: '最近一次向邮政查询的时间' })),
    events: Type.Array(
      Type.Object({
        code: Type.String({ description: '邮政操作码，如 704 妥投' }),
        name: Type.String(),
        at: Type.String(),
        place: Nullable(Type.String()),
        description: Type.String(),
      }),
      { description: '邮政EMS轨迹，最新的在前' },
    ),
  },
  { description: '取件委托的寄递轨迹' },
)

export const VerificationSchema = Type.Object({
  intact: Type.Boolean(),
  number: Type.String(),
  signedAt: Type.String(),
  digest: Type.String(),
  keyFingerprint: Type.String(),
  checks: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), ok: Type.Boolean() })),
  checkedAt: Type.String(),
})

const MAX_SIGNATURE_BASE64 = 210_000

/** The EMS recipient is the signing user: the BFF fills the verified name and the sign-in phone, which the app never holds in full. */
export const SELF_RECIPIENT = 'self'

export const SignBody = Type.Object(
  {
    caseNumber: CaseNumber,
    method: MethodSchema,
    addressId: Type.Optional(Type.String({ format: 'uuid', title: '常用地址' })),
    address: Type.Optional(
      Type.Object(
        {
          recipient: Type.Union([Type.Literal(SELF_RECIPIENT), Type.String({ minLength: 1, maxLength: 30 })], {
            title: '收件人',
            description: "收件人姓名；'self' 为本人：BFF 填入本人的实名姓名和登录手机号（此时不带 phone）",
          }),
          phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20, title: '收件人电话', description: '收件人不是本人时必填' })),
          provinceCode: DivisionCode,
          cityCode: DivisionCode,
          districtCode: DivisionCode,
          address: Type.String({ minLength: 1, maxLength: 80, title: '详细地址' }),
          remember: Type.Boolean({ title: '保存为常用地址' }),
        },
        { additionalProperties: false, title: '收件地址' },
      ),
    ),
    agent: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 30, title: '代领人姓名' }),
          idNumber: Type.String({ minLength: 1, maxLength: 30, title: '代领人身份证号' }),
          phone: Type.String({ minLength: 1, maxLength: 20, title: '代领人电话' }),
        },
        { additionalProperties: false, title: '代领人' },
      ),
    ),
    signaturePng: Type.String({ minLength: 1, maxLength: MAX_SIGNATURE_BASE64, title: '手写签名', description: '手写签名 PNG（base64 或 data URL）' }),
  },
  { additionalProperties: false },
)

export const HallLicenceStateSchema = literals(['ready', 'awaiting', 'shipped', 'done'], { title: '证照状态' })

export const EventBody = Type.Object(
  {
    kind: literals(['transit', 'delivered'], { title: '寄递进度' }),
    note: Type.Optional(Type.String({ maxLength: 60, title: '备注' })),
  },
  { additionalProperties: false },
)

export type SignInput = Static<typeof SignBody>
export type LicenceView = Static<typeof LicenceSchema>
export type PendingCaseView = Static<typeof PendingCaseSchema>
export type AuthorizationView = Static<typeof AuthorizationSchema>
export type ClerkAuthorizationView = Static<typeof ClerkAuthorizationSchema>
export type VerificationView = Static<typeof VerificationSchema>
export type TrackingView = Static<typeof TrackingSchema>
