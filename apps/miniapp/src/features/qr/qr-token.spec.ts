import { tokenFromRouterParams, tokenFromScannedText } from './qr-token'

const T = 'k1.eyJjIjoxMjN9.AbC-dE_f'

describe('QR token', () => {
  it('reads the WeChat 普通链接二维码 `q` parameter (an encoded /q/<token> URL)', () => {
    expect(tokenFromRouterParams({ q: encodeURIComponent(`https://msb.example/q/${T}`) })).toBe(T)
  })

  it('reads ?token= and ?q= from H5 links and the raw scanned text', () => {
    expect(tokenFromRouterParams({ token: T })).toBe(T)
    expect(tokenFromRouterParams({ q: T })).toBe(T)
    expect(tokenFromScannedText(`https://msb.example/#/pages/index/index?token=${T}`)).toBe(T)
    expect(tokenFromScannedText(`https://msb.example/q/${T}?from=gate`)).toBe(T)
  })

  it('returns null for nothing or junk', () => {
    expect(tokenFromRouterParams({})).toBeNull()
    expect(tokenFromScannedText('<script>')).toBeNull()
    expect(tokenFromScannedText('https://other.example/')).toBeNull()
  })
})
