import Taro from '@tarojs/taro'
import { checkinTokenFromScan, type ReportedLocation } from '@/domain/queue'
import { ApiError } from '@/services/http'
import { decodeParam } from '@/routes'
import { isPrivacyRefusal } from '../privacy-sheet/consent'
import { PRIVACY_TEXT } from '../privacy-sheet/text'

/** Scans the hall screen's QR code and returns its check-in token; failures carry a message for the user. */
export async function scanHallCheckinToken(): Promise<string> {
  const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => {
    throw new ApiError('SCAN_CANCELLED', '未完成扫码，请对准大厅签到二维码重试')
  })
  const token = checkinTokenFromScan(result.result)
  if (!token) throw new ApiError('NOT_CHECKIN_CODE', '这不是服务中心的签到二维码')
  return token
}

/**
 * The phone's position for a location check-in. The BFF needs the accuracy the phone reports: it
 * refuses fixes too coarse to place the citizen in the hall (and records the check-in as unverified).
 */
export async function currentLocation(): Promise<ReportedLocation> {
  const position = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 }).catch((error: unknown) => {
    if (isPrivacyRefusal(error)) throw new ApiError('PRIVACY_DECLINED', PRIVACY_TEXT.declinedLocation)
    throw new ApiError('LOCATION_DENIED', '无法获取位置，请允许定位或扫描大厅签到二维码')
  })
  if (!(position.accuracy > 0)) throw new ApiError('LOCATION_INACCURATE', '无法获取定位精度，请扫描大厅签到二维码签到')
  return { lat: position.latitude, lng: position.longitude, accuracy: position.accuracy }
}

/**
 * The hall QR's token as a check-in page receives it: `token` from an in-app link or the H5 URL, or
 * `q` (the whole QR URL, encoded once) when WeChat's own scanner opened the mini-program through the
 * 扫普通链接二维码打开小程序 rule (README "WeChat mini-program").
 */
export function checkinTokenFromParams(params: Partial<Record<string, string>>): string | null {
  return checkinTokenFromScan(decodeParam(params.token) ?? decodeParam(params.q) ?? '')
}
