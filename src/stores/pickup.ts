import { create } from 'zustand'
import type { PickupMethod } from '../domain/pickup-authorization'
import type { Division } from '../services/pickup'

export interface AddressForm {
  /** The signer receives the parcel: the BFF fills the verified name and the sign-in phone (`recipient: 'self'`). */
  toSelf: boolean
  recipient: string
  phone: string
  province: Division | null
  city: Division | null
  district: Division | null
  address: string
  remember: boolean
}

export interface AgentForm {
  name: string
  idNumber: string
  phone: string
}

interface PickupFormState {
  caseNumber: string | null
  method: PickupMethod
  /** A remembered address chosen instead of typing one. */
  savedAddressId: string | null
  address: AddressForm
  agent: AgentForm
  /** Keeps what was typed when the same case is opened again (e.g. back from reading the text); starts over for another. */
  open(caseNumber: string): void
  setMethod(method: PickupMethod): void
  chooseSaved(id: string | null): void
  setAddress(patch: Partial<AddressForm>): void
  setAgent(patch: Partial<AgentForm>): void
  reset(): void
}

const emptyAddress: AddressForm = { toSelf: true, recipient: '', phone: '', province: null, city: null, district: null, address: '', remember: true }
const emptyAgent: AgentForm = { name: '', idNumber: '', phone: '' }
const initial = { caseNumber: null, method: 'ems' as PickupMethod, savedAddressId: null, address: emptyAddress, agent: emptyAgent }

/**
 * The authorization form in progress. Memory only, never persisted: it holds names, phone numbers
 * and an ID number that must not linger in the device's storage.
 */
export const usePickupForm = create<PickupFormState>()((set, get) => ({
  ...initial,
  open: (caseNumber) => {
    if (get().caseNumber !== caseNumber) set({ ...initial, caseNumber })
  },
  setMethod: (method) => set({ method }),
  chooseSaved: (savedAddressId) => set({ savedAddressId }),
  setAddress: (patch) => set((s) => ({ address: { ...s.address, ...patch } })),
  setAgent: (patch) => set((s) => ({ agent: { ...s.agent, ...patch } })),
  reset: () => set(initial),
}))
