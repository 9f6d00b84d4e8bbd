import { parseSession } from './session-state'

const now = Date.parse('2026-07-01T08:00:00Z')

describe('stored session', () => {
  it('keeps the owner signed in until the token expires', () => {
    const raw = JSON.stringify({ token: 'jwt', expiresAt: '2026-07-08T08:00:00Z', name: '业主1234' })
    expect(parseSession(raw, now)).toEqual({ token: 'jwt', expiresAt: '2026-07-08T08:00:00Z', name: '业主1234' })
  })

  it('treats an expired (or about to expire) token as signed out', () => {
    expect(parseSession(JSON.stringify({ token: 'jwt', expiresAt: '2026-07-01T08:00:30Z' }), now)).toBeNull()
    expect(parseSession(JSON.stringify({ token: 'jwt', expiresAt: '2026-06-30T08:00:00Z' }), now)).toBeNull()
  })

  it('ignores junk', () => {
    for (const raw of [null, '', '{', '[]', '{"token":""}', '{"token":"x","expiresAt":"soon"}']) expect(parseSession(raw, now)).toBeNull()
  })
})
