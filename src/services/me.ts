import { http } from './http'

export type StaffRole = 'staff' | 'reviewer' | 'clerk' | 'admin'

export interface RealNameView {
  nameMasked: string
  idNumberMasked: string
  sex: 'male' | 'female'
  age: number
}

/** The signed-in user as the BFF shows it: personal data arrives already masked. */
export interface Me {
  id: string
  phoneMasked: string | null
  wechatBound: boolean
  realName: RealNameView | null
  staff: { role: StaffRole; hallId: string; windowId: string | null }[]
}

export interface Message {
  id: string
  kind: string
  title: string
  body: string
  link: string | null
  createdAt: string
  read: boolean
}

export interface MessageList {
  messages: Message[]
  unread: number
}

export const getMe = () => http.get<Me>('/api/v1/me')

export const bindRealName = (input: { name: string; idNumber: string }) => http.put<Me>('/api/v1/me/real-name', input)

export const listMessages = () => http.get<MessageList>('/api/v1/me/messages')

export const markMessageRead = (id: string) => http.post<{ ok: true }>(`/api/v1/me/messages/${encodeURIComponent(id)}/read`)
