import { Type } from '@sinclair/typebox'
import { Instant, Nullable, literals } from '../../core/schemas'
import { CONSENT_CHANNELS, LEGAL_DOCUMENT_KEYS } from '../../../src/domain/legal'

export const StaffAssignmentSchema = Type.Object({
  role: Type.Union([Type.Literal('staff'), Type.Literal('reviewer'), Type.Literal('clerk'), Type.Literal('admin')]),
  hallId: Type.String(),
  windowId: Type.Union([Type.String(), Type.Null()]),
})

export const MeSchema = Type.Object(
  {
    id: Type.String(),
    phoneMasked: Type.Union([Type.String(), Type.Null()]),
    wechatBound: Type.Boolean(),
    realName: Type.Union([
      Type.Object({
        nameMasked: Type.String(),
        idNumberMasked: Type.String(),
        sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
        age: Type.Integer(),
      }),
      Type.Null(),
    ]),
    staff: Type.Array(StaffAssignmentSchema),
    platformAdmin: Type.Boolean({ description: '平台管理员：可新建服务中心并设置其管理员' }),
    // The reading mode the user chose: true 长辈版, false the standard one, null never chosen.
    elderMode: Type.Union([Type.Boolean(), Type.Null()]),
    // Agreements whose current version this person has not accepted: the app asks again before going on.
    consentsDue: Type.Array(literals(LEGAL_DOCUMENT_KEYS)),
  },
  { $id: 'Me' },
)

export const MessageSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  read: Type.Boolean(),
})

export const MessageListSchema = Type.Object({ messages: Type.Array(MessageSchema), unread: Type.Integer() })

export const PreferencesBody = Type.Object({ elderMode: Type.Boolean({ title: '长辈版' }) }, { additionalProperties: false })

const Version = (title: string) => Type.String({ minLength: 1, maxLength: 40, title })

/** The versions a sign-in accepts (the login page's unticked checkbox); the BFF requires the current ones (src/domain/legal.ts). */
export const LoginAgreement = Type.Object(
  { terms: Version('《用户服务协议》版本'), privacy: Version('《隐私政策》版本') },
  { additionalProperties: false, title: '同意的协议', description: '勾选同意的《用户服务协议》和《隐私政策》的版本' },
)

/** The separate consent to process the ID number (PIPL art. 29) a real-name binding carries. */
export const SensitiveConsent = Version('敏感个人信息处理同意')

export const ConsentRecordSchema = Type.Object({
  id: Type.String(),
  document: literals(LEGAL_DOCUMENT_KEYS),
  title: Type.String(),
  version: Type.String(),
  acceptedAt: Instant,
  channel: literals(CONSENT_CHANNELS),
  withdrawnAt: Nullable(Instant),
  /** Whether this is the version in force now. */
  current: Type.Boolean(),
})

export const ConsentListSchema = Type.Object(
  {
    records: Type.Array(ConsentRecordSchema),
    /** Documents whose current version the person has not accepted (the app asks again). */
    due: Type.Array(literals(LEGAL_DOCUMENT_KEYS)),
  },
  { $id: 'ConsentList' },
)

export const AcceptConsentsBody = Type.Object(
  {
    accepted: Type.Array(
      Type.Object({ document: literals(LEGAL_DOCUMENT_KEYS, { title: '协议' }), version: Version('协议版本') }, { additionalProperties: false }),
      { minItems: 1, maxItems: 3, title: '同意的协议' },
    ),
  },
  { additionalProperties: false },
)
