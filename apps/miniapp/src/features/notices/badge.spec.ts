import { badgeText } from './badge-text'

describe('notice badge', () => {
  it('shows nothing at zero or unknown, the count up to 9, then 9+', () => {
    expect(badgeText(null)).toBeNull()
    expect(badgeText(0)).toBeNull()
    expect(badgeText(3)).toBe('3')
    expect(badgeText(10)).toBe('9+')
  })
})
