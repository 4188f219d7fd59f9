import type { Me, StaffRole } from '@/services/me'

type Assignment = Me['staff'][number]

/** The user's assignment that grants `role` at `hallId` (an admin assignment grants every role). */
export const assignmentFor = (me: Me | null, hallId: string, role: StaffRole): Assignment | null =>
  me?.staff.find((a) => a.hallId === hallId && (a.role === role || a.role === 'admin')) ?? null

/** The hall a staff page works on: the requested one if the user may use `role` there, else their first such hall. */
export function staffHallFor(me: Me | null, role: StaffRole, requested: string | undefined): string | null {
  if (requested && assignmentFor(me, requested, role)) return requested
  return me?.staff.find((a) => a.role === role || a.role === 'admin')?.hallId ?? null
}
