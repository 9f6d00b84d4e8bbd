import { ErrorCode } from '@msb/shared-types'
import { ApiError } from '../../services/api/errors'
import { zh } from '../../i18n/zh'
import { buttonOutcome, wechatPhoneProblem } from './wechat-phone'

describe('the WeChat phone-number button', () => {
  it('has a code to exchange only when the owner allowed it', () => {
    expect(buttonOutcome({ code: 'abc', errMsg: 'getPhoneNumber:ok' })).toEqual({ code: 'abc' })
    expect(buttonOutcome({ errMsg: 'getPhoneNumber:fail user deny' })).toEqual({ declined: true })
    expect(buttonOutcome({ errMsg: 'getPhoneNumber:fail:user deny' })).toEqual({ declined: true })
    expect(buttonOutcome(undefined)).toEqual({ declined: true })
  })
  it('says what to do when the exchange fails, blaming the owner only for a stale code', () => {
    expect(wechatPhoneProblem(new ApiError(ErrorCode.BAD_USER_INPUT, 'x', { extensions: { field: 'code' } }))).toBe(zh.owner.wechatPhoneRetry)
    expect(wechatPhoneProblem(new ApiError(ErrorCode.BAD_USER_INPUT, 'x', { extensions: { reason: 'NOT_MAINLAND' } }))).toBe(zh.owner.wechatPhoneForeign)
    expect(wechatPhoneProblem(new ApiError(ErrorCode.RATE_LIMITED, 'x'))).toBe(zh.owner.wechatPhoneBusy)
    expect(wechatPhoneProblem(new ApiError(ErrorCode.INTERNAL, 'x'))).toBe(zh.owner.wechatPhoneFailed)
    expect(wechatPhoneProblem(new ApiError('NETWORK', 'x'))).toBe(zh.owner.wechatPhoneFailed)
  })
})
