import type { HallSettings } from '../../server/modules/admin/schemas'

/** A street centre under 天府新区 as an administrator would set it up: the settings of the hall suites (server and app). */
export const HUAYANG_SETTINGS: HallSettings = {
  name: '华阳街道便民服务中心',
  shortName: '华阳街道',
  address: '四川天府新区华阳街道正东街 1 号',
  phone: '028-85600000',
  lat: 30.5,
  lng: 104.05,
  geofenceMeters: 300,
  countyCode: '510116',
  openTime: '09:00',
  closeTime: '17:00',
  takeCutoffMinutes: 30,
  level: 'street',
  parentHallId: 'tianfu',
  parentManaged: false,
}
