export const LOGIN_METHOD: 'wechat' | 'sms' = 'sms'
/** A phone's own camera app opens the QR link in the browser; no in-page scanner. */
export const CAN_SCAN = false
export async function scanQr(): Promise<string | null> {
  return null
}
