import Taro from '@tarojs/taro'
import { checkinTokenFromScan } from '../../domain/queue'
import { ApiError } from '../../services/http'

/** Scans the hall screen's QR code and returns its check-in token; failures carry a message for the user. */
export async function scanHallCheckinToken(): Promise<string> {
  const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => {
    throw new ApiError('SCAN_CANCELLED', '未完成扫码，请对准大厅签到二维码重试')
  })
  const token = checkinTokenFromScan(result.result)
  if (!token) throw new ApiError('NOT_CHECKIN_CODE', '这不是服务中心的签到二维码')
  return token
}

/** The phone's position (GCJ-02, as WeChat reports it) for a geofence check-in on the BFF. */
export async function currentLocation(): Promise<{ lat: number; lng: number }> {
  const position = await Taro.getLocation({ type: 'gcj02' }).catch(() => {
    throw new ApiError('LOCATION_DENIED', '无法获取位置，请允许定位或扫描大厅签到二维码')
  })
  return { lat: position.latitude, lng: position.longitude }
}
