/** Fallback (typing) for platform.<env>.ts. */
export const LOGIN_METHOD: 'wechat' | 'sms' = 'sms'
export const CAN_SCAN = false
export async function scanQr(): Promise<string | null> {
  return null
}
