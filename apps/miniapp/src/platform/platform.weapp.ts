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

/**
 * Asks the owner to allow the accepted / resolved / rating-due subscribe messages, so the BFF's outbox
 * can send them. WeChat only shows the prompt inside a user gesture: call it first thing in the 提交 tap,
 * before any await. A refusal or an old client never blocks filing.
 */
export function askSubscribeConsent(templateIds: readonly string[]): Promise<void> {
  if (!templateIds.length || typeof Taro.requestSubscribeMessage !== 'function') return Promise.resolve()
  return Taro.requestSubscribeMessage({ tmplIds: [...templateIds], entityIds: [] } as never).then(
    () => undefined,
    () => undefined,
  )
}

/** WeChat's keyboard fills SMS codes itself; nothing to set. */
export function setAutocomplete(_hostId: string, _value: 'one-time-code' | 'tel'): void {}
