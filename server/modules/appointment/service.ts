// The appointment module's public API: the routes, the jobs and other modules import from here only.
export { SLOT_FULL_MESSAGE } from './shared'
export { toAppointmentView, listMine, getMine, type AppointmentView } from './views'
export { listBookableDays, listDaySlots, book, cancel } from './booking'
export { checkIn, staffCheckIn, type CheckinProof } from './checkin'
export { markNoShows, sendReminders } from './jobs'
export { staffSettings, updateSettings, addClosure, removeClosure, staffDay } from './staff'
