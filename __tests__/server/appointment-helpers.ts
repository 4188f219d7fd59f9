import { api, type TestServer } from './harness'

/** An F-category item (企业开办) offered at both halls, and a B-category one (税务). */
export const LLC_ITEM = 'company-llc-establishment'
export const SOLE_TRADER_ITEM = 'individual-business-registration'
export const TAX_ITEM = 'tax-info-confirmation'

export interface SlotView {
  id: string
  start: string
  end: string
  capacity: number
  remaining: number
}

/** The bookable days for an item at a hall, as the citizen's day picker gets them. */
export async function bookableDays(server: TestServer, hallId = 'tianfu', itemId = LLC_ITEM) {
  const reply = await api(server).get(`/api/v1/appointments/days?hallId=${hallId}&itemId=${itemId}`)
  if (reply.statusCode !== 200) throw new Error(`days failed: ${reply.body}`)
  return reply.json() as { days: { date: string; status: string; remaining: number; label: string | null }[] }
}

export async function slotsOf(server: TestServer, date: string, hallId = 'tianfu', itemId = LLC_ITEM): Promise<SlotView[]> {
  const reply = await api(server).get(`/api/v1/appointments/slots?hallId=${hallId}&itemId=${itemId}&date=${date}`)
  if (reply.statusCode !== 200) throw new Error(`slots failed: ${reply.body}`)
  return reply.json().slots
}

/** A slot on `date` starting at `start`. */
export async function slotAt(server: TestServer, date: string, start: string, hallId = 'tianfu', itemId = LLC_ITEM): Promise<SlotView> {
  const slot = (await slotsOf(server, date, hallId, itemId)).find((s) => s.start === start)
  if (!slot) throw new Error(`no slot at ${date} ${start}`)
  return slot
}

export const book = (server: TestServer, token: string, slotId: string, itemId = LLC_ITEM, headers?: Record<string, string>) =>
  api(server, token).post('/api/v1/appointments', { slotId, itemId }, headers)

/** Sets capacities (and any other settings) of a hall through the staff API. */
export async function configureHall(server: TestServer, staffToken: string, hallId: string, changes: Record<string, unknown>) {
  const current = await api(server, staffToken).get(`/api/v1/staff/halls/${hallId}/appointment-settings`)
  if (current.statusCode !== 200) throw new Error(`settings failed: ${current.body}`)
  const { settings, capacities } = current.json()
  const reply = await api(server, staffToken).put(`/api/v1/staff/halls/${hallId}/appointment-settings`, {
    ...settings,
    capacities: capacities.map((c: { categoryCode: string; capacity: number }) => ({ categoryCode: c.categoryCode, capacity: c.capacity })),
    ...changes,
  })
  if (reply.statusCode !== 200) throw new Error(`settings update failed (${reply.statusCode}): ${reply.body}`)
  return reply.json()
}
