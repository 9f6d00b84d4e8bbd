/** Pure checks for the H5 phone + SMS sign-in form. */
import { PAGES } from '../../routes'

export const PHONE_RE = /^1[3-9]\d{9}$/
export const SMS_CODE_RE = /^\d{6}$/
export const RESEND_SECONDS = 60

export function normalizePhone(input: string): string {
  return input.replace(/[^\d]/g, '').slice(0, 11)
}

export function canSendCode(phone: string, secondsLeft: number): boolean {
  return PHONE_RE.test(phone) && secondsLeft <= 0
}

export function canSubmit(phone: string, code: string): boolean {
  return PHONE_RE.test(phone) && SMS_CODE_RE.test(code)
}

/** Only same-app paths are followed after sign-in (never an outside URL). */
export function safeRedirect(raw: string | undefined, fallback: string = PAGES.home): string {
  if (!raw) return fallback
  let url = raw
  try {
    url = decodeURIComponent(raw)
  } catch {
    return fallback
  }
  return /^\/(pages|report|tickets)\/[\w/-]+(\?.*)?$/.test(url) ? url : fallback
}
