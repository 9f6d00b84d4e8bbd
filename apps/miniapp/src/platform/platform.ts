/** Fallback (typing) for platform.<env>.ts. */
export const LOGIN_METHOD: 'wechat' | 'sms' = 'sms'
export const CAN_SCAN = false
export async function scanQr(): Promise<string | null> {
  return null
}

/** Asks consent for WeChat subscribe messages (weapp only; must run inside the tap's handler). */
export function askSubscribeConsent(_templateIds: readonly string[]): Promise<void> {
  return Promise.resolve()
}

/** H5 only: the autocomplete hint of a native input (weapp's keyboard has its own). */
export function setAutocomplete(_hostId: string, _value: 'one-time-code' | 'tel'): void {}
