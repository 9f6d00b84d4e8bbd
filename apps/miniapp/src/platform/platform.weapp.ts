import Taro from '@tarojs/taro'

export const LOGIN_METHOD: 'wechat' | 'sms' = 'wechat'
export const CAN_SCAN = true

/** Scan a gate's QR from inside the mini-program; the raw text (a /q/<token> URL). */
export async function scanQr(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
    return res.result || null
  } catch {
    return null
  }
}
