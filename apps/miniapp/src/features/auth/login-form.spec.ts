import { canSendCode, canSubmit, normalizePhone, safeRedirect } from './login-form'

describe('sign-in form', () => {
  it('accepts an 11-digit mainland mobile number, typed with spaces', () => {
    expect(normalizePhone('138 0013 8000')).toBe('13800138000')
    expect(canSendCode('13800138000', 0)).toBe(true)
    expect(canSendCode('12800138000', 0)).toBe(false)
    expect(canSendCode('13800138000', 30)).toBe(false)
  })

  it('needs a 6-digit code', () => {
    expect(canSubmit('13800138000', '123456')).toBe(true)
    expect(canSubmit('13800138000', '12345')).toBe(false)
  })

  it('returns only to pages of this app after sign-in', () => {
    expect(safeRedirect(encodeURIComponent('/report/pages/new/index?token=abc'))).toBe('/report/pages/new/index?token=abc')
    expect(safeRedirect('https://evil.example/')).toBe('/pages/index/index')
    expect(safeRedirect(undefined)).toBe('/pages/index/index')
  })
})
