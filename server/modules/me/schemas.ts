import { Type } from '@sinclair/typebox'

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
    // The reading mode the user chose: true 长辈版, false the standard one, null never chosen.
    elderMode: Type.Union([Type.Boolean(), Type.Null()]),
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
