export const LOGIN_METHOD: 'wechat' | 'sms' = 'sms'
/** A phone's own camera app opens the QR link in the browser; no in-page scanner. */
export const CAN_SCAN = false
export async function scanQr(): Promise<string | null> {
  return null
}

/** H5 has no subscribe messages: the owner is told in 我的工单 and 消息 instead. */
export function askSubscribeConsent(_templateIds: readonly string[]): Promise<void> {
  return Promise.resolve()
}

/**
 * Lets the phone's keyboard offer the SMS code it just received (`autocomplete="one-time-code"`),
 * and the phone number it knows (`tel`). Taro's input host does not pass the attribute through, so it
 * is set on the native input once it exists.
 */
export function setAutocomplete(hostId: string, value: 'one-time-code' | 'tel'): void {
  const apply = () => {
    const el = document.querySelector(`#${hostId} input, input#${hostId}`)
    if (!el) return false
    el.setAttribute('autocomplete', value)
    if (value === 'one-time-code') el.setAttribute('inputmode', 'numeric')
    return true
  }
  if (!apply()) setTimeout(apply, 300)
}
