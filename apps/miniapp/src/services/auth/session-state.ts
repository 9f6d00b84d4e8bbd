/** The stored sign-in (pure, so its expiry rule is unit-tested without Taro). */
export interface StoredSession {
  readonly token: string
  /** ISO time from the server's AuthSession.expiresAt. */
  readonly expiresAt: string
  readonly name: string
}

/** A minute of slack: a token about to expire is treated as expired, not sent and refused. */
const SKEW_MS = 60_000

export function parseSession(raw: string | null, now: number): StoredSession | null {
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as Partial<StoredSession>
    if (typeof v.token !== 'string' || !v.token || typeof v.expiresAt !== 'string') return null
    const exp = Date.parse(v.expiresAt)
    if (Number.isNaN(exp) || exp - SKEW_MS <= now) return null
    return { token: v.token, expiresAt: v.expiresAt, name: typeof v.name === 'string' ? v.name : '' }
  } catch {
    return null
  }
}
