import { ErrorCode } from '@msb/shared-types'
import { zh } from '../../i18n/zh'
import { isApiError } from '../../services/api/errors'

/** What the button's event said: a code to exchange, or the owner declined (or the client is too old). */
export function buttonOutcome(detail: { code?: string; errMsg?: string } | undefined): { code: string } | { declined: true } {
  const code = detail?.code
  return code ? { code } : { declined: true }
}

/** The words under the button when the exchange failed: never the owner's fault unless it is theirs to retry. */
export function wechatPhoneProblem(e: unknown): string {
  if (isApiError(e, ErrorCode.BAD_USER_INPUT)) return e.extensions?.reason === 'NOT_MAINLAND' ? zh.owner.wechatPhoneForeign : zh.owner.wechatPhoneRetry
  if (isApiError(e, ErrorCode.RATE_LIMITED)) return zh.owner.wechatPhoneBusy
  if (isApiError(e, ErrorCode.UNAUTHENTICATED)) return zh.report.sessionExpired
  return zh.owner.wechatPhoneFailed
}
